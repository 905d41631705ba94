import { z } from 'zod';
import { directoryKinds, hoursIntervalSchema } from '../directory/directory.schemas.ts';

/**
 * An organisation as the admin edits it: the reference row routing uses (names, contacts,
 * territories and categories served, parent authority) with the directory's kind and weekly hours
 * (one editor, one validation: the directory's).
 */
export const adminOrganisationSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(directoryKinds),
  name: z.object({ ru: z.string(), en: z.string() }),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  hours: z.array(hoursIntervalSchema),
  parentId: z.uuid().nullable(),
  territoryIds: z.array(z.uuid()),
  categoryIds: z.array(z.uuid()),
  isActive: z.boolean(),
  reportCount: z.number().int(),
  ruleCount: z.number().int(),
  staffCount: z.number().int(),
  childCount: z.number().int(),
});
export type AdminOrganisation = z.infer<typeof adminOrganisationSchema>;
export const adminOrganisationListSchema = z.object({ items: z.array(adminOrganisationSchema) });

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{1,62}$/, 'vmeste:territory_code_format');
const name = z.string().trim().min(2).max(200);
const phone = z.string().trim().min(3).max(60).nullable();
const email = z.email().max(200).nullable();
const ids = z.array(z.uuid()).max(500);

export const createOrganisationSchema = z.strictObject({
  code,
  kind: z.enum(directoryKinds),
  nameRu: name,
  nameEn: name,
  phone: phone.default(null),
  email: email.default(null),
  /** Weekly hours (the directory's intervals); overlapping ones are refused. */
  hours: z.array(hoursIntervalSchema).max(28).default([]),
  /** The authority this body answers to; no cycles. */
  parentId: z.uuid().nullable().default(null),
  territoryIds: ids.default([]),
  categoryIds: ids.default([]),
});
export type CreateOrganisation = z.infer<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z.strictObject({
  kind: z.enum(directoryKinds).optional(),
  nameRu: name.optional(),
  nameEn: name.optional(),
  phone: phone.optional(),
  email: email.optional(),
  hours: z.array(hoursIntervalSchema).max(28).optional(),
  parentId: z.uuid().nullable().optional(),
  territoryIds: ids.optional(),
  categoryIds: ids.optional(),
  /** False archives the organisation (no new reports or rules; its reports keep it); true restores it. */
  isActive: z.boolean().optional(),
});
export type UpdateOrganisation = z.infer<typeof updateOrganisationSchema>;

export const organisationAdminParamsSchema = z.object({ id: z.uuid() });
