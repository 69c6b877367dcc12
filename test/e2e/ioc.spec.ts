import { describe, expect, it } from 'vitest';
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
});
