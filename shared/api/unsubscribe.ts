/**
 * Leaving notification mails by the link every such mail carries: the secret from the
 * link, and what became of the account's email mode.
 */
import { z } from "zod";

/** An unsubscribe secret as mail links carry it (url-safe base64). */
export const unsubscribeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "not an unsubscribe link's secret");

/** `POST /api/unsubscribe`: the page's request. */
export const unsubscribeRequestSchema = z.object({ token: unsubscribeTokenSchema }).strict();

/** `POST /api/unsubscribe`: the account now gets no notification mail. */
export const unsubscribedSchema = z.object({ email: z.literal("off") });
export type Unsubscribed = z.infer<typeof unsubscribedSchema>;
