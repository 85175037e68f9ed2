import { useState } from "react";
import { defineMessages, useIntl, type IntlShape, type NoMessageValues } from "react-intl";
import type { MemberList } from "../../../shared/api.js";

type Group = MemberList["groups"][number];

const messages = defineMessages<{
  noGroups: NoMessageValues;
  acts: { count: number; acts: string };
  none: NoMessageValues;
  groupsOf: { name: string };
  groupsOfSummary: { name: string; groups: string };
}>({
  noGroups: { id: "members.noGroupsInWorkspace", defaultMessage: "This workspace has no reference groups." },
  acts: { id: "members.groupActs", defaultMessage: "{count, plural, one {Act {acts}} other {Acts {acts}}}" },
  none: { id: "members.noGroups", defaultMessage: "None" },
  groupsOf: { id: "members.groupsOf", defaultMessage: "Reference groups of {name}" },
  groupsOfSummary: { id: "members.groupsOfSummary", defaultMessage: "Reference groups of {name}: {groups}" },
});

/** A symbol between a group's name and its Acts, the same in every language. */
const DOT = " · ";

/** Several reference groups, picked with checkboxes (a member may follow more than one). */
export function GroupChoices({ legend, groups, value, onChange, disabled }: { legend: string; groups: Group[]; value: string[]; onChange: (ids: string[]) => void; disabled?: boolean }) {
  const intl = useIntl();
  function toggle(id: string, on: boolean) {
    // Kept in the workspace's group order, so the same choice always reads the same.
    onChange(groups.map((group) => group.id).filter((groupId) => (groupId === id ? on : value.includes(groupId))));
  }
  return (
    <fieldset className="field field--choices group-choices" disabled={disabled}>
      <legend>{legend}</legend>
      {groups.length === 0 && <small>{intl.formatMessage(messages.noGroups)}</small>}
      {groups.map((group) => (
        <label key={group.id}>
          <input type="checkbox" checked={value.includes(group.id)} onChange={(event) => toggle(group.id, event.target.checked)} />
          <span>
            {group.name}
            {group.acts.length > 0 && (
              <small>
                {DOT}
                {intl.formatMessage(messages.acts, { count: group.acts.length, acts: intl.formatList(group.acts.map(String), { type: "unit", style: "short" }) })}
              </small>
            )}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The names of these groups as a list in the interface's language, or "None". */
export function groupNames(intl: IntlShape, groups: Group[], ids: string[]): string {
  const names = groups.filter((group) => ids.includes(group.id)).map((group) => group.name);
  return names.length > 0 ? intl.formatList(names, { type: "unit", style: "short" }) : intl.formatMessage(messages.none);
}

/**
 * A member's groups in a table cell: their names, opening onto the checkboxes. A change
 * shows at once, until the saved list comes back (or the change is refused).
 */
export function GroupPicker({ memberName, groups, value, onChange }: { memberName: string; groups: Group[]; value: string[]; onChange: (ids: string[]) => Promise<void> }) {
  const intl = useIntl();
  const [pending, setPending] = useState<string[] | null>(null);
  const shown = pending ?? value;
  function change(ids: string[]) {
    setPending(ids);
    void onChange(ids).finally(() => setPending(null));
  }
  const names = groupNames(intl, groups, shown);
  return (
    <details className="group-picker">
      <summary aria-label={intl.formatMessage(messages.groupsOfSummary, { name: memberName, groups: names })}>{names}</summary>
      <GroupChoices legend={intl.formatMessage(messages.groupsOf, { name: memberName })} groups={groups} value={shown} onChange={change} />
    </details>
  );
}
