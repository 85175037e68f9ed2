import { useLocation } from "wouter";

/**
 * Shown while the app opened without reaching the server. The editor says it in its own
 * connection indicator, so the notice stays off the statement page itself.
 */
export function OfflineNotice() {
  const [location] = useLocation();
  if (/^\/d\/[^/]+\/?$/.test(location)) return null;
  return (
    <p className="offline-notice" role="status">
      <strong>Offline.</strong> Statements opened before on this device open and take edits; the rest comes back with the connection.
    </p>
  );
}
