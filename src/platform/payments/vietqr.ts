import QRCode from 'qrcode';
import { foldDiacritics } from '../text/index.ts';
import { parseTlv, tlv, withCrc } from './emv.ts';

/** NAPAS's globally unique identifier for VietQR (field 38, sub-field 00). */
export const VIETQR_GUID = 'A000000727';
/** Service code: instant transfer to a bank account (QRIBFTTC would be to a card). */
export const VIETQR_TO_ACCOUNT = 'QRIBFTTA';
const CURRENCY_VND = '704';
const COUNTRY_VN = 'VN';
/** EMVCo caps each sub-field of the additional data (field 62) at 25 characters. */
export const MAX_REFERENCE_LENGTH = 25;

export type VietQrInput = {
  /** The bank's 6-digit NAPAS BIN (e.g. 970415). */
  bankBin: string;
  /** The beneficiary account number, up to 19 letters or digits. */
  accountNo: string;
  /** Whole đồng; present = dynamic QR for exactly this amount. */
  amount?: number;
  /** Transfer content shown to the payer; folded to plain ASCII, cut to 25 characters. */
  purpose?: string;
  /** Bill number (field 62.01), e.g. the dossier code; ASCII, up to 25 characters. */
  billNumber?: string;
};

export class VietQrError extends Error {}

/**
 * Plain upper-case ASCII for bank transfer contents: diacritics removed (đ → D), anything but
 * letters, digits, spaces and `. - /` dropped, spaces collapsed, cut to 25 characters.
 */
export const asciiPurpose = (text: string): string =>
  foldDiacritics(text)
    .toUpperCase()
    .replace(/[^A-Z0-9 .\-/]/g, ' ')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, MAX_REFERENCE_LENGTH)
    .trim();

const check = (ok: boolean, message: string) => {
  if (!ok) throw new VietQrError(message);
};

/**
 * The VietQR payload (NAPAS, EMVCo merchant-presented mode) for a transfer to a bank account, in
 * field order: 00 payload format "01"; 01 point of initiation "12" (dynamic, with an amount) or
 * "11" (static); 38 merchant account (GUID, beneficiary BIN + account, service QRIBFTTA);
 * 53 currency 704; 54 amount; 58 country VN; 62 additional data (01 bill number, 08 purpose);
 * 63 CRC-16/CCITT-FALSE over everything before it, "6304" included.
 */
export const buildVietQr = (input: VietQrInput): string => {
  check(/^\d{6}$/.test(input.bankBin), 'bankBin must be 6 digits');
  check(/^[0-9A-Za-z]{1,19}$/.test(input.accountNo), 'accountNo must be 1–19 letters or digits');
  if (input.amount !== undefined) {
    check(Number.isSafeInteger(input.amount) && input.amount > 0 && String(input.amount).length <= 13, 'amount must be a positive whole number of đồng (at most 13 digits)');
  }
  if (input.billNumber !== undefined) {
    check(/^[\x20-\x7e]{1,25}$/.test(input.billNumber), 'billNumber must be 1–25 printable ASCII characters');
  }
  const purpose = input.purpose === undefined ? '' : asciiPurpose(input.purpose);

  const beneficiary = tlv('00', input.bankBin) + tlv('01', input.accountNo);
  const merchantAccount = tlv('00', VIETQR_GUID) + tlv('01', beneficiary) + tlv('02', VIETQR_TO_ACCOUNT);
  const additional = (input.billNumber ? tlv('01', input.billNumber) : '') + (purpose ? tlv('08', purpose) : '');

  const body = [
    tlv('00', '01'),
    tlv('01', input.amount === undefined ? '11' : '12'),
    tlv('38', merchantAccount),
    tlv('53', CURRENCY_VND),
    input.amount === undefined ? '' : tlv('54', String(input.amount)),
    tlv('58', COUNTRY_VN),
    additional ? tlv('62', additional) : '',
  ].join('');
  return withCrc(body);
};

export type DecodedVietQr = { bankBin: string; accountNo: string; amount?: number; billNumber?: string; purpose?: string; dynamic: boolean };

/** Reads back the fields of a VietQR payload built above (tests, support tools). */
export const decodeVietQr = (payload: string): DecodedVietQr => {
  const top = new Map(parseTlv(payload).map((f) => [f.id, f.value]));
  const account = new Map(parseTlv(top.get('38') ?? '').map((f) => [f.id, f.value]));
  const beneficiary = new Map(parseTlv(account.get('01') ?? '').map((f) => [f.id, f.value]));
  const extra = new Map(parseTlv(top.get('62') ?? '').map((f) => [f.id, f.value]));
  return {
    bankBin: beneficiary.get('00') ?? '',
    accountNo: beneficiary.get('01') ?? '',
    ...(top.has('54') ? { amount: Number(top.get('54')) } : {}),
    ...(extra.has('01') ? { billNumber: extra.get('01') } : {}),
    ...(extra.has('08') ? { purpose: extra.get('08') } : {}),
    dynamic: top.get('01') === '12',
  };
};

/** The payload as a PNG data URL, for a fee notice or the receipt page. */
export const vietQrDataUrl = (payload: string): Promise<string> =>
  QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
