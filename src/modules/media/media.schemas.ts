import { z } from 'zod';

export const mediaUploadResponseSchema = z.object({
  id: z.uuid(),
  contentType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  /** A document's safe file name (null for a photo). */
  fileName: z.string().nullable(),
  url: z.string(),
  /** Null for a document (PDF). */
  thumbUrl: z.string().nullable(),
});
export type MediaUpload = z.infer<typeof mediaUploadResponseSchema>;

export const photoSchema = z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string() });
export type Photo = z.infer<typeof photoSchema>;

export const mediaParamsSchema = z.object({ id: z.uuid() });
