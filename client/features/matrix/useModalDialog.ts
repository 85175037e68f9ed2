import { useEffect, useRef } from "react";

/**
 * A <dialog> shown modal while the component is mounted: focus stays inside it, and goes
 * back to what had it (the cell, the Import button) when it goes, since a dialog removed
 * with the component does not give it back by itself.
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return dialog;
}
