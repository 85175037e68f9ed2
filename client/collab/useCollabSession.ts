import { useEffect, useState, useSyncExternalStore } from "react";
import { CollabSession, type ConnectionState } from "./CollabSession.js";

/** Open the statement for the life of the component (StrictMode-safe: cleanup destroys it). */
export function useCollabSession(documentId: string): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const opened = new CollabSession(documentId);
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
  }, [documentId]);
  return session;
}

const idle: ConnectionState = { kind: "connecting" };
const noop = () => () => {};

/** The live connection state of a session. */
export function useConnectionState(session: CollabSession | null): ConnectionState {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getState ?? (() => idle));
}
