import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { hasValidCrc } from './emv.ts';
import { feeQr } from './fee-qr.ts';
import { decodeVietQr } from './vietqr.ts';

describe('feeQr', () => {
  it('builds the VietQR of a fee into the configured account, with the dossier code as bill number and content', async () => {
    const config = loadConfig({ NODE_ENV: 'test', PAYMENT_BANK_BIN: '970436', PAYMENT_ACCOUNT_NO: '0011001234567', PAYMENT_ACCOUNT_NAME: 'UBND TINH TAY NINH' });
    const qr = (await feeQr(config.payments, { amount: 8000, reference: '000.00.04.H59-261123-0001' }))!;
    expect(qr).toMatchObject({ bankBin: '970436', accountNo: '0011001234567', accountName: 'UBND TINH TAY NINH', amount: 8000, billNumber: '000.00.04.H59-261123-0001', purpose: '000.00.04.H59-261123-0001' });
    expect(hasValidCrc(qr.payload)).toBe(true);
    expect(decodeVietQr(qr.payload)).toEqual({
      bankBin: '970436', accountNo: '0011001234567', amount: 8000, billNumber: '000.00.04.H59-261123-0001', purpose: '000.00.04.H59-261123-0001', dynamic: true,
    });
    expect(qr.imageDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]{100,}=*$/);
    const own = (await feeQr(config.payments, { amount: 8000, reference: 'X-1', purpose: 'Lệ phí khai sinh' }))!;
    expect(own.purpose).toBe('LE PHI KHAI SINH');
  });

  it('offers nothing when no account is configured (production without PAYMENT_*)', async () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://x@localhost/db' });
    expect(await feeQr(config.payments, { amount: 8000, reference: 'X-1' })).toBeNull();
  });
});
