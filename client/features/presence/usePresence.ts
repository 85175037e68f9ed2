import { useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { Whereabouts } from "../../../shared/presence.js";
import { checkPresence } from "./checkPresence.js";

/** One person in the document, from their presence state. */
export interface Present {
  clientId: number;
  name: string;
  color: string;
  where: Whereabouts | null;
  self: boolean;
}

/** Everyone with a valid presence state; what a state holds is checked before it is shown. */
function readPresence(awareness: Awareness): Present[] {
  const people: Present[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const presence = checkPresence(state);
    if (!presence) return;
    people.push({
      clientId,
      name: presence.user.name,
      color: presence.user.color,
      where: presence.where,
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
