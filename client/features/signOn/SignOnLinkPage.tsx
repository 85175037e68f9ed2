import { useEffect, useRef, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { SignOnStatus } from "../../../shared/signOn.js";
import { ApiFailure, followSignOnLink } from "../../api.js";
import { EntryCard } from "../../session/SignInPages.js";
import { useAction } from "../../useAction.js";

type About = { organisation: string };
const messages = defineMessages<{
  confirmTitle: NoMessageValues;
  withdrawTitle: NoMessageValues;
  confirmLead: NoMessageValues;
  withdrawLead: NoMessageValues;
  confirmButton: NoMessageValues;
  withdrawButton: NoMessageValues;
  working: NoMessageValues;
  confirmed: About;
  approved: About;
  withdrawn: About;
  other: About;
  merged: About;
  unknown: NoMessageValues;
}>({
  confirmTitle: { id: "signOnLink.confirmTitle", defaultMessage: "Confirm the sign-on" },
  withdrawTitle: { id: "signOnLink.withdrawTitle", defaultMessage: "Withdraw the sign-on" },
  confirmLead: {
    id: "signOnLink.confirmLead",
    defaultMessage: "Press the button to confirm your organisation's sign-on to the statement. The coalition then reviews it before it is listed.",
  },
  withdrawLead: {
    id: "signOnLink.withdrawLead",
    defaultMessage: "Press the button to withdraw your organisation's sign-on: it will no longer be listed with the statement.",
  },
  confirmButton: { id: "signOnLink.confirmButton", defaultMessage: "Confirm the sign-on" },
  withdrawButton: { id: "signOnLink.withdrawButton", defaultMessage: "Withdraw the sign-on" },
  working: { id: "signOnLink.working", defaultMessage: "One moment…" },
  confirmed: { id: "signOnLink.confirmed", defaultMessage: "Thank you: the sign-on of {organisation} is confirmed. The coalition reviews it before it is listed." },
  approved: { id: "signOnLink.approved", defaultMessage: "The sign-on of {organisation} is confirmed and listed with the statement." },
  withdrawn: { id: "signOnLink.withdrawn", defaultMessage: "The sign-on of {organisation} is withdrawn." },
  other: { id: "signOnLink.other", defaultMessage: "This link can no longer change the sign-on of {organisation}." },
  merged: {
    id: "signOnLink.merged",
    defaultMessage: "The coalition had joined this sign-on of {organisation} with another one from your organisation, made by someone else. Your withdrawal is recorded and the coalition will contact your organisation.",
  },
  unknown: { id: "signOnLink.unknown", defaultMessage: "This link is not valid or has expired." },
});

/**
 * The secret after `#` in the mail's link: it stays in the browser, never in a query or a log.
 * Null when the fragment is not valid percent-encoding (a link cut or altered on its way).
 */
function secretOfFragment(): string | null {
  try {
    return decodeURIComponent(window.location.hash.replace(/^#/, ""));
  } catch {
    return null;
  }
}

/**
 * `/sign-on/confirm#<secret>` and `/sign-on/withdraw#<secret>`: the links in the sign-on mail.
 * Opening the link changes nothing: mail scanners open links and run their scripts, so the
 * sign-on is confirmed or withdrawn only when the person presses the button.
 */
export function SignOnLinkPage({ action }: { action: "confirm" | "withdraw" }) {
  const intl = useIntl();
  // Read once; taken out of the address once used, so the secret does not stay in the history.
  const [token] = useState(secretOfFragment);
  const [result, setResult] = useState<{ status: SignOnStatus; organisation: string } | null>(null);
  const [unknown, setUnknown] = useState(() => token === null || token.length < 20);
  const { busy, error, run } = useAction();
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  function follow() {
    if (token === null) return;
    void run(async () => {
      try {
        setResult(await followSignOnLink(action, token));
      } catch (failure) {
        if (failure instanceof ApiFailure && (failure.status === 404 || failure.status === 400)) setUnknown(true);
        else throw failure;
      }
      if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    });
  }

  const outcome = unknown
    ? intl.formatMessage(messages.unknown)
    : result
      ? intl.formatMessage(
          result.status === "confirmed" || result.status === "approved" || result.status === "withdrawn" || (result.status === "merged" && action === "withdraw") ? messages[result.status] : messages.other,
          { organisation: result.organisation },
        )
      : null;
  const done = outcome !== null;
  // Once pressed, focus moves to what happened so it is read out; a bad link on load keeps the page's own focus.
  const pressed = result !== null || (unknown && token !== null && token.length >= 20);
  useEffect(() => {
    if (pressed) outcomeRef.current?.focus();
  }, [pressed]);

  const title = intl.formatMessage(action === "confirm" ? messages.confirmTitle : messages.withdrawTitle);
  return (
    <EntryCard title={title}>
      {!done && (
        <>
          <p>{intl.formatMessage(action === "confirm" ? messages.confirmLead : messages.withdrawLead)}</p>
          {error && (
            <p role="alert" className="notice notice--error">
              {error}
            </p>
          )}
          <button type="button" className="button button--primary button--wide" disabled={busy} onClick={follow}>
            {intl.formatMessage(busy ? messages.working : action === "confirm" ? messages.confirmButton : messages.withdrawButton)}
          </button>
        </>
      )}
      <p role="status" ref={outcomeRef} tabIndex={-1}>
        {outcome}
      </p>
    </EntryCard>
  );
}
