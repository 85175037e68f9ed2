import { useMemo } from "react";
import { Link, useLocation } from "wouter";
import { statementsOnThisDevice } from "../collab/localCopies.js";

/**
 * Shown while the app opened without reaching the server, with the statements this device
 * can open meanwhile. The editor says it in its own connection indicator, so the notice
 * stays off the statement page itself.
 */
export function OfflineNotice() {
  const [location] = useLocation();
  const onDevice = useMemo(() => statementsOnThisDevice(), []);
  if (/^\/d\/[^/]+\/?$/.test(location)) return null;
  return (
    <div className="offline-notice" role="status">
      <p>
        <strong>Offline.</strong> Statements opened before on this device open and take edits; the rest comes back with the connection.
      </p>
      {onDevice.length > 0 && (
        <nav aria-label="Statements on this device">
          <span>On this device:</span>
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
