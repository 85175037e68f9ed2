import { useState, type FormEvent } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { Round } from "../../../shared/api.js";
import { cancelFreezeSchedule, scheduleFreeze } from "../../api.js";
import { useAction } from "../../useAction.js";
import { useFormats } from "../../i18n/useFormats.js";
import { instantOfLocalField, localFieldValue } from "./freezeTime.js";
import { utcTime } from "./FreezeCountdown.js";

/** What each message is given. */
type Values = {
  scheduled: { local: string; utc: string };
  fieldLabel: NoMessageValues;
  inUtc: { utc: string };
  schedule: NoMessageValues;
  move: NoMessageValues;
  cancel: NoMessageValues;
  confirmCancel: { name: string };
  formLabel: { name: string };
};

const messages = defineMessages<Values>({
  scheduled: { id: "freeze.scheduledFor", defaultMessage: "Freezes on {local} (your time), {utc}" },
  fieldLabel: { id: "freeze.fieldLabel", defaultMessage: "Freeze at (your time)" },
  inUtc: { id: "freeze.inUtc", defaultMessage: "That is {utc}." },
  schedule: { id: "freeze.schedule", defaultMessage: "Schedule the freeze" },
  move: { id: "freeze.move", defaultMessage: "Move the freeze" },
  cancel: { id: "freeze.cancel", defaultMessage: "Cancel the scheduled freeze" },
  confirmCancel: { id: "freeze.confirmCancel", defaultMessage: "Cancel the scheduled freeze of “{name}”? Everyone is told." },
  formLabel: { id: "freeze.formLabel", defaultMessage: "Schedule the freeze of “{name}”" },
});

/**
 * The current round's scheduled freeze: when it is (the reader's time and UTC); for chairs,
 * a date-and-time field in their own time to schedule or move it, and a button to cancel it.
 */
export function FreezeSchedule({ documentId, round, chair, onChanged }: { documentId: string; round: Round; chair: boolean; onChanged: () => Promise<unknown> }) {
  const intl = useIntl();
  const formats = useFormats();
  const [value, setValue] = useState("");
  const saving = useAction();
  const cancelling = useAction();
  const instant = instantOfLocalField(value);
  const fieldId = `freeze-at-${round.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!instant) return;
    void saving.run(async () => {
      await scheduleFreeze(documentId, round.id, instant);
      setValue("");
      await onChanged();
    });
  }

  return (
    <div className="freeze-schedule">
      {round.freezeAt && (
        <p className="freeze-schedule__when small" data-freeze-at={round.freezeAt}>
          {intl.formatMessage(messages.scheduled, { local: formats.dateTime(round.freezeAt), utc: utcTime(intl, round.freezeAt) })}
          {chair && (
            <button
              type="button"
              className="button button--quiet freeze-schedule__cancel"
              disabled={cancelling.busy}
              onClick={() => {
                if (confirm(intl.formatMessage(messages.confirmCancel, { name: round.name }))) {
                  void cancelling.run(async () => {
                    await cancelFreezeSchedule(documentId, round.id);
                    await onChanged();
                  });
                }
              }}
            >
              {intl.formatMessage(messages.cancel)}
            </button>
          )}
        </p>
      )}
      {cancelling.error && <p role="alert" className="notice notice--error small">{cancelling.error}</p>}
      {chair && (
        <form className="inline-form freeze-schedule__form" onSubmit={submit} aria-label={intl.formatMessage(messages.formLabel, { name: round.name })}>
          <label className="freeze-schedule__field" htmlFor={fieldId}>
            <span className="small">{intl.formatMessage(messages.fieldLabel)}</span>
            <input id={fieldId} type="datetime-local" value={value} min={localFieldValue(new Date())} onChange={(e) => setValue(e.target.value)} required />
          </label>
          <button type="submit" className="button" disabled={saving.busy || !instant}>
            {intl.formatMessage(round.freezeAt ? messages.move : messages.schedule)}
          </button>
          {instant && <p className="small muted freeze-schedule__utc">{intl.formatMessage(messages.inUtc, { utc: utcTime(intl, instant) })}</p>}
          {saving.error && <p role="alert" className="notice notice--error small">{saving.error}</p>}
        </form>
      )}
    </div>
  );
}
