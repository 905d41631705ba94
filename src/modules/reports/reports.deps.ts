import type { SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AppConfig } from '../../server/config.ts';
import type { AnswerQuality } from '../answers/answers.schemas.ts';
import type { AnswerCheck, AnswerUnderCheck } from '../answers/index.ts';
import type { CalendarSource } from '../calendar/index.ts';
import type { SimilarReport } from '../duplicates/duplicates.schemas.ts';
import type { Actor } from '../identity/index.ts';
import type { AdvisorOpinion } from '../routing/index.ts';
import type { IntakeBatcher } from './intake.batcher.ts';

/** What the report use cases need from the app: the database, the clock, settings and collaborators. */
export type ReportsDeps = {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'disputeWindowDays' | 'regionToleranceMeters'>;
  /** The classifier's opinion for reports the rule table cannot route (absent: rules and curator only). */
  routingAdvisor?: (
    exec: Executor,
    report: { text: string; district: string | null },
  ) => Promise<AdvisorOpinion>;
  /** Batches concurrent submissions into one statement (absent: each report is filed alone). */
  intake?: IntakeBatcher;
  /** Staff corrections of a report's subject become training labels. */
  recordCategoryCorrection?: (
    exec: Executor,
    correction: { reportId: string; categoryCode: string; actorId: string; at: Date },
  ) => Promise<void>;
  /** The production calendar for deadlines (absent: read from the database each time). */
  calendar?: CalendarSource;
  /** Staff corrections of routing become training labels. */
  recordCorrection?: (
    exec: Executor,
    correction: {
      reportId: string;
      organisationId: string;
      actorId: string;
      at: Date;
      source?: 'curator_assign' | 'redirect';
      organisationCode?: string;
    },
  ) => Promise<void>;
  /** Likely non-answers flagged at submission for the reviewer (absent: no flags). */
  answerQuality?: {
    /**
     * The column the action's locked read adds to bring what the flags compare with, for the acting
     * operator's organisation (`r.id` is the locked report; the values fill its placeholders).
     */
    factsColumn?(organisationId: string): {
      column: SQL;
      values: Record<string, unknown>;
      organisationId: string;
    };
    /** The flags of the working answer (read-only: the action stores them with its own writes). */
    assess(
      exec: Executor,
      a: { reportId: string; answer: AnswerUnderCheck; now: Date },
      prefetched?: { organisationId: string; raw: unknown },
    ): Promise<AnswerCheck>;
    /** Stores them, where the action's writes go one statement at a time (Citus). */
    save(exec: Executor, check: AnswerCheck): Promise<void>;
    forget(exec: Executor, answerId: string): Promise<void>;
    /** The stored flags as shown to the staff handling the answer (the page reads them itself). */
    present(check: { flags: unknown[]; checkedAt: Date }): AnswerQuality;
  };
  /** Open reports that look like the one just filed, offered for support (absent: none offered). */
  findSimilar?: (
    actor: Actor,
    report: { id: string; categoryId: string; lat: number; lon: number; text: string },
  ) => Promise<SimilarReport[]>;
  /**
   * A command's writes (the report, its events, its audit rows) go as one statement of data-modifying
   * CTEs: true on plain PostgreSQL and PGlite; absent or false on Citus, which never router-plans an
   * INSERT CTE (docs/scale-out.md), so there they go one statement each.
   */
  oneStatementWrites?: boolean;
  /** Told after a command's timeline events are committed (notifications, live pages). */
  onEventsCommitted?: (reportId: string) => void;
};
