import { type DbClient, forgetTransactionMemo } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import type { Payment } from './record-payment.ts';

export type PaymentHookContext = { requestId?: string };

/**
 * Called, inside the callback's transaction, for each newly recorded payment. Return
 * `{ dossierId }` when the payment was yours and you applied it (e.g. the dossier's `pay`
 * workflow action); return nothing when the reference is not yours. Throw an AppError (or any
 * error with a 4xx `status`, as WorkflowError has) to refuse it: its writes are rolled back and the
 * payment stays recorded as `unmatched` with your message, for reconciliation. Any other error
 * fails the callback (500), so the gateway sends it again later.
 */
export type PaymentHook = (tx: DbClient, payment: Payment, context: PaymentHookContext) => Promise<{ dossierId: string } | void>;

const hooks: PaymentHook[] = [];

/** Registers a hook (modules do it at import time); returns a function that removes it. */
export const onPaymentRecorded = (hook: PaymentHook): (() => void) => {
  hooks.push(hook);
  return () => {
    const at = hooks.indexOf(hook);
    if (at >= 0) hooks.splice(at, 1);
  };
};

const isRefusal = (error: unknown): error is Error & { status?: number; detail?: string } => {
  if (error instanceof AppError) return error.status < 500;
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
};

export type HookOutcome = { status: 'applied'; dossierId: string } | { status: 'unmatched'; note: string };

/** Offers the payment to each hook in turn, each behind a savepoint, until one applies it. */
export const runPaymentHooks = async (tx: DbClient, payment: Payment, context: PaymentHookContext): Promise<HookOutcome> => {
  const refusals: string[] = [];
  for (const [i, hook] of hooks.entries()) {
    const savepoint = `payment_hook_${i}`;
    await tx.query(`SAVEPOINT ${savepoint}`);
    try {
      const result = await hook(tx, payment, context);
      await tx.query(`RELEASE SAVEPOINT ${savepoint}`);
      if (result?.dossierId) return { status: 'applied', dossierId: result.dossierId };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      // The refused hook's audit entries are gone with it.
      forgetTransactionMemo(tx);
      refusals.push(error.detail ?? error.message);
    }
  }
  const note = refusals.length > 0 ? refusals.join('; ') : 'Không tìm thấy hồ sơ/khoản phải nộp ứng với mã tham chiếu';
  return { status: 'unmatched', note: note.slice(0, 1000) };
};
