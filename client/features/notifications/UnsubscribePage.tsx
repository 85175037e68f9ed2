import { useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { ApiFailure, unsubscribe } from "../../api.js";
import { EntryCard } from "../../session/SignInPages.js";
import { useAction } from "../../useAction.js";

const messages = defineMessages<{
  title: NoMessageValues;
  lead: NoMessageValues;
  confirm: NoMessageValues;
  working: NoMessageValues;
  done: NoMessageValues;
  settings: NoMessageValues;
  unknown: NoMessageValues;
}>({
  title: { id: "unsubscribe.title", defaultMessage: "Stop notification emails" },
  lead: {
    id: "unsubscribe.lead",
    defaultMessage: "You will no longer receive notification emails from this workspace, neither one by one nor as a daily digest. The bell in the workspace keeps showing them.",
  },
  confirm: { id: "unsubscribe.confirm", defaultMessage: "Stop the emails" },
  working: { id: "unsubscribe.working", defaultMessage: "Stopping…" },
  done: { id: "unsubscribe.done", defaultMessage: "Done: you will receive no more notification emails." },
  settings: { id: "unsubscribe.settings", defaultMessage: "To receive them again, or only as a daily digest, change it on your account page." },
  unknown: { id: "unsubscribe.unknown", defaultMessage: "This link is not valid. You can change how you get notification emails on your account page." },
});

/**
 * The secret after `#` in the mail's link: it stays in the browser, never in a query or a log.
 * A fragment mangled on the way (`%E0` alone) gives "" and so the "not valid" message.
 */
function secretOfFragment(): string {
  try {
    return decodeURIComponent(window.location.hash.replace(/^#/, ""));
  } catch {
    return "";
  }
}

/**
 * `/unsubscribe#<secret>`: the link at the end of every notification mail. Nothing happens
 * until the person presses the button (mail scanners open links and run their scripts).
 */
export function UnsubscribePage() {
  const intl = useIntl();
  const [token] = useState(secretOfFragment);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);
  const [unknown, setUnknown] = useState(!/^[A-Za-z0-9_-]{20,100}$/.test(token));

  async function stop() {
    await run(async () => {
      try {
        await unsubscribe(token);
        setDone(true);
      } catch (failure) {
        if (failure instanceof ApiFailure && (failure.status === 404 || failure.status === 400)) setUnknown(true);
        else throw failure;
      }
    });
  }

  const title = intl.formatMessage(messages.title);
  if (unknown || done) {
    return (
      <EntryCard title={title}>
        <p role="status">{intl.formatMessage(unknown ? messages.unknown : messages.done)}</p>
        {done && <p className="muted small">{intl.formatMessage(messages.settings)}</p>}
      </EntryCard>
    );
  }
  return (
    <EntryCard title={title} lead={intl.formatMessage(messages.lead)}>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <button type="button" className="button button--primary button--wide" disabled={busy} onClick={() => void stop()}>
        {intl.formatMessage(busy ? messages.working : messages.confirm)}
      </button>
    </EntryCard>
  );
}
