import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * Corrections by staff become training labels: a curator assigning an organisation the routing could
 * not find, or a different one than proposed, says which organisation was right for that report.
 */
export const trainingLabels = pgTable(
  'training_labels',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    label: text('label', { enum: ['category', 'executor_org'] }).notNull(),
    /** A category code or an organisation code (the classifier's vocabulary). */
    value: text('value').notNull(),
    source: text('source').notNull(),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_labels_report_idx').on(t.reportId)],
);

/** Every trained model: the active one routes; candidates that scored worse are kept for the record. */
export const classifierModels = pgTable(
  'classifier_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status', { enum: ['active', 'retired', 'rejected'] }).notNull(),
    /** Storage key of the model file under DATA_DIR. */
    storageKey: text('storage_key').notNull(),
    trainedOn: integer('trained_on').notNull(),
    /** Scores on the held-out slice: this model's and the previous active model's. */
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    trigger: text('trigger', { enum: ['seed', 'schedule', 'admin'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('classifier_models_status_idx').on(t.status, t.createdAt)],
);
