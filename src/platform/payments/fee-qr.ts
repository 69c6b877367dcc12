import type { Config } from '../config/index.ts';
import { asciiPurpose, buildVietQr, vietQrDataUrl } from './vietqr.ts';

export type FeeQr = {
  payload: string;
  /** PNG of the payload as a data URL. */
  imageDataUrl: string;
  bankBin: string;
  accountNo: string;
  accountName: string | null;
  amount: number;
  /** Field 62.01: what the gateway's callback brings back as `reference`. */
  billNumber: string;
  purpose: string;
};

/**
 * The VietQR a citizen scans to pay a fee into the province's account (PAYMENT_BANK_BIN,
 * PAYMENT_ACCOUNT_NO). `reference` (the dossier code, at most 25 characters) rides as the bill
 * number and, unless a purpose is given, as the transfer content too, which is what bank
 * statements show and gateways match on. Null when no account is configured (production
 * without PAYMENT_* set).
 */
export const feeQr = async (
  payments: Config['payments'],
  o: { amount: number; reference: string; purpose?: string },
): Promise<FeeQr | null> => {
  const account = payments.account;
  if (!account) return null;
  const purpose = asciiPurpose(o.purpose ?? o.reference);
  const payload = buildVietQr({ bankBin: account.bankBin, accountNo: account.accountNo, amount: o.amount, billNumber: o.reference, purpose });
  return {
    payload,
    imageDataUrl: await vietQrDataUrl(payload),
    bankBin: account.bankBin,
    accountNo: account.accountNo,
    accountName: account.accountName ?? null,
    amount: o.amount,
    billNumber: o.reference,
    purpose,
  };
};
