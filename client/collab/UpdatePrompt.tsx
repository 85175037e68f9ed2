/// <reference types="vite-plugin-pwa/react" />
import { useRef, useState } from "react";
import { defineMessages, useIntl } from "react-intl";
import { useRegisterSW } from "virtual:pwa-register/react";

const messages = defineMessages({
  updatedElsewhere: { id: "collab.updatedInAnotherTab", defaultMessage: "This workspace was updated in another tab." },
  ready: { id: "collab.newVersionReady", defaultMessage: "A new version of the workspace is ready." },
  reload: { id: "collab.reload", defaultMessage: "Reload" },
  later: { id: "collab.later", defaultMessage: "Later" },
});

/** How often an open tab asks whether a new version was deployed (tabs stay open for days). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Registers the app shell's service worker, and offers a new deploy once it is ready: the
 * person chooses when to reload (an automatic reload would drop a comment being written;
 * the statement's own text is safe in IndexedDB either way). Other open tabs are not
 * reloaded under their writers: they say that a reload is due.
 */
export function UpdatePrompt() {
  const intl = useIntl();
  const reloading = useRef(false);
  const [updatedElsewhere, setUpdatedElsewhere] = useState(false);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine && !registration.installing) void registration.update().catch(() => undefined);
      }, CHECK_EVERY_MS);
    },
    onNeedReload() {
      if (reloading.current) location.reload();
      else setUpdatedElsewhere(true);
    },
  });
  if (!needRefresh && !updatedElsewhere) return null;
  const reload = () => {
    reloading.current = true;
    if (updatedElsewhere) location.reload();
    else void updateServiceWorker(true);
  };
  return (
    <div className="update-prompt" role="status" aria-live="polite">
      <span>{intl.formatMessage(updatedElsewhere ? messages.updatedElsewhere : messages.ready)}</span>
      <button type="button" className="button button--primary" onClick={reload}>
        {intl.formatMessage(messages.reload)}
      </button>
      {!updatedElsewhere && (
        <button type="button" className="button button--quiet" onClick={() => setNeedRefresh(false)}>
          {intl.formatMessage(messages.later)}
        </button>
      )}
    </div>
  );
}
