import type { Db } from '../../db/connection.ts';
import { MicroBatcher } from '../../lib/micro-batcher.ts';
import { type IntakeInput, type IntakeOutcome, insertSubmittedReports } from './intake.repo.ts';

/**
 * Files the submissions that arrive within one turn of the event loop in one statement (see
 * MicroBatcher): 32 concurrent reports become a few statements and commits. Each caller gets its own
 * outcome; if the batch statement fails as a whole, each report is retried alone.
 */
export class IntakeBatcher {
  private readonly batcher: MicroBatcher<IntakeInput, IntakeOutcome>;

  constructor(
    db: Db,
    /** The nearest-district tolerance in force (a region setting, read per batch). */
    toleranceMeters: () => Promise<number>,
    maxBatch = 32,
  ) {
    this.batcher = new MicroBatcher(async (inputs) => {
      const outcomes = await insertSubmittedReports(db, inputs, await toleranceMeters());
      return inputs.map((i) => outcomes.get(i.id));
    }, maxBatch);
  }

  submit(input: IntakeInput): Promise<IntakeOutcome> {
    return this.batcher.submit(input);
  }
}
