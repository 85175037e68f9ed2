import { useCallback, useEffect, useState } from "react";
import { visibleName } from "../../../shared/displayName.js";
import { listMembers } from "../../api.js";
import type { MentionCandidate } from "./mentionText.js";

/**
 * Whom a comment in this workspace can mention: its members (but oneself) and its
 * reference groups, by name; `refresh` looks again (someone may have joined since). Empty
 * until loaded, and if they cannot be loaded: the comment can still be written, without the list.
 */
export function useMentionCandidates(workspaceId: string, accountId: string): { candidates: MentionCandidate[]; refresh: () => void } {
  const [candidates, setCandidates] = useState<MentionCandidate[]>([]);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    listMembers(workspaceId).then(
      (list) => {
        if (!current) return;
        const byName = (a: MentionCandidate, b: MentionCandidate) => a.name.localeCompare(b.name);
        const people = list.members
          .filter((member) => member.account.id !== accountId)
          .map((member): MentionCandidate => ({ kind: "account", id: member.account.id, name: visibleName(member.account.displayName) }))
          .sort(byName);
        const groups = list.groups.map((group): MentionCandidate => ({ kind: "group", id: group.id, name: visibleName(group.name) })).sort(byName);
        setCandidates([...people, ...groups]);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [workspaceId, accountId, asked]);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { candidates, refresh };
}
