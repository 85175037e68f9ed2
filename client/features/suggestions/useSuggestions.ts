import { useCallback, useEffect, useRef, useState } from "react";
import type { Suggestion } from "../../../shared/api.js";
import { listSuggestions } from "../../api.js";
import { useFailure } from "../../useAction.js";

/**
 * The server's record of the statement's suggestions (who, group, when, what became of
 * each). `reload` fetches it again: the statement's event stream calls it when
 * suggestions change (see useThreads). A late answer never replaces a newer one.
 */
export function useSuggestions(documentId: string): { suggestions: Suggestion[]; reload: () => void; error: string | null } {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [error, setError] = useFailure();
  const asked = useRef(0);
  const reload = useCallback(() => {
    const ask = ++asked.current;
    listSuggestions(documentId).then(
      (list) => {
        if (ask !== asked.current) return;
        setSuggestions(list.suggestions);
        setError(null);
      },
      (failure: unknown) => ask === asked.current && setError(failure),
    );
  }, [documentId]);
  useEffect(() => {
    reload();
    return () => {
      asked.current += 1;
    };
  }, [reload]);
  return { suggestions, reload, error };
}
