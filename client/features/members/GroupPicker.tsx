import { useState } from "react";
import type { MemberList } from "../../../shared/api.js";

type Group = MemberList["groups"][number];

/** Several reference groups, picked with checkboxes (a member may follow more than one). */
export function GroupChoices({ legend, groups, value, onChange, disabled }: { legend: string; groups: Group[]; value: string[]; onChange: (ids: string[]) => void; disabled?: boolean }) {
  function toggle(id: string, on: boolean) {
    // Kept in the workspace's group order, so the same choice always reads the same.
    onChange(groups.map((group) => group.id).filter((groupId) => (groupId === id ? on : value.includes(groupId))));
  }
  return (
    <fieldset className="field field--choices group-choices" disabled={disabled}>
      <legend>{legend}</legend>
      {groups.length === 0 && <small>This workspace has no reference groups.</small>}
      {groups.map((group) => (
        <label key={group.id}>
          <input type="checkbox" checked={value.includes(group.id)} onChange={(event) => toggle(group.id, event.target.checked)} />
          <span>
            {group.name}
            {group.acts.length > 0 && <small> · Acts {group.acts.join(", ")}</small>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The names of these groups, or "None". */
export function groupNames(groups: Group[], ids: string[]): string {
  const names = groups.filter((group) => ids.includes(group.id)).map((group) => group.name);
  return names.length > 0 ? names.join(", ") : "None";
}

/**
 * A member's groups in a table cell: their names, opening onto the checkboxes. A change
 * shows at once, until the saved list comes back (or the change is refused).
 */
export function GroupPicker({ memberName, groups, value, onChange }: { memberName: string; groups: Group[]; value: string[]; onChange: (ids: string[]) => Promise<void> }) {
  const [pending, setPending] = useState<string[] | null>(null);
  const shown = pending ?? value;
  function change(ids: string[]) {
    setPending(ids);
    void onChange(ids).finally(() => setPending(null));
  }
  return (
    <details className="group-picker">
      <summary aria-label={`Reference groups of ${memberName}: ${groupNames(groups, shown)}`}>{groupNames(groups, shown)}</summary>
      <GroupChoices legend={`Reference groups of ${memberName}`} groups={groups} value={shown} onChange={change} />
    </details>
  );
}
