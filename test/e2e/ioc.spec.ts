import { describe, expect, it } from 'vitest';
import { signCallback } from '../../src/platform/payments/index.ts';
import { apiToken, baseUrl, expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

/**
 * The operations centre through the screens: the province leader opens the dashboard from the
 * home page (alerts there), reads the figures, the trend, the 749 gauges, the rankings and the
 * commune tiles, drills down to a unit and downloads the monthly report; the agency leader sees
 * their own agency only; a citizen is refused. axe-core checks each screen (phone, 360×640, and a
 * desktop width for the dashboard).
 */
const open = useBrowser();

const token = (username: string) => apiToken(username);

describe('operations centre (leaders)', () => {
  it('a province leader opens the dashboard from home, reads it, drills down to a commune and downloads the report', { timeout: 90_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'lanhdaotinh');
    await expectHeading(page, 'Xin chào, Huỳnh Văn Khải');
    await page.getByRole('link', { name: 'Mở bảng điều hành' }).click();
    await expectHeading(page, 'Bảng điều hành của tỉnh');
    for (const heading of ['Cảnh báo', 'Hồ sơ thủ tục hành chính', 'Phản ánh, kiến nghị', 'Chỉ tiêu chuyển đổi số (Quyết định 749/QĐ-TTg)', 'Xếp hạng', 'Báo cáo tháng']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await page.getByRole('heading', { level: 2, name: /^Xu hướng theo/ }).waitFor();
    await page.getByText('Dịch vụ công được cung cấp trực tuyến toàn trình').waitFor();
    const tiles = page.getByRole('list', { name: /^Các xã, phường theo/ }).getByRole('link');
    expect(await tiles.count()).toBeGreaterThan(90);
    await page.getByLabel('Tô màu theo').selectOption('feedbackOpen');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'province dashboard (phone)');
    await screenshot(page, 'ioc-dashboard-phone');

    // The report downloads as a PDF for the month shown.
    const pdfHref = await page.getByRole('link', { name: 'Tải báo cáo PDF' }).getAttribute('href');
    expect(pdfHref).toMatch(/^\/api\/ioc\/reports\/monthly\.pdf\?month=\d{4}-\d{2}$/);
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // Province → commune → back.
    const first = tiles.first();
    const name = (await first.getAttribute('title'))!;
    await first.click();
    await expectHeading(page, new RegExp(`^${name} — `));
    await page.getByRole('heading', { level: 2, name: 'Theo thủ tục' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Khối lượng việc của cán bộ' }).waitFor();
    await expectAccessible(page, 'commune drill-down');
    await page.getByRole('link', { name: 'Về bảng điều hành' }).click();
    await expectHeading(page, 'Bảng điều hành của tỉnh');

    await page.goto('/ioc/index-766');
    await expectHeading(page, 'Chỉ số phục vụ người dân, doanh nghiệp');
    await page.getByRole('heading', { level: 2, name: /^Toàn tỉnh, kỳ/ }).waitFor();
    await page.getByText('Nhập thủ công').first().waitFor();
    await expectAccessible(page, 'decision 766');
    expect(problems).toEqual([]);
  });

  it('the dashboard on a desktop screen passes axe too', async () => {
    const { page, problems } = await open({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    await signIn(page, 'lanhdaotinh');
    await expectHeading(page, 'Xin chào, Huỳnh Văn Khải');
    await page.goto('/ioc?granularity=week');
    await expectHeading(page, 'Bảng điều hành của tỉnh');
    await page.getByRole('heading', { level: 2, name: 'Xu hướng theo tuần' }).waitFor();
    await expectAccessible(page, 'province dashboard (desktop)');
    await screenshot(page, 'ioc-dashboard-desktop');
    expect(problems).toEqual([]);
  });

  it("an agency leader sees their agency's dashboard and not another agency's; a citizen is refused", async () => {
    const { page, problems } = await open();
    await signIn(page, 'lanhdao');
    await expectHeading(page, 'Xin chào, Võ Thanh Hải');
    await page.goto('/ioc');
    await expectHeading(page, 'Bảng điều hành: Sở Tư pháp');
    await page.getByRole('heading', { level: 2, name: 'Xếp hạng' }).waitFor();
    expect(await page.getByRole('list', { name: /^Các xã, phường theo/ }).count()).toBe(0);
    await expectAccessible(page, 'agency dashboard');

    const overview = await fetch(`${baseUrl()}/api/ioc/overview`, { headers: { authorization: `Bearer ${await token('lanhdaotinh')}` } });
    const other = ((await overview.json()) as { rankings: { communes: { agencyId: string }[] } }).rankings.communes[0]!.agencyId;
    await page.goto(`/ioc/agencies/${other}`);
    await page.getByText('Không tìm thấy đơn vị, hoặc bạn không được xem số liệu của đơn vị này.').waitFor();

    const citizen = await open();
    await signIn(citizen.page, 'congdan');
    await expectHeading(citizen.page, 'Xin chào, Nguyễn Văn An');
    await citizen.page.goto('/ioc');
    await citizen.page.getByRole('alert').waitFor();
    expect(await citizen.page.getByRole('heading', { level: 2, name: 'Xếp hạng' }).count()).toBe(0);
    expect([...problems, ...citizen.problems]).toEqual([]);
  });

  it('a province leader reconciles the day’s fee payments and sees a payment that matches no dossier; an agency leader is refused', { timeout: 60_000 }, async () => {
    // The gateway reports a payment whose reference is no dossier's code (signed as the gateway signs).
    const transactionId = `FT-E2E-${Date.now()}`;
    const body = JSON.stringify({ transactionId, reference: 'KHONG-CO-HO-SO', amount: 27000, paidAt: new Date().toISOString() });
    const at = Math.floor(Date.now() / 1000);
    const callback = await fetch(`${baseUrl()}/api/payments/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-timestamp': String(at), 'x-signature': signCallback('dev-only-payment-callback-secret-not-for-production', at, body) },
      body,
    });
    expect(callback.status).toBe(200);
    expect(await callback.json()).toMatchObject({ status: 'unmatched' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

    const { page, problems } = await open();
    await signIn(page, 'lanhdaotinh');
    await expectHeading(page, 'Xin chào, Huỳnh Văn Khải');
    await page.goto('/ioc');
    await page.getByRole('link', { name: 'Đối soát thanh toán phí, lệ phí' }).click();
    await expectHeading(page, 'Đối soát thanh toán phí, lệ phí');
    await page.getByLabel('Ngày', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL(`**/ioc/payments?day=${today}`);
    await page.getByRole('button', { name: /^Đối soát (ngay|lại)$/ }).click();
    await page.getByRole('status').filter({ hasText: /^Đã đối soát lúc/ }).waitFor();
    const row = page.getByRole('listitem').filter({ hasText: transactionId });
    await row.waitFor();
    expect(await row.textContent()).toContain('Không khớp hồ sơ');
    expect(await row.textContent()).toContain('27.000 đồng');
    await page.getByRole('button', { name: 'Đối soát lại' }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'payment reconciliation');
    await screenshot(page, 'ioc-payments-phone');
    // The day before: its own date in the form, and no message left from today.
    await page.getByRole('link', { name: 'Ngày trước' }).click();
    await page.waitForURL(/\/ioc\/payments\?day=\d{4}-\d{2}-\d{2}$/);
    const before = new URL(page.url()).searchParams.get('day')!;
    expect(before < today).toBe(true);
    expect(await page.getByLabel('Ngày', { exact: true }).inputValue()).toBe(before);
    await page.getByRole('button', { name: /^Đối soát (ngay|lại)$/ }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /^Đã đối soát lúc/ }).count()).toBe(0);

    const agency = await open();
    await signIn(agency.page, 'lanhdao');
    await expectHeading(agency.page, 'Xin chào, Võ Thanh Hải');
    await agency.page.goto(`/ioc/payments?day=${today}`);
    await expectHeading(agency.page, 'Đối soát thanh toán phí, lệ phí');
    await agency.page.getByRole('alert').waitFor();
    expect(await agency.page.getByRole('listitem').filter({ hasText: transactionId }).count()).toBe(0);
    expect([...problems, ...agency.problems]).toEqual([]);
  });
});
