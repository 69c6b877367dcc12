import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/platform/auth/totp.ts';
import { DEMO_TOTP_SECRET } from '../helpers/second-factor.ts';
import { DEMO_PASSWORD, expectAccessible, expectHeading, screenshot, serverDatabase, signIn, useBrowser } from './helpers.ts';

/**
 * The second step of signing in, in the browser: an official types the authenticator's code (a
 * wrong one is refused in Vietnamese), can switch to a recovery code; an official without an
 * authenticator sees the secret to add, then the ten recovery codes once.
 */
const open = useBrowser();

const passwordStep = async (page: Awaited<ReturnType<typeof open>>['page'], username: string) => {
  await page.goto('/login');
  await expectHeading(page, 'Đăng nhập');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
};

describe('two-step sign-in', () => {
  it('an officer is asked for the code; a wrong one is refused, the right one signs in', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    await passwordStep(page, 'cb.sct.1');
    await page.getByRole('heading', { name: 'Xác thực hai lớp' }).waitFor();
    const field = page.getByLabel('Mã xác thực');
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    await expectAccessible(page, 'second step');
    await screenshot(page, 'login-second-step');

    const right = totpCode(DEMO_TOTP_SECRET);
    await field.fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Mã xác thực không đúng');

    await page.getByRole('button', { name: 'Không dùng được ứng dụng? Nhập mã khôi phục' }).click();
    await page.getByLabel('Mã khôi phục').waitFor();
    await page.getByRole('button', { name: 'Dùng mã từ ứng dụng xác thực' }).click();
    await page.getByLabel('Mã xác thực').fill(totpCode(DEMO_TOTP_SECRET));
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await expectHeading(page, /^Xin chào, /);
    expect(problems).toEqual([]);
  });

  it('an official without an authenticator enrols: secret and otpauth address shown, then ten recovery codes once', { timeout: 60_000 }, async () => {
    await serverDatabase().query(`UPDATE users SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL WHERE username = 'cb.skhcn.1'`);
    const { page, problems } = await open();
    await passwordStep(page, 'cb.skhcn.1');
    await page.getByRole('heading', { name: 'Thiết lập xác thực hai lớp' }).waitFor();
    const secret = (await page.locator('strong.code').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByText(`otpauth://totp/`).waitFor();
    await page.getByRole('img', { name: 'Mã QR để thêm tài khoản Tỉnh số vào ứng dụng xác thực' }).waitFor();
    await expectAccessible(page, 'enrolment');
    await screenshot(page, 'login-enrol');
    await page.getByLabel('Mã xác thực').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByRole('heading', { name: 'Mã khôi phục của bạn' }).waitFor();
    const codes = await page.locator('ol.code li').allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await expectAccessible(page, 'recovery codes');
    await page.getByRole('button', { name: 'Tôi đã lưu các mã, tiếp tục' }).click();
    await expectHeading(page, /^Xin chào, /);
    expect(problems).toEqual([]);
  });
});

describe('changing the password', () => {
  it('a citizen changes it on the profile page; the policy speaks in Vietnamese next to the field', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'dan09');
    await expectHeading(page, /^Xin chào, /);
    await page.goto('/profile');
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await page.getByLabel('Mật khẩu mới').fill('12345678');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu quá phổ biến', { exact: false }).first().waitFor();
    await expectAccessible(page, 'password change error');
    await page.getByLabel('Mật khẩu mới').fill('mua-xuan-tay-ninh-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu' }).waitFor();
    expect(problems).toEqual([]);
  });
});
