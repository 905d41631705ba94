import { z } from 'zod';

/** The roles staff administration gives (a resident registers by themselves). */
export const staffRoleSchema = z.enum(['moderator', 'operator', 'curator', 'analyst', 'admin']);
export type StaffRoleName = z.infer<typeof staffRoleSchema>;

const localName = z.object({ ru: z.string(), en: z.string() });
const namedRef = z.object({ id: z.uuid(), code: z.string(), name: localName });

/** What the signed-in manager may do to this account (the UI shows only these). */
export const staffAllowedSchema = z.object({
  changeRole: z.boolean(),
  changeScope: z.boolean(),
  suspend: z.boolean(),
  reactivate: z.boolean(),
});

/** A staff account as its managers see it (admins; curators for the operators in their territory). */
export const staffAccountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  organisation: namedRef.nullable(),
  territory: namedRef.nullable(),
  suspended: z.boolean(),
  suspendedAt: z.iso.datetime().nullable(),
  lastSignInAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  allowed: staffAllowedSchema,
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const staffListQuerySchema = z.object({
  role: staffRoleSchema.optional(),
  organisationId: z.uuid().optional(),
  territoryId: z.uuid().optional(),
  suspended: z.enum(['true', 'false']).optional(),
  /** Part of the name or e-mail. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

export const staffListSchema = z.object({
  items: z.array(staffAccountSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StaffList = z.infer<typeof staffListSchema>;

export const staffParamsSchema = z.object({ id: z.uuid() });

/**
 * A change of role and scope. A scope field left out keeps its value when the new role still needs
 * it and is cleared when it does not (an operator made a moderator loses the organisation).
 */
export const updateStaffSchema = z
  .object({
    role: staffRoleSchema.optional(),
    organisationId: z.uuid().nullable().optional(),
    territoryId: z.uuid().nullable().optional(),
  })
  .strict();
export type UpdateStaff = z.infer<typeof updateStaffSchema>;

/** Roles, organisations and territories the signed-in manager may give (for the forms). */
export const staffOptionsSchema = z.object({
  roles: z.array(staffRoleSchema),
  organisations: z.array(namedRef),
  territories: z.array(namedRef.extend({ kind: z.enum(['region', 'district', 'municipality']) })),
});
export type StaffOptions = z.infer<typeof staffOptionsSchema>;

export const inviteStaffSchema = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(2).max(120),
    role: staffRoleSchema,
    organisationId: z.uuid().nullable().optional(),
    territoryId: z.uuid().nullable().optional(),
    /** The language of the invitation letter. */
    locale: z.enum(['ru', 'en']).default('ru'),
  })
  .strict();
export type InviteStaff = z.infer<typeof inviteStaffSchema>;

export const invitationStatusSchema = z.enum(['pending', 'accepted', 'expired', 'revoked']);

export const staffInvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  organisation: namedRef.nullable(),
  territory: namedRef.nullable(),
  status: invitationStatusSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type StaffInvitation = z.infer<typeof staffInvitationSchema>;

export const staffInvitationListSchema = z.object({ items: z.array(staffInvitationSchema) });

export const invitationTokenSchema = z.string().min(16).max(200);

export const invitationPreviewQuerySchema = z.object({ token: invitationTokenSchema });

/** What the invitee sees before accepting: who invited them to what (no one else's data). */
export const invitationPreviewSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  organisation: namedRef.nullable(),
  territory: namedRef.nullable(),
  expiresAt: z.iso.datetime(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptInvitationSchema = z.object({
  token: invitationTokenSchema,
  password: z.string().min(10).max(200),
  /** The invitee may correct the name the admin typed. */
  name: z.string().trim().min(2).max(120).optional(),
});
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;

export const acceptedInvitationSchema = z.object({ email: z.string() });

/** Up to 1,000 lines of CSV: email, name, role, organisation, territory (codes or ids). */
export const staffImportSchema = z.object({
  csv: z.string().min(1, 'vmeste:staff_csv_empty').max(1_000_000),
  locale: z.enum(['ru', 'en']).default('ru'),
});
export type StaffImport = z.infer<typeof staffImportSchema>;

export const staffImportResultSchema = z.object({
  invited: z.number().int(),
  items: z.array(staffInvitationSchema),
});
export type StaffImportResult = z.infer<typeof staffImportResultSchema>;
