import { useId, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { NegotiatingGroup } from "../../../shared/api/matrix.js";
import { matrixLimits } from "../../../shared/matrix/matrix.js";
import { addNegotiatingGroup, ApiFailure, removeNegotiatingGroup, updateNegotiatingGroup } from "../../api.js";
import { ConfirmDialog, FormDialog } from "./ConfirmDialog.js";
import { StatesChooser, useUnStates } from "./StatePicker.js";

const messages = defineMessages<{
  title: NoMessageValues;
  intro: NoMessageValues;
  none: NoMessageValues;
  members: { count: number };
  add: NoMessageValues;
  addTitle: NoMessageValues;
  edit: { name: string };
  editTitle: { name: string };
  remove: { name: string };
  removeTitle: { name: string };
  removeText: NoMessageValues;
  removeConfirm: NoMessageValues;
  name: NoMessageValues;
  namePlaceholder: NoMessageValues;
  states: NoMessageValues;
}>({
  title: { id: "matrixManage.groups", defaultMessage: "Negotiating groups" },
  intro: { id: "matrixManage.groupsIntro", defaultMessage: "Groups of states that negotiate together, for the whole workspace: the matrix filters by them." },
  none: { id: "matrixManage.groupsNone", defaultMessage: "No negotiating group yet." },
  members: { id: "matrixManage.groupMembers", defaultMessage: "{count, plural, =0 {no state} one {# state} other {# states}}" },
  add: { id: "matrixManage.groupAdd", defaultMessage: "Create a group" },
  addTitle: { id: "matrixManage.groupAddTitle", defaultMessage: "A new negotiating group" },
  edit: { id: "matrixManage.groupEdit", defaultMessage: "Change {name}" },
  editTitle: { id: "matrixManage.groupEditTitle", defaultMessage: "Change {name}" },
  remove: { id: "matrixManage.groupRemove", defaultMessage: "Delete {name}" },
  removeTitle: { id: "matrixManage.groupRemoveTitle", defaultMessage: "Delete the group {name}?" },
  removeText: { id: "matrixManage.groupRemoveText", defaultMessage: "It disappears from every statement's matrix in this workspace. The states stay targets." },
  removeConfirm: { id: "matrixManage.groupRemoveConfirm", defaultMessage: "Delete" },
  name: { id: "matrixManage.groupName", defaultMessage: "Name" },
  namePlaceholder: { id: "matrixManage.groupNamePlaceholder", defaultMessage: "e.g. African Group, G77 and China" },
  states: { id: "matrixManage.groupStates", defaultMessage: "Member states" },
});

type Editing = { kind: "add" } | { kind: "edit"; group: NegotiatingGroup } | { kind: "remove"; group: NegotiatingGroup } | null;

/** The workspace's negotiating groups: listed for everyone who reaches this page; created, changed and deleted by chairs (`manage`). */
export function NegotiatingGroups({ workspaceId, groups, manage, onChanged }: { workspaceId: string; groups: NegotiatingGroup[]; manage: boolean; onChanged: () => void }) {
  const intl = useIntl();
  const states = useUnStates();
  const [editing, setEditing] = useState<Editing>(null);
  const headingId = useId();
  const collator = new Intl.Collator(intl.locale);
  const name = (code: string) => states?.byCode.get(code) ?? code;
  // A change names the group as shown when the dialog opened; once refused as stale (another
  // chair changed it), the page reloads and saving again replaces the group as it is now.
  const [staleSeen, setStaleSeen] = useState(false);
  async function changeGroup(shown: NegotiatingGroup, group: { name: string; codes: string[] }) {
    const seen = (staleSeen ? groups.find((candidate) => candidate.id === shown.id) : undefined) ?? shown;
    try {
      await updateNegotiatingGroup(workspaceId, shown.id, { ...group, base: { name: seen.name, codes: seen.codes } });
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.id === "matrix_stale") {
        setStaleSeen(true);
        onChanged();
      }
      throw failure;
    }
  }
  const edit = (next: Editing) => {
    setStaleSeen(false);
    setEditing(next);
  };
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{intl.formatMessage(messages.title)}</h2>
      <p className="muted small">{intl.formatMessage(messages.intro)}</p>
      {groups.length === 0 ? (
        <p className="muted">{intl.formatMessage(messages.none)}</p>
      ) : (
        <ul className="matrix-groups">
          {groups.map((group) => (
            <li key={group.id} className="matrix-groups__item">
              <p className="matrix-groups__head">
                <strong dir="auto">{group.name}</strong> <span className="muted small">{intl.formatMessage(messages.members, { count: group.codes.length })}</span>
              </p>
              <p className="small" dir="auto">
                {intl.formatList(
                  group.codes.map(name).sort((a, b) => collator.compare(a, b)),
                  { type: "unit" },
                )}
              </p>
              {manage && (
                <p className="matrix-groups__actions">
                  <button type="button" className="button button--quiet small" onClick={() => edit({ kind: "edit", group })}>
                    {intl.formatMessage(messages.edit, { name: group.name })}
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--danger small"
                    onClick={() => setEditing({ kind: "remove", group })}
                  >
                    {intl.formatMessage(messages.remove, { name: group.name })}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <button type="button" className="button" onClick={() => setEditing({ kind: "add" })} disabled={groups.length >= matrixLimits.groups}>
          {intl.formatMessage(messages.add)}
        </button>
      )}
      {editing?.kind === "remove" && (
        <ConfirmDialog
          title={intl.formatMessage(messages.removeTitle, { name: editing.group.name })}
          text={intl.formatMessage(messages.removeText)}
          confirm={intl.formatMessage(messages.removeConfirm)}
          action={() => removeNegotiatingGroup(workspaceId, editing.group.id)}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {(editing?.kind === "add" || editing?.kind === "edit") && (
        <GroupDialog
          title={editing.kind === "add" ? intl.formatMessage(messages.addTitle) : intl.formatMessage(messages.editTitle, { name: editing.group.name })}
          initial={editing.kind === "add" ? { name: "", codes: [] } : { name: editing.group.name, codes: editing.group.codes }}
          onSave={async (group) => {
            if (editing.kind === "add") await addNegotiatingGroup(workspaceId, group);
            else await changeGroup(editing.group, group);
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

/** A group's name and member states in a modal dialog. */
function GroupDialog({ title, initial, onSave, onCancel }: { title: string; initial: { name: string; codes: string[] }; onSave: (group: { name: string; codes: string[] }) => Promise<void>; onCancel: () => void }) {
  const intl = useIntl();
  const [name, setName] = useState(initial.name);
  const [codes, setCodes] = useState(initial.codes);
  return (
    <FormDialog title={title} wide onSave={() => onSave({ name: name.trim(), codes: [...codes].sort() })} onCancel={onCancel}>
      <label className="field">
        <span>{intl.formatMessage(messages.name)}</span>
        <input type="text" value={name} required maxLength={matrixLimits.name} placeholder={intl.formatMessage(messages.namePlaceholder)} dir="auto" onChange={(event) => setName(event.target.value)} />
      </label>
      <fieldset className="field">
        <legend>{intl.formatMessage(messages.states)}</legend>
        <StatesChooser chosen={codes} onChange={setCodes} />
      </fieldset>
    </FormDialog>
  );
}
