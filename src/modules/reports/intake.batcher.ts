import type { Db } from '../../db/connection.ts';
import { type IntakeInput, type IntakeOutcome, insertSubmittedReports } from './intake.repo.ts';

type Pending = { input: IntakeInput; resolve: (o: IntakeOutcome) => void; reject: (e: unknown) => void };

/**
 * Gathers the submissions that arrive within one turn of the event loop and files them in one
 * statement (no timer: a lone request waits for nothing but the current turn). Under load this turns
 * 32 concurrent reports into a few statements and commits. Each caller gets its own outcome; if the
 * batch statement fails as a whole, each report is retried alone so one cannot sink the others.
 */
export class IntakeBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    /** The nearest-district tolerance in force (a region setting, read per batch). */
    private readonly toleranceMeters: () => Promise<number>,
    private readonly maxBatch = 32,
  ) {}

  submit(input: IntakeInput): Promise<IntakeOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.maxBatch) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    if (batch.length === 0) return;
    try {
      this.settle(
        batch,
        await insertSubmittedReports(
          this.db,
          batch.map((p) => p.input),
          await this.toleranceMeters(),
        ),
      );
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      const tolerance = await this.toleranceMeters().catch(() => null);
      for (const p of batch) {
        if (tolerance === null) {
          p.reject(err);
          continue;
        }
        insertSubmittedReports(this.db, [p.input], tolerance).then(
          (outcomes) => this.settle([p], outcomes),
          p.reject,
        );
      }
    }
  }

  private settle(batch: Pending[], outcomes: Map<string, IntakeOutcome>): void {
    for (const p of batch) {
      const outcome = outcomes.get(p.input.id);
      if (outcome) p.resolve(outcome);
      else p.reject(new Error(`intake returned no row for ${p.input.id}`));
    }
  }
}
