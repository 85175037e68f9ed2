import { useCallback, useState } from "react";
import { useIntl } from "react-intl";
import { describeFailure } from "./i18n/errorMessages.js";

/**
 * A failure to show (or null): kept as it was thrown and described in the interface's
 * language when shown, so a language switch translates it again. `show(null)` clears it.
 */
export function useFailure(): [string | null, (failure: unknown) => void] {
  const intl = useIntl();
  // Boxed: whatever was thrown (even `undefined`) counts as a failure.
  const [failure, setFailure] = useState<{ thrown: unknown } | null>(null);
  const show = useCallback((thrown: unknown) => setFailure(thrown === null ? null : { thrown }), []);
  return [failure ? describeFailure(intl, failure.thrown) : null, show];
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
