import { useEffect, useId, useRef, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { Link } from "wouter";
import { describeNotification } from "../../../shared/notificationSentences.js";
import { useFormats } from "../../i18n/useFormats.js";
import { useNotifications } from "./useNotifications.js";
import "./NotificationBell.css";

const messages = defineMessages<{
  bell: { count: number };
  title: NoMessageValues;
  markAll: NoMessageValues;
  markOne: NoMessageValues;
  unread: NoMessageValues;
  empty: NoMessageValues;
  settings: NoMessageValues;
  loading: NoMessageValues;
  overflow: { count: string };
}>({
  overflow: { id: "notifications.overflow", defaultMessage: "{count}+" },
  bell: { id: "notifications.bell", defaultMessage: "Notifications, {count, plural, =0 {none unread} one {# unread} other {# unread}}" },
  title: { id: "notifications.title", defaultMessage: "Notifications" },
  markAll: { id: "notifications.markAll", defaultMessage: "Mark all as read" },
  markOne: { id: "notifications.markOne", defaultMessage: "Mark as read" },
  unread: { id: "notifications.unread", defaultMessage: "Unread:" },
  empty: { id: "notifications.empty", defaultMessage: "Nothing yet. You hear here when someone mentions you, replies to you, or acts on what you follow." },
  settings: { id: "notifications.settings", defaultMessage: "Notification settings" },
  loading: { id: "notifications.loading", defaultMessage: "Loading…" },
});

/**
 * The bell: how many notifications are unread (live), and a panel listing the latest with
 * links to where each happened. A disclosure: the panel follows the button, Escape or a
 * click elsewhere closes it and the focus returns to the button.
 */
export function NotificationBell({ className = "" }: { className?: string }) {
  const intl = useIntl();
  const formats = useFormats();
  const { notifications, unread, loaded, markRead, markAllRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const formatTime = (iso: string) => formats.dateTime(iso);
  return (
    <div className={`bell ${className}`} ref={root}>
      <button ref={button} type="button" className="button button--quiet bell__button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((was) => !was)}>
        <svg className="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.3A1 1 0 0 0 5.1 17h13.8a1 1 0 0 0 .8-1.7L18 12.6V9a6 6 0 0 0-6-6Zm0 19a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z" fill="currentColor" />
        </svg>
        <span className="sr-only">{intl.formatMessage(messages.bell, { count: unread })}</span>
        {unread > 0 && (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? intl.formatMessage(messages.overflow, { count: formats.number(99) }) : formats.number(unread)}
          </span>
        )}
      </button>
      <section id={panelId} className="bell__panel" hidden={!open} aria-labelledby={`${panelId}-title`}>
        <div className="bell__head">
          <h2 id={`${panelId}-title`}>{intl.formatMessage(messages.title)}</h2>
          {/* aria-disabled rather than disabled: a disabled button would drop the focus of whoever just pressed it. */}
          <button
            type="button"
            className="button button--quiet small bell__mark-all"
            aria-disabled={unread === 0}
            onClick={() => {
              if (unread > 0) void markAllRead();
            }}
          >
            {intl.formatMessage(messages.markAll)}
          </button>
        </div>
        {!loaded ? (
          <p className="muted small">{intl.formatMessage(messages.loading)}</p>
        ) : notifications.length === 0 ? (
          <p className="muted small">{intl.formatMessage(messages.empty)}</p>
        ) : (
          <ul className="bell__list">
            {notifications.map((notification) => {
              const isUnread = notification.readAt === null;
              const quote = notification.detail.excerpt ?? notification.detail.quote;
              return (
                <li key={notification.id} className={`bell__item${isUnread ? " bell__item--unread" : ""}`} data-notification={notification.id}>
                  <Link
                    href={notification.link}
                    className="bell__link"
                    onClick={() => {
                      setOpen(false);
                      void markRead([notification.id]);
                    }}
                  >
                    {isUnread && <span className="sr-only">{intl.formatMessage(messages.unread)} </span>}
                    <span dir="auto">{describeNotification(intl, notification, formatTime)}</span>
                    {quote && (
                      <span className="bell__quote" dir="auto">
                        {quote}
                      </span>
                    )}
                  </Link>
                  <span className="bell__meta">
                    <time dateTime={notification.createdAt} title={formats.dateTime(notification.createdAt)}>
                      {formats.when(notification.createdAt)}
                    </time>
                    {isUnread && (
                      <button
                        type="button"
                        className="button button--quiet small"
                        onClick={(event) => {
                          // The button goes once the item is read: the focus stays on the item, on its link.
                          event.currentTarget.closest("li")?.querySelector<HTMLElement>(".bell__link")?.focus();
                          void markRead([notification.id]);
                        }}
                      >
                        {intl.formatMessage(messages.markOne)}
                      </button>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        <p className="bell__foot small">
          <Link href="/account#notifications" onClick={() => setOpen(false)}>
            {intl.formatMessage(messages.settings)}
          </Link>
        </p>
      </section>
    </div>
  );
}
