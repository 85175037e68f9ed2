import type { Awareness } from "y-protocols/awareness";
import { usePresence, type Present } from "./usePresence.js";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase();
}

/** Where a person is, in the statement's own terms. */
export function describeWhere(person: Present): string {
  if (!person.where || person.where.act === null) return "";
  return person.where.clause ? `clause ${person.where.clause}` : `Act ${person.where.act}`;
}

/** Who is here, and in which Act. */
export function PresenceList({ awareness }: { awareness: Awareness }) {
  const people = usePresence(awareness);
  return (
    <ul className="presence" aria-label="People in this statement">
      {people.map((person) => {
        const where = describeWhere(person);
        return (
          <li key={person.clientId} className="presence__person" title={where ? `${person.name} · ${where}` : person.name}>
            <span className="avatar" style={{ background: person.color }} aria-hidden="true">
              {initials(person.name)}
            </span>
            <span className="presence__text">
              <span className="presence__name">
                {person.name}
                {person.self && <span className="muted"> (you)</span>}
              </span>
              {where && <span className="presence__where">{where}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
