import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` shown as a modal when the component mounts, which gives the focus back to the
 * element that opened it when it unmounts (Escape and the dialog's own buttons close it). The
 * opener is kept once: a second run of the effect (React's strict mode) must not take the dialog's
 * own button for it. Put the returned ref on the `<dialog>`.
 */
export const useModalDialog = () => {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current ??= document.activeElement;
    const box = dialog.current;
    if (box && !box.open) box.showModal();
    return () => {
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, []);
  return dialog;
};
