import type { Executor } from '../../db/connection.ts';
import { listAllDays } from './calendar.repo.ts';
import { ProductionCalendar } from './production-calendar.ts';

/**
 * The production calendar kept in memory: a few hundred rows read once, then reused by every
 * deadline computation. An edit on this node clears it at once; other nodes pick an edit up within
 * `ttlMs` (30 s by default), as the classifier's ModelStore does with a new model.
 */
export class CalendarStore {
  private cached: { calendar: ProductionCalendar; loadedAt: number } | null = null;

  constructor(
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(exec: Executor): Promise<ProductionCalendar> {
    if (this.cached && this.now() - this.cached.loadedAt < this.ttlMs) return this.cached.calendar;
    const calendar = new ProductionCalendar(await listAllDays(exec));
    this.cached = { calendar, loadedAt: this.now() };
    return calendar;
  }

  invalidate(): void {
    this.cached = null;
  }
}

/** Reads the calendar afresh: for callers without a store (the seed, one-off commands). */
export const uncachedCalendar = {
  get: async (exec: Executor) => new ProductionCalendar(await listAllDays(exec)),
};

export type CalendarSource = Pick<CalendarStore, 'get'>;
