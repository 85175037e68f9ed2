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

/** The always-visible connection indicator. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { tone, label, detail } = describe(state);
  return (
    <div className={`connection connection--${tone}`} role="status" aria-live="polite" title={detail} data-state={state.kind}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{label}</span>
      {(state.kind === "offline" || state.kind === "refused" || state.kind === "reconnecting") && (
        <span className="connection__detail">{detail}</span>
      )}
    </div>
  );
}
