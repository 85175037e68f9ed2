import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode, type RefObject } from "react";

/** Whether a CSS media query matches, live (the layout's breakpoints decide what becomes a drawer). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** Which side panel of the editor is open as a drawer; one at a time. */
export type PanelName = "outline" | "comments";

/** Open/close state of the editor's drawers, and the buttons focus returns to when one closes. */
export function useDrawers() {
  const [open, setOpen] = useState<PanelName | null>(null);
  const toggles = { outline: useRef<HTMLButtonElement>(null), comments: useRef<HTMLButtonElement>(null) };
  const close = useCallback(
    (returnFocus: boolean) => {
      const was = open;
      setOpen(null);
      if (returnFocus && was) toggles[was].current?.focus();
    },
    // The refs are stable; only which drawer is open matters.
    [open],
  );
  return { open, setOpen, close, toggles };
}

/** The close button's cross (the button is named in words). */
const CLOSE = "✕";

const focusable = 'button:not([disabled]), [href], select:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A side panel of the editor: a column beside the text on wide screens, and below
 * its breakpoint a drawer over the text (a modal dialog), opened by its button. Open, focus
 * moves into it and Tab stays in it; Escape, the close button or a tap beside it closes it
 * and gives focus back to its button.
 */
export function Drawer(props: {
  id: string;
  className: string;
  /** The panel's name (its heading as a drawer). */
  label: string;
  /** The close button's name ("Close comments"). */
  closeLabel: string;
  asDrawer: boolean;
  open: boolean;
  side: "start" | "end";
  onClose: (returnFocus: boolean) => void;
  /** Clicking what matches this (an Act, a thread) takes the reader to its words: the drawer steps aside. */
  closesOnPick: string;
  children: ReactNode;
}) {
  const { asDrawer, open, onClose } = props;
  const panel = useRef<HTMLElement>(null);
  const shown = asDrawer && open;

  useEffect(() => {
    if (!shown) return;
    const content = panel.current?.querySelector<HTMLElement>(".drawer__content");
    // Text being written (a new comment) first, else the first control.
    const first = content?.querySelector<HTMLElement>("textarea:not([disabled])") ?? content?.querySelector<HTMLElement>(focusable) ?? panel.current?.querySelector<HTMLElement>(focusable);
    first?.focus({ preventScroll: true });
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        onClose(true);
        return;
      }
      // The text behind is covered: Tab goes round the drawer's own controls.
      if (event.key !== "Tab" || !panel.current) return;
      const controls = [...panel.current.querySelectorAll<HTMLElement>(focusable)].filter((element) => element.offsetParent !== null);
      const [firstControl, lastControl] = [controls[0], controls.at(-1)];
      if (!firstControl || !lastControl) return;
      const inside = panel.current.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === firstControl || !inside)) {
        event.preventDefault();
        lastControl.focus();
      } else if (!event.shiftKey && (document.activeElement === lastControl || !inside)) {
        event.preventDefault();
        firstControl.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [shown, onClose]);

  if (!asDrawer) {
    return (
      <aside id={props.id} className={props.className} aria-label={props.label}>
        {props.children}
      </aside>
    );
  }
  return (
    <>
      {shown && <div className="drawer__backdrop" onClick={() => onClose(false)} aria-hidden="true" />}
      <aside
        ref={panel}
        id={props.id}
        className={`${props.className} drawer drawer--${props.side}${shown ? " drawer--open" : ""}`}
        aria-label={props.label}
        role="dialog"
        aria-modal={shown}
        hidden={!shown}
        onClick={(event) => {
          if (event.target instanceof Element && event.target.closest(props.closesOnPick)) onClose(false);
        }}
      >
        <div className="drawer__header">
          <h2 className="drawer__title">{props.label}</h2>
          <button type="button" className="button button--quiet drawer__close" onClick={() => onClose(true)} aria-label={props.closeLabel}>
            {CLOSE}
          </button>
        </div>
        <div className="drawer__content">{props.children}</div>
      </aside>
    </>
  );
}

/** The button that opens a drawer: says whether it is open and which panel it controls. */
export function DrawerToggle(props: { panel: PanelName; controls: string; open: boolean; onToggle: () => void; buttonRef: RefObject<HTMLButtonElement | null>; children: ReactNode }) {
  return (
    <button
      ref={props.buttonRef}
      type="button"
      className={`drawer-toggle drawer-toggle--${props.panel}`}
      aria-expanded={props.open}
      aria-controls={props.controls}
      onClick={props.onToggle}
    >
      {props.children}
    </button>
  );
}
