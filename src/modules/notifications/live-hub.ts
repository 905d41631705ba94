import type { Db } from '../../db/connection.ts';
import * as repo from './live.repo.ts';

export type LiveEvent = {
  id: number;
  reportId: string;
  type: string;
  toStatus: string | null;
  isPublic: boolean;
};
type ReportListener = (event: LiveEvent) => void;
type UserListener = () => void;

/**
 * Live updates for open pages on this node. While anybody listens, it polls the database for new
 * timeline events and new notifications by id (the tables are the message bus: whichever node
 * wrote them, every node sees them, on PostgreSQL and on PGlite alike) and hands them to the
 * listeners. A local change is pushed at once through `kick`; others arrive within `pollMs`.
 * With no listeners it does not poll at all.
 */
export class LiveHub {
  private readonly reports = new Map<string, Set<ReportListener>>();
  private readonly users = new Map<string, Set<UserListener>>();
  private readonly streams = new Set<() => void>();
  private lastEventId: number | null = null;
  private lastNotificationId: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly pollMs: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async subscribeReport(reportId: string, listener: ReportListener): Promise<() => void> {
    return this.add(this.reports, reportId, listener);
  }

  async subscribeUser(userId: string, listener: UserListener): Promise<() => void> {
    return this.add(this.users, userId, listener);
  }

  /** A stream to end when the app shuts down (its own close function). */
  trackStream(close: () => void): () => void {
    this.streams.add(close);
    return () => this.streams.delete(close);
  }

  /** This node changed something a person's count depends on (e.g. marked notifications read). */
  userChanged(userId: string): void {
    for (const l of this.users.get(userId) ?? []) l();
  }

  /** Something was just committed: look now rather than at the next tick. */
  kick(): void {
    if (this.listenerCount() === 0 || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.poll().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Ends every open stream and stops polling (app shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const close of [...this.streams]) close();
    await this.running;
  }

  listenerCount(): number {
    let n = 0;
    for (const s of this.reports.values()) n += s.size;
    for (const s of this.users.values()) n += s.size;
    return n;
  }

  private async add<L>(map: Map<string, Set<L>>, key: string, listener: L): Promise<() => void> {
    if (this.lastEventId === null || this.lastNotificationId === null) {
      // Start from now: a page that opens gets the state by reading, and changes from here on.
      const [events, notes] = await Promise.all([
        repo.lastEventId(this.db),
        repo.lastNotificationId(this.db),
      ]);
      this.lastEventId ??= events;
      this.lastNotificationId ??= notes;
    }
    const set = map.get(key) ?? new Set<L>();
    set.add(listener);
    map.set(key, set);
    if (!this.timer && !this.stopped) {
      this.timer = setInterval(() => this.kick(), this.pollMs);
      this.timer.unref();
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) map.delete(key);
      if (this.listenerCount() === 0) this.idle();
    };
  }

  private idle(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lastEventId = null;
    this.lastNotificationId = null;
  }

  private async poll(): Promise<void> {
    try {
      if (this.lastEventId !== null) {
        const events = await repo.liveEventsAfter(this.db, this.lastEventId, 1000);
        for (const e of events) {
          this.lastEventId = Math.max(this.lastEventId ?? 0, e.id);
          for (const l of this.reports.get(e.reportId) ?? []) l(e);
        }
      }
      if (this.lastNotificationId !== null) {
        const notes = await repo.notificationsAfter(this.db, this.lastNotificationId, 1000);
        const touched = new Set<string>();
        for (const n of notes) {
          this.lastNotificationId = Math.max(this.lastNotificationId ?? 0, n.id);
          touched.add(n.userId);
        }
        for (const userId of touched) this.userChanged(userId);
      }
    } catch (err) {
      this.onError(err);
    }
  }
}
