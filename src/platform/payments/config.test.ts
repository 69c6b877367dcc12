import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';

const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://x@localhost/db' };

describe('payment and portal settings', () => {
  it('use a demo account and callback secret outside production only', () => {
    const dev = loadConfig({ NODE_ENV: 'development' });
    expect(dev.payments.account).toMatchObject({ bankBin: expect.stringMatching(/^\d{6}$/) });
    expect(dev.payments.callbackSecret!.length).toBeGreaterThanOrEqual(32);
    const prod = loadConfig(production);
    expect(prod.payments).toEqual({ account: undefined, callbackSecret: undefined });
    expect(prod.portal).toEqual({ syncUrl: undefined, token: undefined, unitCode: undefined });
  });

  it('take the configured values', () => {
    const c = loadConfig({
      ...production,
      PAYMENT_BANK_BIN: '970436', PAYMENT_ACCOUNT_NO: '0011001234567', PAYMENT_ACCOUNT_NAME: 'UBND TINH TAY NINH',
      PAYMENT_CALLBACK_SECRET: 'c'.repeat(48),
      PORTAL_SYNC_URL: 'https://dichvucong.gov.vn/api/sync', PORTAL_SYNC_TOKEN: 'abc', PORTAL_SYNC_UNIT: '000.00.00.H59',
    });
    expect(c.payments).toEqual({ account: { bankBin: '970436', accountNo: '0011001234567', accountName: 'UBND TINH TAY NINH' }, callbackSecret: 'c'.repeat(48) });
    expect(c.portal).toEqual({ syncUrl: 'https://dichvucong.gov.vn/api/sync', token: 'abc', unitCode: '000.00.00.H59' });
  });

  it.each([
    [{ PAYMENT_BANK_BIN: '970436' }, /PAYMENT_ACCOUNT_NO/],
    [{ PAYMENT_ACCOUNT_NO: '123' }, /PAYMENT_BANK_BIN/],
    [{ PAYMENT_BANK_BIN: 'VCB', PAYMENT_ACCOUNT_NO: '123' }, /PAYMENT_BANK_BIN/],
    [{ PAYMENT_CALLBACK_SECRET: 'short' }, /PAYMENT_CALLBACK_SECRET/],
    [{ PORTAL_SYNC_URL: 'not a url' }, /PORTAL_SYNC_URL/],
    [{ PORTAL_SYNC_UNIT: 'H59' }, /PORTAL_SYNC_UNIT/],
  ])('refuse %o, naming the variable', (env, name) => {
    expect(() => loadConfig({ NODE_ENV: 'development', ...env })).toThrow(name);
  });
});
