import path from 'node:path';
import type { Db, Executor } from '../../db/connection.ts';
import { activeModel } from './classifier.repo.ts';
import type { ClassifierModel } from './model.ts';
import { loadModel } from './serialize.ts';

/**
 * The active model, loaded once and swapped when another one becomes active (checked at most every
 * `recheckMs`, so every app node follows a retraining within that time). A missing or unreadable
 * model file leaves the store empty: routing then falls back to the curator, never crashes.
 */
export class ModelStore {
  private model: ClassifierModel | null = null;
  private modelId: string | null = null;
  private checkedAt = 0;
  /** Counts invalidations, so a check that began before one does not mark the store as checked. */
  private generation = 0;
  /** The model file being read, shared by every caller that needs it meanwhile. */
  private reading: { id: string; model: Promise<ClassifierModel> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly recheckMs = 30_000,
  ) {}

  static fileFor(dataDir: string, storageKey: string): string {
    return path.join(dataDir, storageKey);
  }

  /**
   * The current model, or null when none has been trained or it cannot be read. Inside a
   * transaction pass it as `exec`: on the embedded database a query outside an open transaction
   * waits for that transaction to end, so it would wait forever.
   */
  async current(exec: Executor = this.db): Promise<ClassifierModel | null> {
    if (Date.now() - this.checkedAt > this.recheckMs) await this.refresh(exec);
    return this.model;
  }

  /** Forget the check time so the next call looks for a newer model (after a retraining here). */
  invalidate(): void {
    this.checkedAt = 0;
    this.generation += 1;
  }

  /**
   * Each caller asks the database itself, on its own executor: a shared query started outside a
   * transaction could, on the embedded database, wait for a transaction whose caller waits for it.
   * While a model is held, callers meanwhile keep using it (the check is marked done at once); before
   * the first one is loaded they each check, and wait for the file read under way rather than answer
   * "no model" while it is being read — which once left a resident without suggestions.
   */
  private async refresh(exec: Executor): Promise<void> {
    const startedAt = Date.now();
    const generation = this.generation;
    if (this.model) this.checkedAt = startedAt;
    try {
      const row = await activeModel(exec);
      if (!row) {
        this.model = null;
        this.modelId = null;
      } else if (row.id !== this.modelId) {
        const model = await this.read(row.id, row.storageKey);
        this.model = model;
        this.modelId = row.id;
      }
    } catch (err) {
      this.onError(err);
    }
    if (generation === this.generation) this.checkedAt = Math.max(this.checkedAt, startedAt);
  }

  private read(id: string, storageKey: string): Promise<ClassifierModel> {
    if (this.reading?.id !== id) {
      const model = loadModel(ModelStore.fileFor(this.dataDir, storageKey));
      const reading = { id, model };
      this.reading = reading;
      // Forgotten once read (or failed), so a later check reads a replaced or repaired file anew.
      const forget = () => {
        if (this.reading === reading) this.reading = null;
      };
      model.then(forget, forget);
    }
    return this.reading.model;
  }
}
