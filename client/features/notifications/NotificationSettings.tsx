import { useCallback, useEffect, useId, useRef, useState } from "react";
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

  // What the page shows runs ahead of the server: each change is applied here at once, and the
  // saves go one after the other, each sending the settings as they are when it leaves. So quick
  // ticks never undo one another, and only the answer to the last save replaces the page's copy.
  const current = useRef<Settings | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const waiting = useRef(0);
  const show = useCallback((next: Settings) => {
    current.current = next;
    setSettings(next);
  }, []);

  useEffect(() => {
    getNotificationSettings().then(show, setError);
  }, [setError, show]);

  type Change = Parameters<typeof updateNotificationSettings>[0];
  function save(change: (now: Settings) => Change) {
    setSaved(false);
    setError(null);
    waiting.current += 1;
    queue.current = queue.current.then(async () => {
      try {
        const answer = await updateNotificationSettings(change(current.current!));
        waiting.current -= 1;
        if (waiting.current === 0) {
          show(answer);
          setSaved(true);
        }
      } catch (failure) {
        waiting.current -= 1;
        setError(failure);
        // Back to what the server holds, so the page does not show a change that was not saved.
        if (waiting.current === 0) await getNotificationSettings().then(show, () => undefined);
      }
    });
  }

  function chooseEmail(email: EmailMode) {
    show({ ...current.current!, email });
    save(() => ({ email }));
  }

  function toggle(workspaceId: string, act: number, on: boolean) {
    const now = current.current!;
    show({
      ...now,
      follows: now.follows.map((follow) =>
        follow.workspaceId !== workspaceId ? follow : { ...follow, acts: on ? [...follow.acts.filter((a) => a !== act), act].sort((a, b) => a - b) : follow.acts.filter((a) => a !== act) },
      ),
    });
    save((latest) => ({ follows: { workspaceId, acts: latest.follows.find((follow) => follow.workspaceId === workspaceId)?.acts ?? [] } }));
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
                <input type="radio" name={`${id}-email`} value={mode} checked={settings.email === mode} onChange={() => chooseEmail(mode)} />
                {intl.formatMessage(messages.mode, { mode, hour: String(DIGEST_HOUR_UTC).padStart(2, "0") })}
              </label>
            ))}
          </fieldset>
          {settings.follows.map(({ workspaceId, acts }) => {
            const membership = me.memberships.find((m) => m.workspace.id === workspaceId);
            if (!membership) return null;
            return (
              <fieldset key={workspaceId} className="notification-settings__group">
                <legend>{intl.formatMessage(messages.follows, { workspace: membership.workspace.name })}</legend>
                {membership.role === "reviewer" && <p className="muted small">{intl.formatMessage(messages.reviewerHint)}</p>}
                <div className="notification-settings__acts">
                  {actsOffered(acts).map((act) => (
                    <label key={act} className="notification-settings__choice">
                      <input type="checkbox" checked={acts.includes(act)} onChange={(event) => toggle(workspaceId, act, event.target.checked)} />
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
