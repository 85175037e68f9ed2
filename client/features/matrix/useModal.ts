import { useEffect, useRef } from "react";

/**
 * A modal <dialog> opened on mount: the browser keeps focus inside it and Escape fires its
 * `cancel`; on unmount it closes and focus goes back to what had it before (the button
 * that opened it), if that is still on the page.
 */
export function useModal() {
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
