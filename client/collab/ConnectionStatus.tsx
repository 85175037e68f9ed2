import { defineMessages, useIntl, type IntlShape, type MessageDescriptor } from "react-intl";
import type { ConnectionState } from "./CollabSession.js";
import { closeMessageFor, closeMessageOrCode } from "./closeMessages.js";

const messages = defineMessages({
  connecting: { id: "collab.connecting", defaultMessage: "Connecting…" },
  connectingDetail: { id: "collab.connectingDetail", defaultMessage: "Opening the live connection." },
  live: { id: "collab.live", defaultMessage: "Live" },
  liveDetail: { id: "collab.liveDetail", defaultMessage: "Connected. Every change is saved on the server as you type." },
  syncing: { id: "collab.syncing", defaultMessage: "Syncing…" },
  syncingDetail: { id: "collab.syncingDetail", defaultMessage: "Connected; exchanging changes." },
  reconnecting: { id: "collab.reconnecting", defaultMessage: "Reconnecting…" },
  reconnectingDetail: { id: "collab.reconnectingDetail", defaultMessage: "Connection lost. Your changes are kept on this device." },
  offline: { id: "collab.offline", defaultMessage: "Offline" },
  offlineDetail: { id: "collab.offlineDetail", defaultMessage: "You are offline. Keep writing: changes are kept on this device and sent when you reconnect." },
  refused: { id: "collab.refused", defaultMessage: "Not connected" },
});

function describe(state: ConnectionState, intl: IntlShape): { tone: string; label: string; detail: string } {
  const t = (message: MessageDescriptor, values?: Record<string, string>) => intl.formatMessage(message, values);
  switch (state.kind) {
    case "connecting":
      return { tone: "pending", label: t(messages.connecting), detail: t(messages.connectingDetail) };
    case "connected":
      return state.synced
        ? { tone: "ok", label: t(messages.live), detail: t(messages.liveDetail) }
        : { tone: "pending", label: t(messages.syncing), detail: t(messages.syncingDetail) };
    case "reconnecting": {
      const why = state.code === null ? null : closeMessageFor(state.code);
      return { tone: "pending", label: t(messages.reconnecting), detail: t(why ?? messages.reconnectingDetail) };
    }
    case "offline":
      return { tone: "offline", label: t(messages.offline), detail: t(messages.offlineDetail) };
    case "refused": {
      const { message, values } = closeMessageOrCode(state.code);
      return { tone: "error", label: t(messages.refused), detail: t(message, values) };
    }
  }
}

/** The always-visible connection indicator: a dot and one word; the whole sentence is its tooltip. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const intl = useIntl();
  const { tone, label, detail } = describe(state, intl);
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
  const intl = useIntl();
  const { tone, detail } = describe(state, intl);
  const shown = state.kind === "offline" || state.kind === "refused" || state.kind === "reconnecting";
  return (
    <div className={`connection-notice${shown ? ` connection-notice--${tone}` : ""}`} role="status" aria-live="polite">
      {shown && <p className="connection__detail">{detail}</p>}
    </div>
  );
}
