import { messageOf } from "../useAction.js";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Me, Membership } from "../../shared/api.js";
import { ApiFailure, getMe, getSetupStatus, logout } from "../api.js";

/** Who is using this browser. */
export type SessionState =
  | { status: "loading" }
  | { status: "unreachable"; message: string }
  | { status: "signedOut"; setupNeeded: boolean }
  | { status: "signedIn"; me: Me };

interface SessionContextValue {
  state: SessionState;
  /** Use the answer of a sign-in, setup or invitation call. */
  signedIn(me: Me): void;
  /** Load `/api/me` again (after a role change, for example). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(): Promise<SessionState> {
  try {
    return { status: "signedIn", me: await getMe() };
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return { status: "signedOut", setupNeeded: (await getSetupStatus()).needed };
    return { status: "unreachable", message: messageOf(error) };
  }
}

/** Loads the session once and shares it with the whole app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const refresh = useCallback(async () => setState(await loadSession()), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signedIn: (me) => setState({ status: "signedIn", me }),
      refresh,
      signOut: async () => {
        await logout().catch(() => undefined);
        setState({ status: "signedOut", setupNeeded: false });
      },
    }),
    [state, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session (throws outside the provider). */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

const WORKSPACE_KEY = "drafting.workspace";

/** The signed-in account, for pages that only render when signed in. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "signedIn") throw new Error("useMe while signed out");
  return state.me;
}

/** The workspace being worked in (remembered per browser), and a way to switch. */
export function useCurrentWorkspace(): [Membership | null, (workspaceId: string) => void] {
  const me = useMe();
  const [chosen, setChosen] = useState(() => localStorage.getItem(WORKSPACE_KEY));
  const current = me.memberships.find((m) => m.workspace.id === chosen) ?? me.memberships[0] ?? null;
  const choose = useCallback((workspaceId: string) => {
    localStorage.setItem(WORKSPACE_KEY, workspaceId);
    setChosen(workspaceId);
  }, []);
  return [current, choose];
}
