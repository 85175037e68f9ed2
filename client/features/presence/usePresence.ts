import { useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { Whereabouts } from "../../editor/StatementEditor.js";

/** One person in the document, from their presence state. */
export interface Present {
  clientId: number;
  name: string;
  color: string;
  where: Whereabouts | null;
  self: boolean;
}

function readPresence(awareness: Awareness): Present[] {
  const people: Present[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = state["user"] as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.name !== "string") return;
    const where = state["where"] as Whereabouts | undefined;
    people.push({
      clientId,
      name: user.name,
      color: typeof user.color === "string" ? user.color : "#64748b",
      where: where ?? null,
      self: clientId === awareness.clientID,
    });
  });
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

const snapshots = new WeakMap<Awareness, { key: string; people: Present[] }>();

/** Everyone present in the document (you first), live. */
export function usePresence(awareness: Awareness): Present[] {
  return useSyncExternalStore(
    (onChange) => {
      awareness.on("change", onChange);
      return () => awareness.off("change", onChange);
    },
    () => {
      const people = readPresence(awareness);
      const key = JSON.stringify(people);
      const cached = snapshots.get(awareness);
      if (cached && cached.key === key) return cached.people;
      snapshots.set(awareness, { key, people });
      return people;
    },
  );
}
