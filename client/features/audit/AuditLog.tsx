import { useCallback, useEffect, useId, useRef, useState } from "react";
import { auditActions, type AuditAction, type AuditEntry, type AuditPerson } from "../../../shared/api.js";
import { auditActionNames, describeAuditEntry } from "../../../shared/auditSentences.js";
import { auditCsvUrl, listAudit } from "../../api.js";
import { formatDateTime } from "../../format.js";
import { messageOf } from "../../useAction.js";
import "./AuditLog.css";

/** How many entries one page shows before "Show older entries". */
const PAGE_SIZE = 50;

/** What the chair filters by; dates are the `<input type="date">` values (the chair's own days). */
interface Filters {
  personId: string;
  action: AuditAction | "";
  fromDay: string;
  toDay: string;
}

const noFilters: Filters = { personId: "", action: "", fromDay: "", toDay: "" };

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as an instant: a chair's "30 Nov" is their day, not UTC's. */
function startOfDay(day: string, days = 0): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days).toISOString();
}

/** The filters as the API's query: `to` is the start of the day after the last day shown. */
function queryOf(filters: Filters) {
  return {
    ...(filters.personId ? { personId: filters.personId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.fromDay ? { from: startOfDay(filters.fromDay) } : {}),
    ...(filters.toDay ? { to: startOfDay(filters.toDay, 1) } : {}),
  };
}

/**
 * The workspace's audit log for chairs: who changed what, as sentences, filtered by
 * person, action and dates, paged, and downloadable as CSV with the same filters.
 * `reloadOn`: any value that changes when the page around it changed something.
 */
export function AuditLog({ workspaceId, reloadOn }: { workspaceId: string; reloadOn?: unknown }) {
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [people, setPeople] = useState<AuditPerson[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // Only the latest request's answer is shown: filters changed quickly must not be overtaken by an older answer.
  const latest = useRef(0);
  const badRange = Boolean(filters.fromDay && filters.toDay && filters.fromDay > filters.toDay);

  const load = useCallback(
    async (before: number | null) => {
      if (!workspaceId || badRange) return;
      const request = ++latest.current;
      setLoading(true);
      setError(null);
      try {
        const page = await listAudit(workspaceId, { ...queryOf(filters), limit: PAGE_SIZE, ...(before ? { before } : {}) });
        if (request !== latest.current) return;
        setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries));
        setPeople(page.people);
        setNextBefore(page.nextBefore);
      } catch (failure) {
        if (request === latest.current) setError(messageOf(failure));
      } finally {
        if (request === latest.current) setLoading(false);
      }
    },
    [workspaceId, filters, badRange],
  );

  useEffect(() => {
    void load(null);
  }, [load, reloadOn]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((current) => ({ ...current, [key]: value }));
  const filtered = Object.values(filters).some(Boolean);

  return (
    <section className="card audit" aria-label="Audit log">
      <div className="audit__head">
        <h2>Audit log</h2>
        <a className="button audit__csv" href={auditCsvUrl(workspaceId, queryOf(filters))} download>
          Download CSV
        </a>
      </div>
      <form className="audit__filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter the audit log">
        <label className="field" htmlFor={`${id}-person`}>
          <span>Person</span>
          <select id={`${id}-person`} value={filters.personId} onChange={(event) => set("personId", event.target.value)}>
            <option value="">Everyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-action`}>
          <span>Action</span>
          <select id={`${id}-action`} value={filters.action} onChange={(event) => set("action", event.target.value as AuditAction | "")}>
            <option value="">All actions</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {auditActionNames[action]}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-from`}>
          <span>From</span>
          <input id={`${id}-from`} type="date" value={filters.fromDay} max={filters.toDay || undefined} onChange={(event) => set("fromDay", event.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-to`}>
          <span>To</span>
          <input id={`${id}-to`} type="date" value={filters.toDay} min={filters.fromDay || undefined} onChange={(event) => set("toDay", event.target.value)} />
        </label>
        <button type="button" className="button button--quiet audit__clear" disabled={!filtered} onClick={() => setFilters(noFilters)}>
          Clear filters
        </button>
      </form>

      {badRange && <p role="alert" className="notice notice--error">“From” must not be after “To”.</p>}
      {error && <p role="alert" className="notice notice--error">{error}</p>}
      <p role="status" className="muted small audit__count">
        {loading ? "Loading…" : entries.length === 0 ? (filtered ? "No entries match these filters." : "Nothing recorded yet.") : `${entries.length} ${entries.length === 1 ? "entry" : "entries"}${nextBefore ? ", older ones below" : ""}`}
      </p>

      {entries.length > 0 && (
        <table className="table table--compact audit__table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">From address</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="audit__entry" data-action={entry.action}>
                <td className="audit__when">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td className="audit__what">{describeAuditEntry(entry)}</td>
                <td className="audit__address muted">{entry.address ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && (
        <button type="button" className="button audit__more" disabled={loading} onClick={() => void load(nextBefore)}>
          Show older entries
        </button>
      )}
    </section>
  );
}
