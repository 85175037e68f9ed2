import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useIntl } from "react-intl";
import type { Me, Membership } from "../../shared/api.js";
import { ApiFailure, getSession, getSetupStatus, logout } from "../api.js";
import { forgetStatementsOutside } from "../collab/localCopies.js";
import { forgetSignedIn, rememberSignedIn, signedInBefore } from "./rememberedSession.js";
import { OfflineNotice } from "./OfflineNotice.js";
import { describeFailure } from "../i18n/errorMessages.js";

/** Who is using this browser. */
export type SessionState =
  | { status: "loading" }
  | { status: "unreachable"; message: string }
  | { status: "signedOut"; setupNeeded: boolean }
  /** `offline`: the server could not be asked; `me` is the last answer this device kept. */
  | { status: "signedIn"; me: Me; offline?: boolean };

/** What the provider keeps: an unreachable server's failure itself, put into words (in the current language) when shown. */
type LoadedState = Exclude<SessionState, { status: "unreachable" }> | { status: "unreachable"; failure: unknown };

interface SessionContextValue {
  state: SessionState;
  /** Use the answer of a sign-in, setup or invitation call. */
  signedIn(me: Me): void;
  /** Ask `/api/session` again (after a role change, for example). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

/** How often a page opened without the server asks for it again. */
const RETRY_OFFLINE_MS = 20_000;

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(): Promise<LoadedState> {
  try {
    const { me } = await getSession();
    if (me) {
      rememberSignedIn(me);
      // Fresh from the server: statements of workspaces left meanwhile leave this device.
      void forgetStatementsOutside(me.memberships.map((m) => m.workspace.id));
      return { status: "signedIn", me };
    }
    forgetSignedIn();
    return { status: "signedOut", setupNeeded: (await getSetupStatus()).needed };
  } catch (error) {
    // No connection: the app shell opens as the person last signed in here, marked offline.
    const remembered = error instanceof ApiFailure && error.status === 0 ? signedInBefore() : null;
    if (remembered) return { status: "signedIn", me: remembered, offline: true };
    return { status: "unreachable", failure: error };
  }
}

/** Loads the session once and shares it with the whole app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const [loaded, setState] = useState<LoadedState>({ status: "loading" });
  const state = useMemo<SessionState>(
    () => (loaded.status === "unreachable" ? { status: "unreachable", message: describeFailure(intl, loaded.failure) } : loaded),
    [loaded, intl],
  );
  const refresh = useCallback(async () => setState(await loadSession()), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Opened without the server: ask again when the browser is back online, and now and then
  // (the network may be up while the server is not). Still offline: the state stays as it is.
  const offline = (state.status === "signedIn" && state.offline === true) || state.status === "unreachable";
  useEffect(() => {
    if (!offline) return;
    const retry = async () => {
      const next = await loadSession();
      if (next.status !== "unreachable" && !(next.status === "signedIn" && next.offline)) setState(next);
    };
    const onOnline = () => void retry();
    window.addEventListener("online", onOnline);
    const timer = setInterval(onOnline, RETRY_OFFLINE_MS);
    return () => {
      window.removeEventListener("online", onOnline);
      clearInterval(timer);
    };
  }, [offline]);
  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signedIn: (me) => {
        rememberSignedIn(me);
        // Another person may have used this device: copies of statements outside their workspaces go.
        void forgetStatementsOutside(me.memberships.map((m) => m.workspace.id));
        setState({ status: "signedIn", me });
      },
      refresh,
      signOut: async () => {
        await logout().catch(() => undefined);
        forgetSignedIn();
        setState({ status: "signedOut", setupNeeded: false });
      },
    }),
    [state, refresh],
  );
  return (
    <SessionContext.Provider value={value}>
      {state.status === "signedIn" && state.offline && <OfflineNotice />}
      {children}
    </SessionContext.Provider>
  );
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
