import { useCallback, useEffect, useRef, useState } from "react";
import { matrixChangedEventSchema, matrixPresenceSchema, matrixPresenceTtlMs, type MatrixChangedEvent, type MatrixPresence, type MatrixView } from "../../../shared/api/matrix.js";
import { ApiFailure, getMatrix, matrixEventsUrl, reportMatrixPresence } from "../../api.js";
import { useFailure } from "../../useAction.js";

/** How often the caller's own place is reported again while it stays there. */
const PRESENCE_REFRESH_MS = 10_000;
/** A place is reported once it has been held this long (moving through cells sends only the last). */
const PRESENCE_DEBOUNCE_MS = 300;
/** At least this long between two reports: the server takes 20 in 10 seconds. */
const PRESENCE_GAP_MS = 600;
/** The wait after a refused report (429) when the server names none. */
const PRESENCE_RETRY_MS = 10_000;

/** A place in the matrix: a cell, a target's row or page, or nowhere (both null). */
export type MatrixPlace = { targetId: string | null; act: number | null };
const nowhere: MatrixPlace = { targetId: null, act: null };
const samePlace = (a: MatrixPlace | null, b: MatrixPlace) => a !== null && a.targetId === b.targetId && a.act === b.act;

/**
 * Reports the caller's place to `report`: the last place held `PRESENCE_DEBOUNCE_MS`, at
 * most one report per `PRESENCE_GAP_MS`, again after the server's Retry-After when it
 * refused one (429), and every `PRESENCE_REFRESH_MS` while somewhere. `close` says
 * "nowhere" when the caller was somewhere.
 */
export function presenceReporter(report: (place: MatrixPlace) => Promise<unknown>): { set: (place: MatrixPlace) => void; close: () => void } {
  let wanted = nowhere;
  // What the server was last told (null: unknown, as after a refusal).
  let told: MatrixPlace | null = nowhere;
  let notBefore = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const schedule = (delay: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  };
  function flush() {
    timer = null;
    if (closed || samePlace(told, wanted)) return;
    const wait = notBefore - Date.now();
    if (wait > 0) return schedule(wait);
    const place = wanted;
    told = place;
    notBefore = Date.now() + PRESENCE_GAP_MS;
    report(place).catch((failure: unknown) => {
      if (samePlace(told, place)) told = null;
      if (!(failure instanceof ApiFailure && failure.status === 429)) return;
      notBefore = Date.now() + (failure.retryAfterSeconds !== undefined ? failure.retryAfterSeconds * 1000 : PRESENCE_RETRY_MS);
      if (timer === null) schedule(notBefore - Date.now());
    });
  }
  const refresh = setInterval(() => {
    if (wanted.targetId === null || timer !== null) return;
    told = null;
    flush();
  }, PRESENCE_REFRESH_MS);

  return {
    set(place) {
      if (closed) return;
      wanted = place;
      schedule(PRESENCE_DEBOUNCE_MS);
    },
    close() {
      closed = true;
      clearInterval(refresh);
      if (timer !== null) clearTimeout(timer);
      if (!samePlace(told, nowhere)) report(nowhere).catch(() => {});
    },
  };
}

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
    // When each member's place arrived, by this browser's clock (the server's `at` is another clock).
    const arrived = new Map<string, number>();
    events.addEventListener("presence", (event) => {
      const parsed = matrixPresenceSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      const place = parsed.data;
      if (place.targetId === null) arrived.delete(place.accountId);
      else arrived.set(place.accountId, Date.now());
      setPresence((current) => [...current.filter((other) => other.accountId !== place.accountId), ...(place.targetId === null ? [] : [place])]);
    });
    // Places nobody refreshed are dropped.
    const expire = setInterval(() => {
      const cutoff = Date.now() - matrixPresenceTtlMs;
      const stale = (place: MatrixPresence) => (arrived.get(place.accountId) ?? 0) < cutoff;
      setPresence((current) => (current.some(stale) ? current.filter((place) => !stale(place)) : current));
    }, 5_000);
    return () => {
      cancelled = true;
      events.close();
      clearInterval(expire);
    };
  }, [documentId, roundId, setError]);

  // The caller's own place: reported when it settles, refreshed while it stays, cleared on leaving.
  const reporter = useRef<ReturnType<typeof presenceReporter> | null>(null);
  useEffect(() => {
    const current = presenceReporter((place) => reportMatrixPresence(documentId, place));
    reporter.current = current;
    return () => {
      current.close();
      if (reporter.current === current) reporter.current = null;
    };
  }, [documentId]);
  const setPlace = useCallback((targetId: string | null, act: number | null) => reporter.current?.set({ targetId, act }), []);

  const reload = useCallback(() => reloadRef.current(), []);
  return { view, error, reload, presence, lastChange, setPlace };
}
