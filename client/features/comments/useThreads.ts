import { useFailure } from "../../useAction.js";
import { useCallback, useEffect, useRef, useState } from "react";
import { threadSchema, type Thread } from "../../../shared/api.js";
import { listThreads, threadEventsUrl } from "../../api.js";

/**
 * The statement's comment threads, kept live: loaded once, then every change pushed by
 * the server arrives over server-sent events (reloaded in full after a reconnect).
 * `onSuggestions` is told when the same stream says suggestions changed (and after a reconnect);
 * `onRound`, when it says the round's scheduled freeze changed.
 */
export function useThreads(documentId: string, onSuggestions?: () => void, onRound?: () => void): { threads: Thread[]; upsert: (thread: Thread) => void; remove: (id: string) => void; error: string | null } {
  const [threads, setThreads] = useState<Thread[]>([]);
  const [error, setError] = useFailure();
  const upsert = useCallback((thread: Thread) => {
    setThreads((current) => {
      const index = current.findIndex((t) => t.id === thread.id);
      if (index < 0) return [...current, thread];
      const next = current.slice();
      next[index] = thread;
      return next;
    });
  }, []);
  const remove = useCallback((id: string) => setThreads((current) => current.filter((t) => t.id !== id)), []);
  const suggestionsChanged = useRef(onSuggestions);
  suggestionsChanged.current = onSuggestions;
  const roundChanged = useRef(onRound);
  roundChanged.current = onRound;

  useEffect(() => {
    let cancelled = false;
    const reload = () =>
      listThreads(documentId).then(
        (list) => {
          if (cancelled) return;
          setThreads(list.threads);
          setError(null);
        },
        (failure: unknown) => !cancelled && setError(failure),
      );
    const events = new EventSource(threadEventsUrl(documentId));
    events.addEventListener("open", () => {
      void reload();
      suggestionsChanged.current?.();
    });
    events.addEventListener("suggestions", () => suggestionsChanged.current?.());
    events.addEventListener("round", () => roundChanged.current?.());
    events.addEventListener("thread", (event) => {
      const parsed = threadSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) upsert(parsed.data);
    });
    events.addEventListener("removed", (event) => remove((JSON.parse((event as MessageEvent<string>).data) as { id: string }).id));
    return () => {
      cancelled = true;
      events.close();
    };
  }, [documentId, upsert, remove]);

  return { threads, upsert, remove, error };
}
