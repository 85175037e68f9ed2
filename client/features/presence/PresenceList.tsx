import { useEffect, useId, useRef, useState } from "react";
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

function Person({ person }: { person: Present }) {
  const where = describeWhere(person);
  return (
    <li className="presence__person" title={where ? `${person.name} · ${where}` : person.name}>
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
}

/** Up to this many people are shown with their names; more, and two avatars stand beside "+N". */
const SHOWN_IN_FULL = 3;
const SHOWN_COLLAPSED = 2;

/**
 * Who is here, and in which Act. A crowd collapses to a few avatars and "+N", a button
 * that lists everyone with where they are (Escape closes it).
 */
export function PresenceList({ awareness }: { awareness: Awareness }) {
  const people = usePresence(awareness);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const collapsed = people.length > SHOWN_IN_FULL;
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !button.current?.parentElement?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);
  if (!collapsed) {
    return (
      <ul className="presence" aria-label="People in this statement">
        {people.map((person) => (
          <Person key={person.clientId} person={person} />
        ))}
      </ul>
    );
  }
  const hidden = people.slice(SHOWN_COLLAPSED);
  return (
    <div className="presence presence--collapsed">
      <ul className="presence__shown" aria-label="People in this statement">
        {people.slice(0, SHOWN_COLLAPSED).map((person) => (
          <Person key={person.clientId} person={person} />
        ))}
      </ul>
      <button
        ref={button}
        type="button"
        className="presence__more"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`${hidden.length} more: ${hidden.map((person) => person.name).join(", ")}`}
        title={hidden.map((person) => person.name).join(", ")}
        onClick={() => setOpen((was) => !was)}
      >
        +{hidden.length}
      </button>
      <ul id={listId} className="presence__all" aria-label={`Everyone here (${people.length})`} hidden={!open}>
        {people.map((person) => (
          <Person key={person.clientId} person={person} />
        ))}
      </ul>
    </div>
  );
}
