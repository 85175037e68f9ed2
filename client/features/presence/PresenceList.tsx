import { useEffect, useId, useRef, useState } from "react";
import { defineMessages, useIntl, type IntlShape, type NoMessageValues } from "react-intl";
import type { Awareness } from "y-protocols/awareness";
import { usePresence, type Present } from "./usePresence.js";

const messages = defineMessages<{
  inAct: { act: string };
  inClause: { clause: string };
  personAt: { name: string; place: string };
  you: NoMessageValues;
  people: NoMessageValues;
  more: { count: number };
  moreNames: { count: number; names: string };
  everyone: { count: number };
}>({
  inAct: { id: "presence.inAct", defaultMessage: "Act {act}" },
  inClause: { id: "presence.inClause", defaultMessage: "clause {clause}" },
  personAt: { id: "presence.personAt", defaultMessage: "{name} · {place}" },
  you: { id: "presence.you", defaultMessage: "(you)" },
  people: { id: "presence.people", defaultMessage: "People in this statement" },
  more: { id: "presence.more", defaultMessage: "+{count}" },
  moreNames: { id: "presence.moreNames", defaultMessage: "{count, plural, one {# more: {names}} other {# more: {names}}}" },
  everyone: { id: "presence.everyone", defaultMessage: "Everyone here ({count})" },
});

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase();
}

/** Where a person is, in the statement's own terms ("clause 3.2", "Act 3"); numbers stay as they are. */
export function describeWhere(person: Present, intl: IntlShape): string {
  if (!person.where || person.where.act === null) return "";
  return person.where.clause ? intl.formatMessage(messages.inClause, { clause: person.where.clause }) : intl.formatMessage(messages.inAct, { act: String(person.where.act) });
}

/** Names as a list in the reader's language ("A, B, C"). */
function names(people: Present[], intl: IntlShape): string {
  return intl.formatList(
    people.map((person) => person.name),
    { type: "unit", style: "short" },
  );
}

function Person({ person }: { person: Present }) {
  const intl = useIntl();
  const where = describeWhere(person, intl);
  return (
    <li className="presence__person" title={where ? intl.formatMessage(messages.personAt, { name: person.name, place: where }) : person.name}>
      <span className="avatar" style={{ background: person.color }} aria-hidden="true">
        {initials(person.name)}
      </span>
      <span className="presence__text">
        <span className="presence__name">
          {person.name}
          {person.self && <span className="muted"> {intl.formatMessage(messages.you)}</span>}
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
  const intl = useIntl();
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
      <ul className="presence" aria-label={intl.formatMessage(messages.people)}>
        {people.map((person) => (
          <Person key={person.clientId} person={person} />
        ))}
      </ul>
    );
  }
  const hidden = people.slice(SHOWN_COLLAPSED);
  return (
    <div className="presence presence--collapsed">
      <ul className="presence__shown" aria-label={intl.formatMessage(messages.people)}>
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
        aria-label={intl.formatMessage(messages.moreNames, { count: hidden.length, names: names(hidden, intl) })}
        title={names(hidden, intl)}
        onClick={() => setOpen((was) => !was)}
      >
        {intl.formatMessage(messages.more, { count: hidden.length })}
      </button>
      <ul id={listId} className="presence__all" aria-label={intl.formatMessage(messages.everyone, { count: people.length })} hidden={!open}>
        {people.map((person) => (
          <Person key={person.clientId} person={person} />
        ))}
      </ul>
    </div>
  );
}
