import { z } from 'zod';

/** A category as the admin edits it: archived ones included, with how many reports refer to it. */
export const adminCategorySchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.object({ ru: z.string(), en: z.string() }),
  /** Working days to answer; topics have none. */
  slaDays: z.number().int().nullable(),
  /** Working hours from submission to the moderator's decision; null: no moderation deadline. */
  moderationHours: z.number().int().nullable(),
  photoRequired: z.boolean(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  reportCount: z.number().int(),
});
export type AdminCategory = z.infer<typeof adminCategorySchema>;
export const adminCategoryListSchema = z.object({ items: z.array(adminCategorySchema) });

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'vmeste:category_code_format');
const name = z.string().trim().min(2).max(120);

export const createCategorySchema = z.strictObject({
  /** Null for a topic; a topic's id for a subject residents choose. */
  parentId: z.uuid().nullable().default(null),
  code,
  nameRu: name,
  nameEn: name,
  slaDays: z.number().int().min(1).max(60).nullable().default(null),
  moderationHours: z.number().int().min(1).max(240).nullable().default(null),
  photoRequired: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export type CreateCategory = z.infer<typeof createCategorySchema>;

export const updateCategorySchema = z.strictObject({
  nameRu: name.optional(),
  nameEn: name.optional(),
  slaDays: z.number().int().min(1).max(60).nullable().optional(),
  moderationHours: z.number().int().min(1).max(240).nullable().optional(),
  photoRequired: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  /** False archives the category (no longer offered; its reports keep it); true restores it. */
  isActive: z.boolean().optional(),
});
export type UpdateCategory = z.infer<typeof updateCategorySchema>;

export const categoryParamsSchema = z.object({ id: z.uuid() });
