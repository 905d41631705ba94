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
    // Not shared between callers: on the embedded database a refresh started outside a transaction
    // could wait for a transaction whose own caller waits for that refresh.
    if (Date.now() - this.checkedAt > this.recheckMs) await this.refresh(exec);
    return this.model;
  }

  /** Forget the check time so the next call looks for a newer model (after a retraining here). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(exec: Executor): Promise<void> {
    this.checkedAt = Date.now();
    try {
      const row = await activeModel(exec);
      if (!row) {
        this.model = null;
        this.modelId = null;
        return;
      }
      if (row.id === this.modelId) return;
      this.model = await loadModel(ModelStore.fileFor(this.dataDir, row.storageKey));
      this.modelId = row.id;
    } catch (err) {
      this.onError(err);
    }
  }
}
