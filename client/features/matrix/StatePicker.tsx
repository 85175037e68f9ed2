import { useId, useMemo, useState, type ReactNode } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { unStateCodes } from "../../../shared/matrix/governments.js";
import { useCountryNames } from "../signOn/countries.js";
import { namedStates, searchStates } from "./governmentView.js";

/** How many matches are listed at once: enough to scan, few enough to tab through. */
const SHOWN = 40;

const messages = defineMessages<{
  search: NoMessageValues;
  placeholder: NoMessageValues;
  more: { count: number };
  none: NoMessageValues;
  chosen: { count: number };
  unchoose: { name: string };
  loading: NoMessageValues;
}>({
  search: { id: "matrixStates.search", defaultMessage: "Find a UN member or observer state" },
  placeholder: { id: "matrixStates.placeholder", defaultMessage: "Name or code, e.g. Kenya or KE" },
  more: { id: "matrixStates.more", defaultMessage: "{count, plural, one {# more state: type more of its name.} other {# more states: type more of the name.}}" },
  none: { id: "matrixStates.none", defaultMessage: "No UN state has that name." },
  chosen: { id: "matrixStates.chosen", defaultMessage: "{count, plural, =0 {No state chosen} one {# state chosen} other {# states chosen}}" },
  unchoose: { id: "matrixStates.unchoose", defaultMessage: "Take out {name}" },
  loading: { id: "matrixStates.loading", defaultMessage: "Loading the states' names…" },
});

/** The UN states named in the interface's language (null while the names load). */
export function useUnStates(): { list: Array<{ code: string; name: string }>; byCode: ReadonlyMap<string, string> } | null {
  const intl = useIntl();
  const countries = useCountryNames();
  return useMemo(() => (countries ? { list: namedStates(unStateCodes, countries.byCode, intl.locale), byCode: countries.byCode } : null), [countries, intl.locale]);
}

/**
 * A search over the UN's member and observer states, names in the reader's language, and
 * the matches as rows: each drawn by `renderRow` (an "Add" button, a checkbox...). Typing
 * narrows the list; the first `SHOWN` are listed.
 */
export function StateSearch({ renderRow }: { renderRow: (state: { code: string; name: string }) => ReactNode }) {
  const intl = useIntl();
  const states = useUnStates();
  const [query, setQuery] = useState("");
  const id = useId();
  if (!states) return <p className="muted small">{intl.formatMessage(messages.loading)}</p>;
  const matches = searchStates(states.list, query);
  return (
    <div className="matrix-states">
      <label className="field" htmlFor={`${id}-search`}>
        <span>{intl.formatMessage(messages.search)}</span>
        <input id={`${id}-search`} type="search" value={query} placeholder={intl.formatMessage(messages.placeholder)} autoComplete="off" onChange={(event) => setQuery(event.target.value)} />
      </label>
      {matches.length === 0 ? (
        <p className="muted small" role="status">
          {intl.formatMessage(messages.none)}
        </p>
      ) : (
        <ul className="matrix-states__list" aria-label={intl.formatMessage(messages.search)}>
          {matches.slice(0, SHOWN).map((state) => (
            <li key={state.code}>{renderRow(state)}</li>
          ))}
        </ul>
      )}
      {matches.length > SHOWN && <p className="muted small">{intl.formatMessage(messages.more, { count: matches.length - SHOWN })}</p>}
    </div>
  );
}

/** Choosing several states (a negotiating group's members): the chosen ones first, each removable, then a search with a checkbox per match. */
export function StatesChooser({ chosen, onChange }: { chosen: readonly string[]; onChange: (codes: string[]) => void }) {
  const intl = useIntl();
  const states = useUnStates();
  const name = (code: string) => states?.byCode.get(code) ?? code;
  const collator = new Intl.Collator(intl.locale);
  const sorted = [...chosen].sort((a, b) => collator.compare(name(a), name(b)));
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen.filter((other) => other !== code), code] : chosen.filter((other) => other !== code));
  return (
    <div className="matrix-chooser">
      <p className="small" role="status">
        {intl.formatMessage(messages.chosen, { count: chosen.length })}
      </p>
      {sorted.length > 0 && (
        <ul className="matrix-chooser__chosen">
          {sorted.map((code) => (
            <li key={code}>
              <button type="button" className="matrix-picked" onClick={() => toggle(code, false)} aria-label={intl.formatMessage(messages.unchoose, { name: name(code) })}>
                <span dir="auto">{name(code)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <StateSearch
        renderRow={(state) => (
          <label className="matrix-states__choice">
            <input type="checkbox" checked={chosen.includes(state.code)} onChange={(event) => toggle(state.code, event.target.checked)} /> <span dir="auto">{state.name}</span>
          </label>
        )}
      />
    </div>
  );
}
