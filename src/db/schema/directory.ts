import { boolean, date, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { directoryKinds } from '../../modules/directory/directory.schemas.ts';
import { organisations } from './reference.ts';

export type { DirectoryKind } from '../../modules/directory/directory.schemas.ts';

/** One opening interval of a weekday (ISO: 1 = Monday); `closes` at or before `opens` runs past midnight. */
export type StoredHours = {
  day: number;
  opens: string;
  closes: string;
  breaks: { from: string; to: string }[];
}[];

export type StoredService = { ru: string; en: string };

/**
 * What the public directory says about an organisation beyond the reference row (which routing owns):
 * its kind as residents know it (a municipal body is an authority to routing), working hours, days
 * off, addresses served, services.
 */
export const organisationProfiles = pgTable('organisation_profiles', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: directoryKinds }),
  descriptionRu: text('description_ru'),
  descriptionEn: text('description_en'),
  website: text('website'),
  officeAddress: text('office_address'),
  servedAddresses: text('served_addresses').array().notNull().default([]),
  services: jsonb('services').$type<StoredService[]>().notNull().default([]),
  hours: jsonb('hours').$type<StoredHours>().notNull().default([]),
  daysOff: date('days_off').array().notNull().default([]),
  /** Closed on the production calendar's holidays (most offices are). */
  observesHolidays: boolean('observes_holidays').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
