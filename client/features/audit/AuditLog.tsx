import { useCallback, useEffect, useId, useRef, useState } from "react";
import { defineMessages, FormattedMessage, useIntl } from "react-intl";
import { auditActions, type AuditAction, type AuditEntry, type AuditPerson } from "../../../shared/api.js";
import { auditActionName, describeAuditEntry } from "../../../shared/auditSentences.js";
import { auditCsvUrl, listAudit } from "../../api.js";
import { useFormats } from "../../i18n/useFormats.js";
import { useFailure } from "../../useAction.js";
import "./AuditLog.css";

const messages = defineMessages<{
  title: {};
  downloadCsv: {};
  filters: {};
  person: {};
  everyone: {};
  action: {};
  allActions: {};
  from: {};
  to: {};
  clear: {};
  badRange: {};
  loading: {};
  noMatch: {};
  empty: {};
  count: { count: number; more: "yes" | "no" };
  when: {};
  what: {};
  address: {};
  more: {};
}>({
  title: { id: "audit.title", defaultMessage: "Audit log" },
  downloadCsv: { id: "audit.downloadCsv", defaultMessage: "Download CSV" },
  filters: { id: "audit.filters", defaultMessage: "Filter the audit log" },
  person: { id: "audit.filterPerson", defaultMessage: "Person" },
  everyone: { id: "audit.everyone", defaultMessage: "Everyone" },
  action: { id: "audit.filterAction", defaultMessage: "Action" },
  allActions: { id: "audit.allActions", defaultMessage: "All actions" },
  from: { id: "audit.filterFrom", defaultMessage: "From" },
  to: { id: "audit.filterTo", defaultMessage: "To" },
  clear: { id: "audit.clearFilters", defaultMessage: "Clear filters" },
  badRange: { id: "audit.badRange", defaultMessage: "“From” must not be after “To”." },
  loading: { id: "audit.loading", defaultMessage: "Loading…" },
  noMatch: { id: "audit.noMatch", defaultMessage: "No entries match these filters." },
  empty: { id: "audit.empty", defaultMessage: "Nothing recorded yet." },
  count: {
    id: "audit.count",
    defaultMessage: "{more, select, yes {{count, plural, one {# entry, older ones below} other {# entries, older ones below}}} other {{count, plural, one {# entry} other {# entries}}}}",
  },
  when: { id: "audit.when", defaultMessage: "When" },
  what: { id: "audit.what", defaultMessage: "What happened" },
  address: { id: "audit.address", defaultMessage: "From address" },
  more: { id: "audit.showOlder", defaultMessage: "Show older entries" },
});

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
  const intl = useIntl();
  const formats = useFormats();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [people, setPeople] = useState<AuditPerson[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useFailure();
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
        if (request === latest.current) setError(failure);
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
    <section className="card audit" aria-label={intl.formatMessage(messages.title)}>
      <div className="audit__head">
        <h2>
          <FormattedMessage {...messages.title} />
        </h2>
        <a className="button audit__csv" href={auditCsvUrl(workspaceId, queryOf(filters))} download>
          <FormattedMessage {...messages.downloadCsv} />
        </a>
      </div>
      <form className="audit__filters" onSubmit={(event) => event.preventDefault()} aria-label={intl.formatMessage(messages.filters)}>
        <label className="field" htmlFor={`${id}-person`}>
          <span>
            <FormattedMessage {...messages.person} />
          </span>
          <select id={`${id}-person`} value={filters.personId} onChange={(event) => set("personId", event.target.value)}>
            <option value="">{intl.formatMessage(messages.everyone)}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-action`}>
          <span>
            <FormattedMessage {...messages.action} />
          </span>
          <select id={`${id}-action`} value={filters.action} onChange={(event) => set("action", event.target.value as AuditAction | "")}>
            <option value="">{intl.formatMessage(messages.allActions)}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {auditActionName(intl, action)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-from`}>
          <span>
            <FormattedMessage {...messages.from} />
          </span>
          <input id={`${id}-from`} type="date" value={filters.fromDay} max={filters.toDay || undefined} onChange={(event) => set("fromDay", event.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-to`}>
          <span>
            <FormattedMessage {...messages.to} />
          </span>
          <input id={`${id}-to`} type="date" value={filters.toDay} min={filters.fromDay || undefined} onChange={(event) => set("toDay", event.target.value)} />
        </label>
        <button type="button" className="button button--quiet audit__clear" disabled={!filtered} onClick={() => setFilters(noFilters)}>
          <FormattedMessage {...messages.clear} />
        </button>
      </form>

      {badRange && (
        <p role="alert" className="notice notice--error">
          <FormattedMessage {...messages.badRange} />
        </p>
      )}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <p role="status" className="muted small audit__count">
        {loading
          ? intl.formatMessage(messages.loading)
          : entries.length === 0
            ? intl.formatMessage(filtered ? messages.noMatch : messages.empty)
            : intl.formatMessage(messages.count, { count: entries.length, more: nextBefore ? "yes" : "no" })}
      </p>

      {entries.length > 0 && (
        <table className="table table--compact audit__table">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage {...messages.when} />
              </th>
              <th scope="col">
                <FormattedMessage {...messages.what} />
              </th>
              <th scope="col">
                <FormattedMessage {...messages.address} />
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="audit__entry" data-action={entry.action}>
                <td className="audit__when">
                  <time dateTime={entry.at}>{formats.dateTime(entry.at)}</time>
                </td>
                <td className="audit__what">{describeAuditEntry(intl, entry)}</td>
                <td className="audit__address muted">
                  {/* An address reads left to right whatever the page's direction. */}
                  {entry.address ? <bdi dir="ltr">{entry.address}</bdi> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && (
        <button type="button" className="button audit__more" disabled={loading} onClick={() => void load(nextBefore)}>
          <FormattedMessage {...messages.more} />
        </button>
      )}
    </section>
  );
}
