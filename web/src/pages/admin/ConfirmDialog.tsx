import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useModalDialog } from '../../components/use-modal-dialog.ts';
import { useT } from '../../i18n/index.tsx';
import { ApiError, type Problem } from '../../lib/api.ts';

type Props = {
  title: string;
  confirmLabel: string;
  isDanger?: boolean;
  children: ReactNode;
  /** The request; a refusal (ApiError) is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onDone: () => void;
  onClose: () => void;
};

/**
 * A modal question before an action that cannot be taken back lightly (lock an account, reset its
 * two-factor sign-in). The focus starts on "Cancel", the least harmful choice, and goes back to
 * the button that opened the dialog when it closes (Escape closes it too).
 */
export const ConfirmDialog = ({ title, confirmLabel, isDanger = false, children, onConfirm, onDone, onClose }: Props) => {
  const t = useT();
  const dialog = useModalDialog();
  const cancel = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);

  // After the dialog has opened (the hook's effect runs first): start on "Cancel".
  useEffect(() => cancel.current?.focus(), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    try {
      await onConfirm();
      onDone();
      dialog.current?.close();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblem(error.problem);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="action-dialog" aria-labelledby="confirm-title" onClose={onClose}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <h2 id="confirm-title">{title}</h2>
        <ProblemAlert problem={problem} />
        {children}
        <p className="actions">
          <button type="submit" className={isDanger ? 'button button-danger' : 'button'} aria-disabled={isBusy}>
            {isBusy ? t('users.working') : confirmLabel}
          </button>
          <button ref={cancel} type="button" className="button button-secondary" onClick={() => dialog.current?.close()}>
            {t('users.cancel')}
          </button>
        </p>
      </form>
    </dialog>
  );
};
