/**
 * The notifications API: the bell's list and unread count, marking read, and each
 * member's settings (email mode, the Acts they follow).
 */
import { z } from "zod";
import { emailModes } from "../notifications.js";

const detailSchema = z.object({
  statement: z.string().optional(),
  act: z.number().int().optional(),
  clause: z.string().optional(),
  quote: z.string().optional(),
  excerpt: z.string().optional(),
  group: z.string().optional(),
  decision: z.enum(["accepted", "rejected"]).optional(),
  round: z.string().optional(),
  at: z.string().nullable().optional(),
  organisation: z.string().optional(),
  workspace: z.string().optional(),
  role: z.string().optional(),
});

/** One notification as the bell shows it. */
export const notificationSchema = z.object({
  id: z.string(),
  /** Usually one of `notificationKinds`; a newer server may send others (shown as a plain line). */
  kind: z.string(),
  workspaceId: z.string(),
  documentId: z.string().nullable(),
  /** Who did it (their current name); null when no member did (the server, an organisation). */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  detail: detailSchema,
  /** Where it leads in the app (a path). */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

/** `GET /api/notifications`: newest first; `nextBefore` pages on (null: no more). */
export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().int(),
  nextBefore: z.string().nullable(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(30),
    /** A notification id: only older ones. */
    before: z.string().max(64).optional(),
  })
  .strict();

/** `POST /api/notifications/read`: some by id, or all. */
export const markReadSchema = z.union([z.object({ ids: z.array(z.string().max(64)).min(1).max(200) }).strict(), z.object({ all: z.literal(true) }).strict()]);

/** `GET|PATCH /api/me/notifications`: how mail comes, and the Acts followed in each workspace. */
export const notificationSettingsSchema = z.object({
  email: z.enum(emailModes),
  /** Per workspace, the Acts (numbers) followed: explicit choices, or a reviewer's reference groups' Acts by default. */
  follows: z.array(z.object({ workspaceId: z.string(), acts: z.array(z.number().int().min(1).max(100)) })),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const updateNotificationSettingsSchema = z
  .object({
    email: z.enum(emailModes).optional(),
    /** Replaces the Acts followed in that workspace. */
    follows: z.object({ workspaceId: z.string().max(64), acts: z.array(z.number().int().min(1).max(100)).max(100) }).strict().optional(),
  })
  .strict()
  .refine((change) => change.email !== undefined || change.follows !== undefined, "change the email mode or the Acts followed");


