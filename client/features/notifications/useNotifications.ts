import { useCallback, useEffect, useRef, useState } from "react";
import type { Notification } from "../../../shared/api.js";
import { listNotifications, markNotificationsRead, notificationEventsUrl } from "../../api.js";

/** What the bell knows: the latest notifications, how many are unread, and what it can do. */
export interface NotificationsState {
  notifications: Notification[];
  unread: number;
  /** False until the first list arrived. */
  loaded: boolean;
  markRead(ids: string[]): Promise<void>;
  markAllRead(): Promise<void>;
}

/**
 * The signed-in member's notifications, kept live: the server's event stream nudges on
 * every change (a new one, one read in another tab) and the list is read again; the
 * stream's (re)opening reads it too, so nothing said while it was down is missed.
 */
export function useNotifications(): NotificationsState {
  const [notifications, setNotifications] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const asked = ++latest.current;
    try {
      const list = await listNotifications();
      // An older answer arriving after a newer one is dropped.
      if (asked !== latest.current) return;
      setNotifications(list.notifications);
      setUnread(list.unread);
      setLoaded(true);
    } catch {
      // Offline or signed out: the bell keeps what it showed; the stream reopening reloads.
    }
  }, []);

  useEffect(() => {
    void reload();
    const events = new EventSource(notificationEventsUrl);
    events.addEventListener("open", () => void reload());
    events.addEventListener("notification", () => void reload());
    return () => events.close();
  }, [reload]);

  const markRead = useCallback(
    async (ids: string[]) => {
      const unreadIds = ids.filter((id) => notifications.some((n) => n.id === id && n.readAt === null));
      if (unreadIds.length === 0) return;
      const now = new Date().toISOString();
      setNotifications((list) => list.map((n) => (unreadIds.includes(n.id) ? { ...n, readAt: now } : n)));
      setUnread((count) => Math.max(0, count - unreadIds.length));
      await markNotificationsRead({ ids: unreadIds }).catch(() => reload());
    },
    [notifications, reload],
  );

  const markAllRead = useCallback(async () => {
    const now = new Date().toISOString();
    setNotifications((list) => list.map((n) => (n.readAt === null ? { ...n, readAt: now } : n)));
    setUnread(0);
    await markNotificationsRead({ all: true }).catch(() => reload());
  }, [reload]);

  return { notifications, unread, loaded, markRead, markAllRead };
}
