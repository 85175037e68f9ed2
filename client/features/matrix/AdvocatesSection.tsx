import { useEffect, useId, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { MatrixAdvocate } from "../../../shared/api/matrix.js";
import { channels, matrixLimits, type Channel } from "../../../shared/matrix/matrix.js";
import { channelName } from "../../../shared/matrix/matrixNames.js";
import { addMatrixAdvocate, getMatrixOrganisations, removeMatrixAdvocate, updateMatrixAdvocate } from "../../api.js";
import { useFormats } from "../../i18n/useFormats.js";
import { ConfirmDialog, FormDialog } from "./ConfirmDialog.js";
import { advocatesByChannel } from "./governmentView.js";

const messages = defineMessages<{
  title: NoMessageValues;
  none: NoMessageValues;
  add: { channel: string };
  addTitle: { target: string };
  editTitle: { organisation: string };
  edit: NoMessageValues;
  editNamed: { organisation: string };
  remove: NoMessageValues;
  removeNamed: { organisation: string };
  removeTitle: { organisation: string };
  removeText: { channel: string; target: string };
  removeConfirm: NoMessageValues;
  channel: NoMessageValues;
  organisation: NoMessageValues;
  contactName: NoMessageValues;
  contactEmail: NoMessageValues;
  note: NoMessageValues;
  contactHint: NoMessageValues;
  addedBy: { name: string; date: string };
  count: { count: number };
}>({
  title: { id: "matrixGovernment.advocates", defaultMessage: "Advocates" },
  none: { id: "matrixGovernment.advocatesNone", defaultMessage: "Nobody yet." },
  add: { id: "matrixGovernment.advocateAdd", defaultMessage: "Add an advocate ({channel})" },
  addTitle: { id: "matrixGovernment.advocateAddTitle", defaultMessage: "An advocate for {target}" },
  editTitle: { id: "matrixGovernment.advocateEditTitle", defaultMessage: "Change {organisation}" },
  edit: { id: "matrixGovernment.advocateEdit", defaultMessage: "Change" },
  editNamed: { id: "matrixGovernment.advocateEditNamed", defaultMessage: "Change {organisation}" },
  remove: { id: "matrixGovernment.advocateRemove", defaultMessage: "Remove" },
  removeNamed: { id: "matrixGovernment.advocateRemoveNamed", defaultMessage: "Remove {organisation}" },
  removeTitle: { id: "matrixGovernment.advocateRemoveTitle", defaultMessage: "Remove {organisation}?" },
  removeText: { id: "matrixGovernment.advocateRemoveText", defaultMessage: "It will no longer be listed as reaching {target} through the {channel}." },
  removeConfirm: { id: "matrixGovernment.advocateRemoveConfirm", defaultMessage: "Remove" },
  channel: { id: "matrixGovernment.advocateChannel", defaultMessage: "Channel" },
  organisation: { id: "matrixGovernment.advocateOrganisation", defaultMessage: "Organisation" },
  contactName: { id: "matrixGovernment.advocateContactName", defaultMessage: "Contact person" },
  contactEmail: { id: "matrixGovernment.advocateContactEmail", defaultMessage: "Contact email" },
  note: { id: "matrixGovernment.advocateNote", defaultMessage: "Note about the contact" },
  contactHint: { id: "matrixGovernment.advocateContactHint", defaultMessage: "The contact and this note are seen by chairs and coordinators only." },
  addedBy: { id: "matrixGovernment.advocateAddedBy", defaultMessage: "Added by {name}, {date}" },
  count: { id: "matrixGovernment.advocateCount", defaultMessage: "{count, plural, =0 {none} one {# organisation} other {# organisations}}" },
});

type Editing = { kind: "add"; channel: Channel } | { kind: "edit"; advocate: MatrixAdvocate } | { kind: "remove"; advocate: MatrixAdvocate } | null;

/**
 * A target's advocates in New York, Geneva and its capital. Contacts and their notes are
 * shown only when the server sent them (chairs and coordinators); for the other roles they
 * are null and nothing is drawn in their place. Chairs and coordinators add, change and remove.
 */
export function AdvocatesSection({ documentId, targetId, targetLabel, advocates, canEdit, onChanged }: { documentId: string; targetId: string; targetLabel: string; advocates: MatrixAdvocate[]; canEdit: boolean; onChanged: () => void }) {
  const intl = useIntl();
  const formats = useFormats();
  const [editing, setEditing] = useState<Editing>(null);
  const headingId = useId();
  const groups = advocatesByChannel(advocates, targetId, intl.locale);
  return (
    <section className="card matrix-government__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{intl.formatMessage(messages.title)}</h2>
      <div className="matrix-advocates">
        {groups.map(({ channel, advocates: list }) => (
          <section key={channel} className="matrix-advocates__channel">
            <h3>
              {channelName(intl, channel)} <span className="muted small">{intl.formatMessage(messages.count, { count: list.length })}</span>
            </h3>
            {list.length === 0 ? (
              <p className="muted small">{intl.formatMessage(messages.none)}</p>
            ) : (
              <ul className="matrix-advocates__list">
                {list.map((advocate) => (
                  <li key={advocate.id} className="matrix-advocates__item">
                    <strong dir="auto">{advocate.organisation}</strong>
                    {advocate.contactName ? <span dir="auto">{advocate.contactName}</span> : null}
                    {advocate.contactEmail ? (
                      <a href={`mailto:${advocate.contactEmail}`} dir="ltr">
                        {advocate.contactEmail}
                      </a>
                    ) : null}
                    {advocate.note ? (
                      <span className="small" dir="auto">
                        {advocate.note}
                      </span>
                    ) : null}
                    <span className="muted small">{intl.formatMessage(messages.addedBy, { name: advocate.addedBy.name, date: formats.date(advocate.addedAt) })}</span>
                    {canEdit && (
                      <span className="matrix-advocates__actions">
                        <button type="button" className="button button--quiet small" onClick={() => setEditing({ kind: "edit", advocate })} aria-label={intl.formatMessage(messages.editNamed, { organisation: advocate.organisation })}>
                          {intl.formatMessage(messages.edit)}
                        </button>
                        <button
                          type="button"
                          className="button button--quiet button--danger small"
                          aria-label={intl.formatMessage(messages.removeNamed, { organisation: advocate.organisation })}
                          onClick={() => setEditing({ kind: "remove", advocate })}
                        >
                          {intl.formatMessage(messages.remove)}
                        </button>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canEdit && (
              <button type="button" className="button small" onClick={() => setEditing({ kind: "add", channel })}>
                {intl.formatMessage(messages.add, { channel: channelName(intl, channel) })}
              </button>
            )}
          </section>
        ))}
      </div>
      {editing?.kind === "remove" && (
        <ConfirmDialog
          title={intl.formatMessage(messages.removeTitle, { organisation: editing.advocate.organisation })}
          text={intl.formatMessage(messages.removeText, { target: targetLabel, channel: channelName(intl, editing.advocate.channel) })}
          confirm={intl.formatMessage(messages.removeConfirm)}
          action={() => removeMatrixAdvocate(documentId, editing.advocate.id)}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {(editing?.kind === "add" || editing?.kind === "edit") && (
        <AdvocateDialog
          documentId={documentId}
          title={editing.kind === "add" ? intl.formatMessage(messages.addTitle, { target: targetLabel }) : intl.formatMessage(messages.editTitle, { organisation: editing.advocate.organisation })}
          initial={editing.kind === "add" ? { channel: editing.channel, organisation: "", contactName: "", contactEmail: "", note: "" } : fieldsOf(editing.advocate)}
          onSave={async (fields) => {
            if (editing.kind === "add") await addMatrixAdvocate(documentId, { targetId, ...fields });
            else await updateMatrixAdvocate(documentId, editing.advocate.id, changedFields(fieldsOf(editing.advocate), fields));
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

interface AdvocateFields {
  channel: Channel;
  organisation: string;
  contactName: string;
  contactEmail: string;
  note: string;
}

function fieldsOf(advocate: MatrixAdvocate): AdvocateFields {
  return { channel: advocate.channel, organisation: advocate.organisation, contactName: advocate.contactName ?? "", contactEmail: advocate.contactEmail ?? "", note: advocate.note ?? "" };
}

/** Only what was changed is sent. */
function changedFields(before: AdvocateFields, after: AdvocateFields): Partial<AdvocateFields> {
  return Object.fromEntries(Object.entries(after).filter(([name, value]) => before[name as keyof AdvocateFields] !== value));
}

/** Adding or changing an advocate in a modal dialog; organisations already known are suggested as one types. */
function AdvocateDialog({ documentId, title, initial, onSave, onCancel }: { documentId: string; title: string; initial: AdvocateFields; onSave: (fields: AdvocateFields) => Promise<void>; onCancel: () => void }) {
  const intl = useIntl();
  const [fields, setFields] = useState(initial);
  const [organisations, setOrganisations] = useState<string[]>([]);
  const id = useId();
  useEffect(() => {
    let cancelled = false;
    getMatrixOrganisations(documentId).then(
      (answer) => !cancelled && setOrganisations(answer.organisations),
      // Suggestions are a help: without them the name is typed.
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [documentId]);
  const text = (name: "organisation" | "contactName" | "contactEmail", max: number, type = "text") => (
    <label className="field">
      <span>{intl.formatMessage(messages[name])}</span>
      <input
        type={type}
        value={fields[name]}
        maxLength={max}
        required={name === "organisation"}
        list={name === "organisation" ? `${id}-organisations` : undefined}
        autoComplete="off"
        dir={type === "email" ? "ltr" : "auto"}
        onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
      />
    </label>
  );
  return (
    <FormDialog title={title} onSave={() => onSave(fields)} onCancel={onCancel}>
      <label className="field">
        <span>{intl.formatMessage(messages.channel)}</span>
        <select value={fields.channel} onChange={(event) => setFields({ ...fields, channel: event.target.value as Channel })}>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {channelName(intl, channel)}
            </option>
          ))}
        </select>
      </label>
      {text("organisation", matrixLimits.name)}
      <datalist id={`${id}-organisations`}>
        {organisations.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {text("contactName", matrixLimits.name)}
      {text("contactEmail", matrixLimits.email, "email")}
      <label className="field">
        <span>{intl.formatMessage(messages.note)}</span>
        <textarea value={fields.note} maxLength={matrixLimits.advocateNote} rows={3} dir="auto" onChange={(event) => setFields({ ...fields, note: event.target.value })} />
      </label>
      <p className="muted small">{intl.formatMessage(messages.contactHint)}</p>
    </FormDialog>
  );
}
