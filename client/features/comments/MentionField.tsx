import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { insertMention, matchCandidates, mentionQuery, type MentionCandidate } from "./mentionText.js";

type Values = {
  group: NoMessageValues;
  person: NoMessageValues;
};

const messages = defineMessages<Values>({
  group: { id: "comments.mentionGroup", defaultMessage: "Reference group" },
  person: { id: "comments.mentionPerson", defaultMessage: "Member" },
});

/**
 * A comment's text box where typing "@" offers the workspace's members and reference groups
 * (a combobox with its listbox: ↑/↓ move, Enter or Tab chooses, Escape closes). Choosing
 * writes "@Name " in the text and tells `onChoose`, so the comment is sent with whom it meant.
 */
export function MentionField(props: {
  value: string;
  onChange: (value: string) => void;
  candidates: readonly MentionCandidate[];
  onChoose: (candidate: MentionCandidate) => void;
  /** A new "@" was typed: a chance to look at the candidates again. */
  onMentionStart?: () => void;
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  rows?: number;
  /** Keys the list does not take (submit, cancel). */
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
}) {
  const intl = useIntl();
  const listId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  /** What was typed when Escape closed the list: it stays closed until the typing changes. */
  const [dismissed, setDismissed] = useState<{ start: number; query: string } | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const matches = query ? matchCandidates(props.candidates, query.query) : [];
  const open = query !== null && !(dismissed?.start === query.start && dismissed.query === query.query) && matches.length > 0;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));
  const optionId = (index: number) => `${listId}-option-${index}`;

  /** Look again at what is typed before the caret. */
  function track(text: string, caret: number | null) {
    const found = caret === null ? null : mentionQuery(text, caret);
    if (found !== null && found.start !== query?.start) props.onMentionStart?.();
    setQuery((before) => {
      if (before?.start !== found?.start || before?.query !== found?.query) setActive(0);
      return found;
    });
    if (found === null || found.start !== dismissed?.start || found.query !== dismissed.query) setDismissed(null);
  }

  function choose(candidate: MentionCandidate) {
    if (!query || !box.current) return;
    const caret = box.current.selectionStart;
    const next = insertMention(props.value, query.start, caret, candidate.name);
    pendingCaret.current = next.caret;
    props.onChoose(candidate);
    props.onChange(next.text);
    setQuery(null);
  }

  // Put the caret after an inserted name once the text has it.
  useEffect(() => {
    if (pendingCaret.current !== null && box.current) {
      box.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [props.value]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((activeIndex + step + matches.length) % matches.length);
        return;
      }
      if ((event.key === "Enter" && !event.metaKey && !event.ctrlKey && !event.shiftKey) || (event.key === "Tab" && !event.shiftKey)) {
        event.preventDefault();
        choose(matches[activeIndex]!);
        return;
      }
      if (event.key === "Escape") {
        // Close the list only: the composer stays open.
        event.preventDefault();
        event.stopPropagation();
        setDismissed(query);
        return;
      }
    }
    props.onKeyDown?.(event);
  }

  return (
    <div className="mention-field">
      <textarea
        ref={box}
        role="combobox"
        aria-label={props.label}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        placeholder={props.placeholder}
        value={props.value}
        rows={props.rows}
        autoFocus={props.autoFocus}
        onChange={(event) => {
          props.onChange(event.target.value);
          track(event.target.value, event.target.selectionStart);
        }}
        onSelect={(event) => track(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="mention-field__list" aria-label={props.label} hidden={!open}>
        {open &&
          matches.map((candidate, index) => (
            <li
              key={`${candidate.kind}:${candidate.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={`mention-field__option${index === activeIndex ? " mention-field__option--active" : ""}`}
              // Keep the focus in the text box: choosing happens on mouse down.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(candidate);
              }}
            >
              <bdi className="mention-field__name">{candidate.name}</bdi>
              <span className="mention-field__kind muted small">{intl.formatMessage(candidate.kind === "group" ? messages.group : messages.person)}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
