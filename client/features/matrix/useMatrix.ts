import { useCallback, useEffect, useRef, useState } from "react";
import { matrixChangedEventSchema, matrixPresenceSchema, matrixPresenceTtlMs, type MatrixChangedEvent, type MatrixPresence, type MatrixView } from "../../../shared/api/matrix.js";
import { getMatrix, matrixEventsUrl, reportMatrixPresence } from "../../api.js";
import { useFailure } from "../../useAction.js";

/** How often the caller's own place is reported again while it stays there. */
const PRESENCE_REFRESH_MS = 10_000;

/**
 * One round's matrix, kept live: loaded, then reloaded whenever the server's event stream
 * says something changed (one reload at a time; changes during one cause one more), and
 * in full after a reconnect. The view is cut to the caller's role by the server; events
 * carry no notes or contacts. `presence`: where the other members are, each dropped
 * `matrixPresenceTtlMs` after their last report. `lastChange`: the latest change event,
 * for the screen to say who changed what.
 */
export function useMatrix(
  documentId: string,
  roundId: string | null,
): { view: MatrixView | null; error: string | null; reload: () => void; presence: MatrixPresence[]; lastChange: MatrixChangedEvent | null; setPlace: (targetId: string | null, act: number | null) => void } {
  const [view, setView] = useState<MatrixView | null>(null);
  const [error, setError] = useFailure();
  const [presence, setPresence] = useState<MatrixPresence[]>([]);
  const [lastChange, setLastChange] = useState<MatrixChangedEvent | null>(null);
  const reloadRef = useRef<() => void>(() => {});

  useEffect(() => {
    let cancelled = false;
    let loading = false;
    let again = false;
    const load = () => {
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      getMatrix(documentId, roundId).then(
        (next) => {
          if (cancelled) return;
          setView(next);
          setError(null);
        },
        (failure: unknown) => !cancelled && setError(failure),
      ).finally(() => {
        loading = false;
        if (again && !cancelled) {
          again = false;
          load();
        }
      });
    };
    reloadRef.current = load;
    const events = new EventSource(matrixEventsUrl(documentId));
    events.addEventListener("open", load);
    events.addEventListener("changed", (event) => {
      const parsed = matrixChangedEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      // A resync is nobody's change: the view reloads without naming anyone.
      if (parsed.success && parsed.data.what !== "resync") setLastChange(parsed.data);
      load();
    });
    events.addEventListener("presence", (event) => {
      const parsed = matrixPresenceSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      const place = parsed.data;
      setPresence((current) => [...current.filter((other) => other.accountId !== place.accountId), ...(place.targetId === null ? [] : [place])]);
    });
    // Places nobody refreshed are dropped.
    const expire = setInterval(() => {
      const cutoff = Date.now() - matrixPresenceTtlMs;
      setPresence((current) => (current.some((place) => Date.parse(place.at) < cutoff) ? current.filter((place) => Date.parse(place.at) >= cutoff) : current));
    }, 5_000);
    return () => {
      cancelled = true;
      events.close();
      clearInterval(expire);
    };
  }, [documentId, roundId, setError]);

  // The caller's own place: reported when it changes, refreshed while it stays, cleared on leaving.
  const place = useRef<{ targetId: string | null; act: number | null }>({ targetId: null, act: null });
  const setPlace = useCallback(
    (targetId: string | null, act: number | null) => {
      if (place.current.targetId === targetId && place.current.act === act) return;
      place.current = { targetId, act };
      reportMatrixPresence(documentId, place.current).catch(() => {});
    },
    [documentId],
  );
  useEffect(() => {
    const refresh = setInterval(() => {
      if (place.current.targetId !== null) reportMatrixPresence(documentId, place.current).catch(() => {});
    }, PRESENCE_REFRESH_MS);
    return () => {
      clearInterval(refresh);
      if (place.current.targetId !== null) reportMatrixPresence(documentId, { targetId: null, act: null }).catch(() => {});
      place.current = { targetId: null, act: null };
    };
  }, [documentId]);

  const reload = useCallback(() => reloadRef.current(), []);
  return { view, error, reload, presence, lastChange, setPlace };
}
