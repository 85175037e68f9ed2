import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { NegotiatingGroup } from "../../../shared/api/matrix.js";
import { unRegionalGroups } from "../../../shared/matrix/governments.js";
import { channels } from "../../../shared/matrix/matrix.js";
import { channelName, unGroupName } from "../../../shared/matrix/matrixNames.js";
import { noFilters, type MatrixFilters } from "./matrixFilters.js";

const messages = defineMessages<{
  filters: NoMessageValues;
  region: NoMessageValues;
  group: NoMessageValues;
  act: NoMessageValues;
  actOption: { act: number; title: string };
  channel: NoMessageValues;
  any: NoMessageValues;
  noAdvocate: NoMessageValues;
  noAdvocateIn: { channel: string };
  changed: NoMessageValues;
  clear: NoMessageValues;
  shown: { shown: number; total: number };
}>({
  filters: { id: "matrix.filters.title", defaultMessage: "Filters" },
  region: { id: "matrix.filters.region", defaultMessage: "UN regional group" },
  group: { id: "matrix.filters.group", defaultMessage: "Negotiating group" },
  act: { id: "matrix.filters.act", defaultMessage: "Act" },
  actOption: { id: "matrix.filters.actOption", defaultMessage: "Act {act}: {title}" },
  channel: { id: "matrix.filters.channel", defaultMessage: "Channel" },
  any: { id: "matrix.filters.any", defaultMessage: "All" },
  noAdvocate: { id: "matrix.filters.noAdvocate", defaultMessage: "No advocate yet" },
  noAdvocateIn: { id: "matrix.filters.noAdvocateIn", defaultMessage: "No advocate yet in: {channel}" },
  changed: { id: "matrix.filters.changed", defaultMessage: "Changed since the previous round" },
  clear: { id: "matrix.filters.clear", defaultMessage: "Clear filters" },
  shown: { id: "matrix.filters.shown", defaultMessage: "{shown, plural, one {# government shown} other {# governments shown}} of {total}" },
});

/** The heat map's filters; every change goes to the URL query (the page reads them back from there). */
export function MatrixFilterBar({
  filters,
  onChange,
  groups,
  acts,
  hasPreviousRound,
  shown,
  total,
  folded,
}: {
  filters: MatrixFilters;
  onChange: (filters: MatrixFilters) => void;
  groups: NegotiatingGroup[];
  acts: Array<{ number: number; title: string }>;
  hasPreviousRound: boolean;
  shown: number;
  total: number;
  /** On a phone: the filters fold under their count (open while any is set). */
  folded: boolean;
}) {
  const intl = useIntl();
  const set = (change: Partial<MatrixFilters>) => onChange({ ...filters, ...change });
  const any = intl.formatMessage(messages.any);
  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);
  const fields = (
    <fieldset className="matrix-filters">
      <legend className="visually-hidden">{intl.formatMessage(messages.filters)}</legend>
      <label className="field">
        <span>{intl.formatMessage(messages.region)}</span>
        <select value={filters.region ?? ""} onChange={(event) => set({ region: unRegionalGroups.find((group) => group === event.target.value) ?? null })}>
          <option value="">{any}</option>
          {unRegionalGroups.map((group) => (
            <option key={group} value={group}>
              {unGroupName(intl, group)}
            </option>
          ))}
        </select>
      </label>
      {groups.length > 0 && (
        <label className="field">
          <span>{intl.formatMessage(messages.group)}</span>
          <select value={filters.group ?? ""} onChange={(event) => set({ group: event.target.value || null })}>
            <option value="">{any}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{intl.formatMessage(messages.act)}</span>
        <select value={filters.act ?? ""} onChange={(event) => set({ act: event.target.value ? Number(event.target.value) : null })}>
          <option value="">{any}</option>
          {acts.map((act) => (
            <option key={act.number} value={act.number}>
              {intl.formatMessage(messages.actOption, { act: act.number, title: act.title })}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{intl.formatMessage(messages.channel)}</span>
        <select value={filters.channel ?? ""} onChange={(event) => set({ channel: channels.find((channel) => channel === event.target.value) ?? null })}>
          <option value="">{any}</option>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {channelName(intl, channel)}
            </option>
          ))}
        </select>
      </label>
      <div className="matrix-filters__checks">
        <label className="checkbox">
          <input type="checkbox" checked={filters.noAdvocate} onChange={(event) => set({ noAdvocate: event.target.checked })} />
          {filters.channel ? intl.formatMessage(messages.noAdvocateIn, { channel: channelName(intl, filters.channel) }) : intl.formatMessage(messages.noAdvocate)}
        </label>
        {hasPreviousRound && (
          <label className="checkbox">
            <input type="checkbox" checked={filters.changed} onChange={(event) => set({ changed: event.target.checked })} /> {intl.formatMessage(messages.changed)}
          </label>
        )}
      </div>
      <p className="matrix-filters__count small muted">
        {intl.formatMessage(messages.shown, { shown, total })}
        {filtered && (
          <button type="button" className="button button--quiet small" onClick={() => onChange(noFilters)}>
            {intl.formatMessage(messages.clear)}
          </button>
        )}
      </p>
    </fieldset>
  );
  if (!folded) return fields;
  return (
    <details className="matrix-filters-fold" open={filtered}>
      <summary>
        {intl.formatMessage(messages.filters)}
        <span className="matrix-filters-fold__count muted small">{intl.formatMessage(messages.shown, { shown, total })}</span>
      </summary>
      {fields}
    </details>
  );
}
