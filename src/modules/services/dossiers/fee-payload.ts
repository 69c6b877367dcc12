import { buildVietQr, MAX_REFERENCE_LENGTH } from '../../../platform/payments/vietqr.ts';

export type FeeAccount = { bankBin: string; accountNo: string };

/**
 * The VietQR payload (NAPAS EMVCo) of a fee notice: the province's collection account, the exact
 * amount, and the dossier code as bill number and transfer content — what the gateway's callback
 * brings back as `reference` (payment-hook.ts). Null when no collection account is configured
 * (pay at the counter).
 */
export const feePayloadFor = (account: FeeAccount | undefined, code: string | null, amount: number): string | null => {
  if (!account || !code) return null;
  return buildVietQr({
    bankBin: account.bankBin,
    accountNo: account.accountNo,
    amount,
    ...(code.length <= MAX_REFERENCE_LENGTH ? { billNumber: code } : {}),
    purpose: code,
  });
};
