import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

const open = useBrowser();

describe('personal data (phone, 360×640)', () => {
  it('a guest reads the processing notice from the footer link', async () => {
    const { page, problems } = await open();
    await page.goto('/');
    await page.getByRole('link', { name: 'Bảo vệ dữ liệu cá nhân' }).click();
    await expectHeading(page, 'Thông báo xử lý dữ liệu cá nhân');
    await page.getByRole('heading', { name: 'Phản ánh, kiến nghị', level: 3 }).waitFor();
    expect(await page.getByText('72 giờ', { exact: false }).count()).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'privacy notice');
    await screenshot(page, 'privacy-notice');
    expect(problems).toEqual([]);
  });

  it('a citizen manages a consent and files a request on "Dữ liệu của tôi"', async () => {
    const { page, problems } = await open();
    await signIn(page, 'congdan2');
    await expectHeading(page, /Xin chào/);
    await page.getByRole('link', { name: /^Dữ liệu của tôi/ }).click();
    await expectHeading(page, 'Dữ liệu của tôi');
    expect(await page.getByRole('link', { name: 'Tải tệp JSON' }).getAttribute('href')).toBe('/api/me/data');
    expect(await page.getByRole('link', { name: 'Tải tệp PDF' }).getAttribute('href')).toBe('/api/me/data.pdf');

    const sms = page.locator('li', { hasText: 'Nhận tin nhắn SMS' });
    await sms.getByRole('button', { name: 'Đồng ý' }).click();
    await sms.getByText(/^Bạn đã đồng ý/).waitFor();
    await sms.getByRole('button', { name: 'Rút lại sự đồng ý' }).click();
    await sms.getByText('Chưa đồng ý').waitFor();

    await page.getByLabel('Loại yêu cầu').selectOption('correction');
    await page.getByLabel('Nội dung yêu cầu').fill('Ngày sinh trong tài khoản bị sai');
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await page.getByText(/^Đã gửi yêu cầu\. Hạn giải quyết:/).waitFor();
    await page.getByText('Đang giải quyết', { exact: false }).first().waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'my data');
    await screenshot(page, 'privacy-my-data');
    expect(problems).toEqual([]);
  });

  it('the privacy officer records a breach with its 72-hour deadline and answers the request', async () => {
    const { page, problems } = await open();
    await signIn(page, 'baovedulieu');
    await expectHeading(page, /Xin chào/);
    await page.getByRole('link', { name: /^Sự cố dữ liệu cá nhân/ }).click();
    await expectHeading(page, 'Sự cố dữ liệu cá nhân');
    const detected = new Date(Date.now() - 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);
    await page.getByLabel('Thời điểm phát hiện').fill(detected);
    await page.getByLabel('Mô tả sự cố').fill('Máy trạm Bộ phận Một cửa nhiễm mã độc, nghi lộ danh sách công dân');
    await page.getByLabel('Số người bị ảnh hưởng (ước tính)').fill('40');
    await page.getByRole('button', { name: 'Ghi nhận sự cố' }).click();
    const item = page.locator('li', { hasText: 'nhiễm mã độc' });
    await item.getByText('Trong hạn', { exact: false }).waitFor();
    await item.getByRole('button', { name: 'Đã thông báo A05' }).click();
    await item.getByText('Đã thông báo', { exact: false }).first().waitFor();
    await expectAccessible(page, 'breaches');
    await screenshot(page, 'privacy-breaches');

    await page.goto('/quan-tri/yeu-cau-du-lieu');
    await expectHeading(page, 'Yêu cầu của chủ thể dữ liệu');
    const request = page.locator('li', { hasText: 'Ngày sinh trong tài khoản bị sai' });
    await request.getByText('0*******02', { exact: false }).waitFor();
    await request.getByLabel('Trả lời người yêu cầu').fill('Đã sửa ngày sinh theo giấy tờ bạn cung cấp');
    await request.getByRole('button', { name: 'Chấp nhận' }).click();
    await page.locator('li', { hasText: 'Đã sửa ngày sinh theo giấy tờ' }).getByText('Đã chấp nhận', { exact: false }).waitFor();
    await expectAccessible(page, 'requests queue');
    expect(problems).toEqual([]);
  });
});
