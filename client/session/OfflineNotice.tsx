import { useMemo } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageTag, type NoMessageValues } from "react-intl";
import { Link, useLocation } from "wouter";
import { statementsOnThisDevice } from "../collab/localCopies.js";

const messages = defineMessages<{
  offline: { b: MessageTag };
  onDeviceList: NoMessageValues;
  onDevice: NoMessageValues;
}>({
  offline: {
    id: "shell.offlineNotice",
    defaultMessage: "<b>Offline.</b> Statements opened before on this device open and take edits; the rest comes back with the connection.",
  },
  onDeviceList: { id: "shell.statementsOnDevice", defaultMessage: "Statements on this device" },
  onDevice: { id: "shell.onThisDevice", defaultMessage: "On this device:" },
});

/**
 * Shown while the app opened without reaching the server, with the statements this device
 * can open meanwhile. The editor says it in its own connection indicator, so the notice
 * stays off the statement page itself.
 */
export function OfflineNotice() {
  const intl = useIntl();
  const [location] = useLocation();
  const onDevice = useMemo(() => statementsOnThisDevice(), []);
  if (/^\/d\/[^/]+\/?$/.test(location)) return null;
  return (
    <div className="offline-notice" role="status">
      <p>
        <FormattedMessage {...messages.offline} values={{ b: (chunks) => <strong>{chunks}</strong> }} />
      </p>
      {onDevice.length > 0 && (
        <nav aria-label={intl.formatMessage(messages.onDeviceList)}>
          <span>{intl.formatMessage(messages.onDevice)}</span>
          <ul>
            {onDevice.map((statement) => (
              <li key={statement.id}>
                <Link href={`/d/${statement.id}`}>{statement.title}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
