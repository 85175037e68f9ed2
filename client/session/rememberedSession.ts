/**
 * The last `/api/session` answer of a signed-in person, kept on this device so the app
 * shell opens offline as that person (the server decides again once it can be reached).
 */
import { meSchema, type Me } from "../../shared/api.js";

const KEY = "drafting.me";

/** Keep who is signed in, for opening offline. */
export function rememberSignedIn(me: Me): void {
  localStorage.setItem(KEY, JSON.stringify(me));
}

/** Signed out (or told so by the server): opening offline no longer shows this person. */
export function forgetSignedIn(): void {
  localStorage.removeItem(KEY);
}

/** The person last signed in on this device, or null (nothing kept, or unreadable). */
export function signedInBefore(): Me | null {
  try {
    const parsed = meSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
