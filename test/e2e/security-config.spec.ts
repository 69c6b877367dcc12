import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

const open = useBrowser();

describe('security configuration page (phone, 360×640)', () => {
  it('the administrator opens it from the home page and reads each check with an icon and a word', async () => {
    const { page, problems } = await open();
    await signIn(page, 'admin');
    await expectHeading(page, /Xin chào/);
    await page.getByRole('link', { name: /^Cấu hình an toàn thông tin/ }).click();
    await expectHeading(page, 'Cấu hình an toàn thông tin');
    const list = page.getByRole('list', { name: 'Danh sách kiểm tra' });
    await list.waitFor();
    const items = list.getByRole('listitem');
    expect(await items.count()).toBe(11);
    // The demo server runs with development secrets: those show as missing, in words as well as colour.
    const tls = items.filter({ hasText: 'Mã hóa đường truyền (TLS) tại proxy' });
    await tls.getByText('Chưa có', { exact: true }).waitFor();
    expect(await tls.textContent()).toContain('✗');
    expect(await items.filter({ hasText: 'Thời hạn lưu nhật ký kiểm toán' }).getByText('Đạt', { exact: true }).count()).toBe(1);
    await page.getByRole('status').getByText(/đạt, .* cần chú ý, .* chưa có/).waitFor();
    await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
    await list.waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'security configuration');
    await screenshot(page, 'security-config');
    expect(problems).toEqual([]);
  });

  it('a citizen who types the address is refused', async () => {
    const { page } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, /Xin chào/);
    await page.goto('/quan-tri/cau-hinh-an-toan');
    await expectHeading(page, 'Cấu hình an toàn thông tin');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('list', { name: 'Danh sách kiểm tra' }).count()).toBe(0);
  });
});
