import { useEffect, useId, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { NotificationSettings as Settings } from "../../../shared/api.js";
import { DIGEST_HOUR_UTC, emailModes, type EmailMode } from "../../../shared/notifications.js";
import { getNotificationSettings, updateNotificationSettings } from "../../api.js";
import { useMe } from "../../session/SessionProvider.js";
import { useFailure } from "../../useAction.js";
import "./NotificationBell.css";

const messages = defineMessages<{
  title: NoMessageValues;
  lead: NoMessageValues;
  email: NoMessageValues;
  mode: { mode: string; hour: string };
  follows: { workspace: string };
  reviewerHint: NoMessageValues;
  act: { number: string };
  saved: NoMessageValues;
  loading: NoMessageValues;
}>({
  title: { id: "notificationSettings.title", defaultMessage: "Notifications" },
  lead: {
    id: "notificationSettings.lead",
    defaultMessage: "The bell shows mentions of you and your reference groups, replies in your threads, new comments and suggestions on the Acts you follow, decisions on your suggestions, rounds and freezes.",
  },
  email: { id: "notificationSettings.email", defaultMessage: "By email" },
  mode: {
    id: "notificationSettings.mode",
    defaultMessage: "{mode, select, immediate {Each one as it happens} digest {One digest a day, at {hour}:00 UTC} other {No email}}",
  },
  follows: { id: "notificationSettings.follows", defaultMessage: "Acts you follow in {workspace}" },
  reviewerHint: { id: "notificationSettings.reviewerHint", defaultMessage: "Your reference groups' Acts are followed unless you untick them." },
  act: { id: "notificationSettings.act", defaultMessage: "Act {number}" },
  saved: { id: "notificationSettings.saved", defaultMessage: "Saved." },
  loading: { id: "notificationSettings.loading", defaultMessage: "Loading…" },
});

/** How many Acts to offer: the Ten Acts, or more when someone follows a higher number. */
const actsOffered = (followed: number[]) => Array.from({ length: Math.max(10, ...followed) }, (_, i) => i + 1);

/** The account's notification settings: how mail comes, and which Acts are followed in each workspace. Each change is saved at once. */
export function NotificationSettings() {
  const intl = useIntl();
  const me = useMe();
  const id = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useFailure();

  useEffect(() => {
    getNotificationSettings().then(setSettings, setError);
  }, [setError]);

  async function save(change: Parameters<typeof updateNotificationSettings>[0]) {
    setSaved(false);
    setError(null);
    try {
      setSettings(await updateNotificationSettings(change));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="card notification-settings" id="notifications" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{intl.formatMessage(messages.title)}</h2>
      <p className="muted small">{intl.formatMessage(messages.lead)}</p>
      {!settings ? (
        <p className="muted small">{intl.formatMessage(messages.loading)}</p>
      ) : (
        <>
          <fieldset className="notification-settings__group">
            <legend>{intl.formatMessage(messages.email)}</legend>
            {emailModes.map((mode: EmailMode) => (
              <label key={mode} className="notification-settings__choice">
                <input type="radio" name={`${id}-email`} value={mode} checked={settings.email === mode} onChange={() => void save({ email: mode })} />
                {intl.formatMessage(messages.mode, { mode, hour: String(DIGEST_HOUR_UTC).padStart(2, "0") })}
              </label>
            ))}
          </fieldset>
          {settings.follows.map(({ workspaceId, acts }) => {
            const membership = me.memberships.find((m) => m.workspace.id === workspaceId);
            if (!membership) return null;
            const toggle = (act: number, on: boolean) => void save({ follows: { workspaceId, acts: on ? [...acts, act] : acts.filter((a) => a !== act) } });
            return (
              <fieldset key={workspaceId} className="notification-settings__group">
                <legend>{intl.formatMessage(messages.follows, { workspace: membership.workspace.name })}</legend>
                {membership.role === "reviewer" && <p className="muted small">{intl.formatMessage(messages.reviewerHint)}</p>}
                <div className="notification-settings__acts">
                  {actsOffered(acts).map((act) => (
                    <label key={act} className="notification-settings__choice">
                      <input type="checkbox" checked={acts.includes(act)} onChange={(event) => toggle(act, event.target.checked)} />
                      {intl.formatMessage(messages.act, { number: String(act) })}
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </>
      )}
      <p className="small notification-settings__status" role="status">
        {saved ? intl.formatMessage(messages.saved) : ""}
      </p>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </section>
  );
}
