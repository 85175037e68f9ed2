import type { ConnectionState } from "./CollabSession.js";

function describe(state: ConnectionState): { tone: string; label: string; detail: string } {
  switch (state.kind) {
    case "connecting":
      return { tone: "pending", label: "Connecting…", detail: "Opening the live connection." };
    case "connected":
      return state.synced
        ? { tone: "ok", label: "Live", detail: "Connected. Every change is saved on the server as you type." }
        : { tone: "pending", label: "Syncing…", detail: "Connected; exchanging changes." };
    case "reconnecting":
      return { tone: "pending", label: "Reconnecting…", detail: state.message ?? "Connection lost. Your changes are kept on this device." };
    case "offline":
      return { tone: "offline", label: "Offline", detail: "You are offline. Keep writing: changes are kept on this device and sent when you reconnect." };
    case "refused":
      return { tone: "error", label: "Not connected", detail: state.message };
  }
}

/** The always-visible connection indicator: a dot and one word; the whole sentence is its tooltip. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { tone, label, detail } = describe(state);
  return (
    <div className={`connection connection--${tone}`} role="status" aria-live="polite" title={detail} data-state={state.kind}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{label}</span>
    </div>
  );
}

/**
 * What the connection's state means for the reader, in full, under the top bar: offline,
 * reconnecting, or refused (no longer a member, signed out). Wraps at any width, never cut.
 */
export function ConnectionNotice({ state }: { state: ConnectionState }) {
  const { tone, detail } = describe(state);
  const shown = state.kind === "offline" || state.kind === "refused" || state.kind === "reconnecting";
  return (
    <div className={`connection-notice${shown ? ` connection-notice--${tone}` : ""}`} role="status" aria-live="polite">
      {shown && <p className="connection__detail">{detail}</p>}
    </div>
  );
}
