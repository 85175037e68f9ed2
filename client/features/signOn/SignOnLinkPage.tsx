import { useEffect, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { SignOnStatus } from "../../../shared/signOn.js";
import { ApiFailure, followSignOnLink } from "../../api.js";
import { EntryCard } from "../../session/SignInPages.js";
import { useFailure } from "../../useAction.js";

type About = { organisation: string };
const messages = defineMessages<{
  confirmTitle: NoMessageValues;
  withdrawTitle: NoMessageValues;
  working: NoMessageValues;
  confirmed: About;
  approved: About;
  withdrawn: About;
  other: About;
  unknown: NoMessageValues;
}>({
  confirmTitle: { id: "signOnLink.confirmTitle", defaultMessage: "Confirm the sign-on" },
  withdrawTitle: { id: "signOnLink.withdrawTitle", defaultMessage: "Withdraw the sign-on" },
  working: { id: "signOnLink.working", defaultMessage: "One moment…" },
  confirmed: { id: "signOnLink.confirmed", defaultMessage: "Thank you: the sign-on of {organisation} is confirmed. The coalition reviews it before it is listed." },
  approved: { id: "signOnLink.approved", defaultMessage: "The sign-on of {organisation} is confirmed and listed with the statement." },
  withdrawn: { id: "signOnLink.withdrawn", defaultMessage: "The sign-on of {organisation} is withdrawn." },
  other: { id: "signOnLink.other", defaultMessage: "This link can no longer change the sign-on of {organisation}." },
  unknown: { id: "signOnLink.unknown", defaultMessage: "This link is not valid or has expired." },
});

/** The secret after `#` in the mail's link: it stays in the browser, never in a query or a log. */
function secretOfFragment(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ""));
}

/** `/sign-on/confirm#<secret>` and `/sign-on/withdraw#<secret>`: the links in the sign-on mail. */
export function SignOnLinkPage({ action }: { action: "confirm" | "withdraw" }) {
  const intl = useIntl();
  const [result, setResult] = useState<{ status: SignOnStatus; organisation: string } | null>(null);
  const [problem, setProblem] = useFailure();
  const [unknown, setUnknown] = useState(false);

  useEffect(() => {
    const token = secretOfFragment();
    if (token.length < 20) {
      setUnknown(true);
      return;
    }
    let cancelled = false;
    followSignOnLink(action, token).then(
      (found) => !cancelled && setResult(found),
      (failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof ApiFailure && (failure.status === 404 || failure.status === 400)) setUnknown(true);
        else setProblem(failure);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [action]);

  const title = intl.formatMessage(action === "confirm" ? messages.confirmTitle : messages.withdrawTitle);
  const outcome = unknown
    ? intl.formatMessage(messages.unknown)
    : problem
      ? problem
      : result
        ? intl.formatMessage(
            result.status === "confirmed" || result.status === "approved" || result.status === "withdrawn" ? messages[result.status] : messages.other,
            { organisation: result.organisation },
          )
        : null;
  return (
    <EntryCard title={title}>
      {outcome ? <p role="status">{outcome}</p> : <p className="muted">{intl.formatMessage(messages.working)}</p>}
    </EntryCard>
  );
}
