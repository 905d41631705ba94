import { z } from 'zod';

export const listNotificationsQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    unread: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true'),
  })
  .strict();
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const notificationSchema = z.object({
  id: z.number().int(),
  /** The timeline event's type (accepted, answer_published, …). */
  type: z.string(),
  /** One line in the caller's language (Accept-Language). */
  message: z.string(),
  /** The report it is about; null for other news (e.g. a vote's winners), see `link`. */
  report: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  /** Where it leads in the web app (a report page, a vote page). */
  link: z.string(),
  /** The report's status the event led to. */
  status: z.string().nullable(),
  /** Why the caller got it: author, followers, operators, curators. */
  audience: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });

export const markReadBodySchema = z
  .object({ ids: z.array(z.number().int().positive()).min(1).max(200) })
  .strict();

export const markReadResultSchema = z.object({ marked: z.number().int(), unread: z.number().int() });

export const preferencesSchema = z.object({
  /** E-mail copies of notifications (in-app ones always arrive). */
  email: z.boolean(),
  /** The language of e-mails. */
  language: z.enum(['ru', 'en']),
  /** Whether this platform sends e-mail at all (an SMTP server is configured). */
  emailAvailable: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const updatePreferencesBodySchema = z
  .object({ email: z.boolean().optional(), language: z.enum(['ru', 'en']).optional() })
  .strict()
  .refine((b) => b.email !== undefined || b.language !== undefined, { message: 'vmeste:preferences_empty' });
export type UpdatePreferences = z.infer<typeof updatePreferencesBodySchema>;
