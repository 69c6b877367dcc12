import type { CalendarService } from '../../../platform/calendar/service.ts';
import { conflict } from '../../../platform/http/problems.ts';
import { GATEWAY_ACTOR, type PaymentHook } from '../../../platform/payments/index.ts';
import { systemActor } from '../../../platform/workflow/index.ts';
import { applyDossierAction } from './apply-action.ts';
import { DOSSIER_CODE } from './code.ts';
import type { DossierRow } from './dossier-store.ts';
import type { FeeAccount } from './fee-payload.ts';
import { formatDong } from './notices.ts';

/**
 * A payment reported by the gateway (platform/payments, signed callback) whose reference is a
 * dossier code: when the dossier awaits exactly that fee, the platform performs its `pay` action
 * (paid online; the clock resumes). The payment's transaction id is the action's transaction id,
 * so a repeated report changes nothing. A wrong amount or a dossier not awaiting a fee is refused:
 * the payment stays recorded as unmatched, for reconciliation.
 */
export const dossierPaymentHook =
  (deps: { calendar: CalendarService; publicUrl: string; feeAccount?: FeeAccount }): PaymentHook =>
  async (tx, payment, { requestId }) => {
    const code = payment.reference.trim().toUpperCase();
    if (!DOSSIER_CODE.test(code)) return;
    const { rows } = await tx.query<DossierRow>('SELECT * FROM dossiers WHERE code = $1 FOR UPDATE', [code]);
    const row = rows[0];
    if (!row) return;
    if (row.fee_amount === null) throw conflict(`Hồ sơ ${code} không có khoản phí phải nộp`);
    if (payment.amount !== row.fee_amount) {
      throw conflict(`Số tiền ${formatDong(payment.amount)} không khớp khoản phải nộp ${formatDong(row.fee_amount)} của hồ sơ ${code}`);
    }
    await applyDossierAction(tx, { ...deps, requestId, audit: GATEWAY_ACTOR }, row, {
      action: 'pay',
      actor: systemActor(`Cổng thanh toán (${payment.provider})`),
      data: { amount: payment.amount, transactionId: payment.transactionId, provider: payment.provider, paidAt: payment.paidAt.toISOString() },
      transactionId: `payment:${payment.transactionId}`,
    });
    return { dossierId: row.id };
  };
