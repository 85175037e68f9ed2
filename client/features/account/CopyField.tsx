import { useEffect, useRef, useState } from "react";
import { defineMessages, useIntl } from "react-intl";

const messages = defineMessages({
  copy: { id: "account.copy", defaultMessage: "Copy" },
  copied: { id: "account.copied", defaultMessage: "Copied" },
  copiedStatus: { id: "account.copiedStatus", defaultMessage: "Copied to the clipboard." },
  copyFailed: { id: "account.copyFailed", defaultMessage: "Could not copy: select the text and copy it yourself." },
});

/**
 * Copy `text` to the clipboard. The Clipboard API exists only in secure contexts (https,
 * localhost); a workspace served over plain http on a LAN falls back to the selection.
 */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, document not focused): try the selection below.
  }
  if (!input) return false;
  input.focus();
  input.select();
  return document.execCommand("copy");
}

/** A secret or link shown once: read-only, selected on focus, with a Copy button that says whether it worked. */
export function CopyField({ label, value, lead }: { label: string; value: string; lead: string }) {
  const intl = useIntl();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setStatus("idle"), [value]);
  async function copy() {
    setStatus((await copyText(value, input.current)) ? "copied" : "failed");
  }
  return (
    <div className="invite-link copy-field">
      <p>{lead}</p>
      <input ref={input} readOnly value={value} aria-label={label} onFocus={(event) => event.target.select()} />
      <button type="button" className="button" onClick={() => void copy()}>
        {intl.formatMessage(status === "copied" ? messages.copied : messages.copy)}
      </button>
      <span role="status" className="muted small copy-field__status">
        {status === "copied" ? intl.formatMessage(messages.copiedStatus) : status === "failed" ? intl.formatMessage(messages.copyFailed) : ""}
      </span>
    </div>
  );
}
