import { useCallback, useState } from "react";
import { useIntl } from "react-intl";
import { describeFailure } from "./i18n/errorMessages.js";

/**
 * The server's English text for a failed call (the API's `message`), not translated.
 * @deprecated Show `describeFailure(intl, failure)` (client/i18n/errorMessages.ts) instead:
 * kept only until the last pages using it are switched.
 */
export function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

/**
 * Runs a user's action (a form submit, a button) and keeps what the page shows about
 * it: busy while it runs, the error message if it failed (in the interface's language,
 * translated again when the language changes). `run` resolves to whether it succeeded.
 */
export function useAction(): { busy: boolean; error: string | null; run: (action: () => Promise<unknown>) => Promise<boolean>; clear: () => void } {
  const intl = useIntl();
  const [busy, setBusy] = useState(false);
  // Boxed: whatever was thrown (even `undefined`) counts as a failure.
  const [failure, setFailure] = useState<{ thrown: unknown } | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      return true;
    } catch (thrown) {
      setFailure({ thrown });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const error = failure ? describeFailure(intl, failure.thrown) : null;
  return { busy, error, run, clear: useCallback(() => setFailure(null), []) };
}
