import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

/**
 * A dossier from filing to result, through the screens (phone, 360×640): a citizen finds a
 * procedure without typing diacritics, files it with an upload, gets the receipt; the public
 * tracking page shows status 1; the one-stop officer receives it (a second tab that acts late
 * gets the 409 message), assigns the specialist and asks for a supplement; the citizen
 * supplements; the officer asks for the fee (VietQR) and records the payment; the specialist
 * apologises once with a new date and submits for approval; the
 * leader approves; the officer returns the result; tracking shows status 10. (The one-stop
 * workflow assigns from "received" only, hence the assignment before the supplement.)
 *
 * The demo's Sở Tư pháp staff (chuyenvien, lanhdao) handle province-level procedures, and "Đăng ký
 * khai sinh" is commune-level (it goes to the commune People's Committee the citizen picks), so the
 * walk files Sở Tư pháp's "Cấp Phiếu lý lịch tư pháp"; the "khai sinh" search and its detail page
 * are checked on the way.
 */
const open = useBrowser();

/** A small valid PDF (the upload endpoint sniffs the bytes). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PROCEDURE = 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam';
const shared: { code?: string; dossierPath?: string } = {};

const required = (label: string) => `${label} (bắt buộc)`;

/** The code of the dossier filed by the first test; later steps cannot run without it. */
const filedCode = (): string => {
  if (!shared.code) throw new Error('no dossier was filed (the first step failed)');
  return shared.code;
};

/** "2026-12-24": a date `days` ahead, as a date input takes it (Vietnam time). */
const dateAhead = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Opens an action's dialog, lets `fill` answer it, confirms, and waits for the success notice. */
const act = async (page: Page, label: string, fill?: (dialog: Locator) => Promise<void>) => {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: `Xác nhận: ${label}` }).click();
  const done = page.getByText(`Đã thực hiện: ${label}.`);
  const refused = dialog.locator('[role="alert"], .field-error');
  await done.or(refused).first().waitFor({ timeout: 10_000 });
  if (await refused.count()) throw new Error(`${label} refused: ${await refused.innerText()}`);
  await dialog.waitFor({ state: 'detached' });
};

/** The officer's dossier page, from the queue. */
const openFromQueue = async (page: Page, code: string) => {
  await page.getByRole('link', { name: 'Mở danh sách hồ sơ' }).click();
  await expectHeading(page, 'Hồ sơ cần xử lý');
  await page.getByRole('link', { name: new RegExp(code.replaceAll('.', '\\.')) }).click();
  await expectHeading(page, PROCEDURE);
};

const statusOf = (page: Page) => page.locator('dl.facts .status').first();

describe('public services: a dossier from filing to result (phone, 360×640)', () => {
  it('a citizen finds procedures without diacritics, files one with an upload and gets the receipt', { timeout: 120_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    await page.getByRole('link', { name: /^Dịch vụ công/ }).click();
    await expectHeading(page, 'Dịch vụ công trực tuyến');

    // "khai sinh" typed without diacritics finds "Đăng ký khai sinh".
    await page.getByLabel('Tên thủ tục hoặc lĩnh vực').fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await expectHeading(page, 'Kết quả tìm thủ tục');
    await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
    await expectHeading(page, 'Đăng ký khai sinh');
    const main = page.getByRole('main');
    for (const text of ['Toàn trình', '1 ngày làm việc', 'Giấy tờ cần nộp', 'Giấy chứng sinh', '1 bản chính', 'Căn cứ pháp lý', 'Luật Hộ tịch']) {
      await main.getByText(text).first().waitFor();
    }
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'procedure detail (khai sinh)');
    await screenshot(page, 'services-procedure-detail');

    await page.goto(`/search?q=${encodeURIComponent('ly lich tu phap')}`);
    await page.getByRole('link', { name: PROCEDURE }).click();
    await expectHeading(page, PROCEDURE);
    await main.getByText('200.000 đồng').first().waitFor();
    await main.getByText('10 ngày làm việc').waitFor();
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await expectHeading(page, 'Nộp hồ sơ trực tuyến');

    // Our own check runs before anything is sent.
    // Filings: POST /api/dossiers/{id}/submit, or POST /api/dossiers with submit: true (drafts are saved apart).
    const filings: { url: string; key: string | null }[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'POST') return;
      const path = new URL(r.url()).pathname;
      const isFiling = /^\/api\/dossiers\/[^/]+\/submit$/.test(path) || (path === '/api/dossiers' && (r.postDataJSON() as { submit?: boolean } | null)?.submit === true);
      if (isFiling) filings.push({ url: r.url(), key: r.headers()['idempotency-key'] ?? null });
    });
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Vui lòng sửa các mục được đánh dấu' });
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Họ, chữ đệm và tên: Vui lòng điền mục này.');
    expect(filings).toEqual([]);

    await page.getByLabel(required('Họ, chữ đệm và tên'), { exact: true }).fill('Nguyễn Văn An');
    await page.getByLabel(required('Ngày, tháng, năm sinh')).fill('1990-05-12');
    await page.getByLabel(required('Giới tính')).selectOption('Nam');
    await page.getByLabel(required('Nơi sinh')).fill('Tây Ninh');
    expect(await page.getByLabel(required('Quốc tịch')).inputValue()).toBe('Việt Nam');
    await page.getByLabel(required('Số định danh cá nhân')).fill('07209000');
    await page.getByLabel(required('Nơi cư trú hiện nay')).fill('Phường Tân Ninh, tỉnh Tây Ninh');
    await page.getByLabel(required('Họ, chữ đệm và tên cha')).fill('Nguyễn Văn Bình');
    await page.getByLabel(required('Họ, chữ đệm và tên mẹ')).fill('Trần Thị Cúc');
    await page.getByLabel(required('Loại Phiếu yêu cầu cấp')).selectOption('Phiếu lý lịch tư pháp số 1');
    await page.getByLabel(required('Số lượng Phiếu yêu cầu cấp')).fill('1');

    // The draft is saved as the citizen types, and its id goes into the address.
    await page.getByText(/^Đã lưu nháp lúc \d{2}:\d{2}\.$/).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('draft')).toMatch(/^[0-9a-f-]{36}$/);

    // A file the server refuses: the draft is kept, and the page says so.
    const upload = page.locator('#field-documents-uy-quyen');
    await upload.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải PDF') });
    await page.getByText(/Tệp “ghi-chu\.txt” chưa tải lên được: .*Bản nháp của bạn vẫn được giữ/).waitFor();
    await upload.setInputFiles({ name: 'uy-quyen.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('.attached-name', { hasText: 'uy-quyen.pdf' }).waitFor();

    // A wrong ID number is caught here, next to its field.
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Số định danh cá nhân: Giá trị chưa đúng dạng.' }).waitFor();
    expect(filings).toEqual([]);
    await page.getByLabel(required('Số định danh cá nhân')).fill('072090001234');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'dossier form');
    await screenshot(page, 'services-dossier-form');

    // A double click files once: one Idempotency-Key for the attempt.
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).dblclick();
    await expectHeading(page, 'Giấy tiếp nhận hồ sơ');
    const submits = filings.filter((f) => f.url.endsWith('/submit'));
    expect(submits.length).toBeGreaterThanOrEqual(1);
    expect(new Set(submits.map((f) => f.key)).size).toBe(1);
    expect(submits[0]!.key).toMatch(/^[0-9a-f-]{36}$/);

    const code = (await page.getByTestId('dossier-code').innerText()).trim();
    expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H59-\d{6}-\d{4}$/);
    expect(await page.getByTestId('due-at').innerText()).toMatch(/^ngày \d{2} tháng \d{1,2} năm \d{4}$/);
    const qr = page.getByRole('img', { name: `Mã QR tra cứu hồ sơ ${code}` });
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectAccessible(page, 'receipt');
    await screenshot(page, 'services-receipt');
    shared.code = code;
    shared.dossierPath = new URL(page.url()).pathname.replace(/\/receipt$/, '');

    // "Hồ sơ của tôi" lists it once, with its status.
    await page.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await expectHeading(page, 'Hồ sơ của tôi');
    const filed = page.locator('li.dossier-item').filter({ hasText: code });
    await filed.first().waitFor();
    expect(await filed.count()).toBe(1);
    expect(await filed.innerText()).toContain('Mới đăng ký');
    expect(problems).toEqual([]);
  });

  it('the public tracking page shows status 1 for that code, without signing in', async () => {
    const { page, problems } = await open();
    await page.goto(`/track?code=${encodeURIComponent(filedCode())}`);
    await expectHeading(page, 'Kết quả tra cứu hồ sơ');
    await page.getByText('Mới đăng ký').waitFor();
    await page.getByText('(mã trạng thái 1)').waitFor();
    expect(await page.getByRole('main').innerText()).not.toContain('Nguyễn Văn An');
    await expectAccessible(page, 'tracking (status 1)');
    expect(problems).toEqual([]);
  });

  it('the one-stop officer receives it (a late second tab is told to reload), assigns the specialist and asks for a supplement', { timeout: 90_000 }, async () => {
    const { page, context, problems } = await open();
    await signIn(page, 'motcua');
    await expectHeading(page, 'Xin chào, Lê Thị Cúc');
    await page.getByRole('link', { name: 'Mở danh sách hồ sơ' }).click();
    await expectHeading(page, 'Hồ sơ cần xử lý');
    const row = page.locator('li.dossier-item').filter({ hasText: filedCode() });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Mới đăng ký/);
    expect(await row.innerText()).toMatch(/Còn hạn|Sắp đến hạn|Quá hạn/);
    await page.getByLabel('Trạng thái').selectOption('1');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await row.waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('1');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'officer queue');
    await screenshot(page, 'services-officer-queue');
    await row.getByRole('link').click();
    await expectHeading(page, PROCEDURE);
    await page.getByText('Nguyễn Văn An').first().waitFor();
    await expectAccessible(page, 'officer dossier');
    await screenshot(page, 'services-officer-dossier');

    const late = await context.newPage();
    await late.goto(page.url());
    await expectHeading(late, PROCEDURE);
    await act(page, 'Tiếp nhận');
    await page.locator('dl.facts').getByText('Được tiếp nhận').waitFor();
    expect(await statusOf(page).innerText()).toBe('Được tiếp nhận');

    await late.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const lateDialog = late.getByRole('dialog', { name: 'Tiếp nhận' });
    await lateDialog.getByRole('button', { name: 'Xác nhận: Tiếp nhận' }).click();
    await lateDialog.getByText('Hồ sơ vừa được người khác xử lý — tải lại để xem tình trạng mới.').waitFor();
    await screenshot(late, 'services-officer-conflict');
    await lateDialog.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
    await late.getByText('Được tiếp nhận').first().waitFor();
    await late.close();

    // The workflow assigns from "received" only, so the specialist is named before the supplement.
    await act(page, 'Chuyển chuyên viên xử lý', async (dialog) => {
      await dialog.getByLabel(required('Chuyên viên xử lý')).selectOption({ label: 'Phạm Minh Đức' });
    });
    await page.locator('dl.facts').getByText('Phạm Minh Đức').waitFor();
    await page.locator('dl.facts').getByText('Đang xử lý').waitFor();

    await page.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Yêu cầu bổ sung' });
    await dialog.getByRole('button', { name: 'Xác nhận: Yêu cầu bổ sung' }).click();
    await dialog.getByText('Vui lòng chọn ít nhất một giấy tờ cần bổ sung.').waitFor();
    await expectAccessible(page, 'officer supplement dialog');
    await screenshot(page, 'services-officer-supplement-dialog');
    await dialog.getByLabel(/^Văn bản ủy quyền/).check();
    await dialog.getByLabel(required('Lý do')).fill('Văn bản ủy quyền chưa có chữ ký của người ủy quyền');
    await dialog.getByRole('button', { name: 'Xác nhận: Yêu cầu bổ sung' }).click();
    await page.getByText('Đã thực hiện: Yêu cầu bổ sung.').waitFor();
    await page.locator('dl.facts').getByText('Yêu cầu bổ sung giấy tờ').waitFor();
    expect(problems).toEqual([]);
  });

  it('the citizen sees the request and supplements the dossier', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    await page.getByRole('link', { name: /^Hồ sơ của tôi/ }).click();
    await expectHeading(page, 'Hồ sơ của tôi');
    const item = page.locator('li.dossier-item').filter({ hasText: filedCode() });
    expect(await item.innerText()).toContain('Yêu cầu bổ sung giấy tờ');
    await item.getByRole('link').click();
    await expectHeading(page, PROCEDURE);
    const request = page.getByRole('region', { name: 'Cơ quan yêu cầu bổ sung giấy tờ' });
    await request.getByText('Văn bản ủy quyền chưa có chữ ký của người ủy quyền', { exact: false }).waitFor();
    await request.getByText(/^Văn bản ủy quyền \(Phiếu số 1/).waitFor();
    await act(page, 'Bổ sung hồ sơ', async (dialog) => {
      await dialog.locator('#field-documents-uy-quyen').setInputFiles({ name: 'uy-quyen-da-ky.pdf', mimeType: 'application/pdf', buffer: PDF });
      await dialog.locator('.attached-name', { hasText: 'uy-quyen-da-ky.pdf' }).waitFor();
    });
    await page.locator('dl.facts').getByText('Đang xử lý').waitFor();
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    expect(await page.locator('ol.history').innerText()).toContain('Yêu cầu bổ sung');
    await expectAccessible(page, 'citizen dossier');
    await screenshot(page, 'services-citizen-dossier');
    expect(problems).toEqual([]);
  });

  it('the officer asks for the fee with a VietQR code, the citizen sees it, and the officer records the payment', { timeout: 60_000 }, async () => {
    const officer = await open();
    await signIn(officer.page, 'motcua');
    await expectHeading(officer.page, 'Xin chào, Lê Thị Cúc');
    await openFromQueue(officer.page, filedCode());
    await officer.page.getByRole('button', { name: 'Thông báo phí, lệ phí', exact: true }).click();
    const dialog = officer.page.getByRole('dialog', { name: 'Thông báo phí, lệ phí' });
    await dialog.getByLabel(required('Số tiền (đồng)')).fill('200,5');
    await dialog.getByRole('button', { name: 'Xác nhận: Thông báo phí, lệ phí' }).click();
    await dialog.getByText('Vui lòng nhập số tiền là số nguyên đồng, lớn hơn 0.').waitFor();
    await dialog.getByLabel(required('Số tiền (đồng)')).fill('200.000');
    await dialog.getByRole('button', { name: 'Xác nhận: Thông báo phí, lệ phí' }).click();
    await officer.page.getByText('Đã thực hiện: Thông báo phí, lệ phí.').waitFor();
    await officer.page.locator('dl.facts').getByText('Yêu cầu thực hiện nghĩa vụ tài chính').waitFor();
    await officer.page.getByText('Số tiền phải nộp: 200.000 đồng').waitFor();
    await officer.page.getByRole('img', { name: 'Mã VietQR để thanh toán phí, lệ phí' }).waitFor();

    const citizen = await open();
    await signIn(citizen.page, 'congdan');
    await expectHeading(citizen.page, 'Xin chào, Nguyễn Văn An');
    await citizen.page.goto(shared.dossierPath!);
    await expectHeading(citizen.page, PROCEDURE);
    const qr = citizen.page.getByRole('img', { name: 'Mã VietQR để thanh toán phí, lệ phí' });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await citizen.page.getByText('Xem chuỗi thanh toán VietQR').click();
    expect(await citizen.page.locator('.payload').innerText()).toMatch(/^000201/); // EMVCo: payload format indicator first
    await expectAccessible(citizen.page, 'citizen fee notice');
    await screenshot(citizen.page, 'services-fee-notice');

    await act(officer.page, 'Xác nhận đã nộp phí');
    await officer.page.locator('dl.facts').getByText('Đang xử lý').waitFor();
    await officer.page.getByText(/^Đã nộp lúc /).waitFor();
    expect([...officer.problems, ...citizen.problems]).toEqual([]);
  });

  it('the specialist apologises once with a new date and submits for approval', { timeout: 90_000 }, async () => {
    const specialist = await open();
    const { page } = specialist;
    await signIn(page, 'chuyenvien');
    await expectHeading(page, 'Xin chào, Phạm Minh Đức');
    await openFromQueue(page, filedCode());
    const newDate = dateAhead(40);
    await page.getByRole('button', { name: 'Xin lỗi và hẹn lại ngày trả', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Xin lỗi và hẹn lại ngày trả' });
    await dialog.getByText('Mỗi hồ sơ chỉ được hẹn lại một lần.', { exact: false }).waitFor();
    await expectAccessible(page, 'apology dialog');
    await screenshot(page, 'services-apology-dialog');
    await dialog.getByLabel(required('Lý do')).fill('Cần xác minh thông tin lý lịch tại nơi cư trú trước đây');
    await dialog.getByLabel(required('Ngày hẹn trả mới')).fill(newDate);
    await dialog.getByRole('button', { name: 'Xác nhận: Xin lỗi và hẹn lại ngày trả' }).click();
    await page.getByText('Đã thực hiện: Xin lỗi và hẹn lại ngày trả.').waitFor();
    const [y, m, d] = newDate.split('-').map(Number) as [number, number, number];
    const written = `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${y}`;
    await page.locator('ol.history').getByText(`Ngày hẹn trả mới: ${written}`).waitFor();
    // Only once: the apology is no longer offered.
    expect(await page.getByRole('button', { name: 'Xin lỗi và hẹn lại ngày trả', exact: true }).count()).toBe(0);
    await act(page, 'Trình lãnh đạo duyệt');
    expect(specialist.problems).toEqual([]);
  });

  it('the leader approves, the officer returns the result, and tracking shows status 10', { timeout: 90_000 }, async () => {
    const leader = await open();
    await signIn(leader.page, 'lanhdao');
    await expectHeading(leader.page, 'Xin chào, Võ Thanh Hải');
    await openFromQueue(leader.page, filedCode());
    await act(leader.page, 'Phê duyệt');
    await leader.page.locator('dl.facts').getByText('Đã xử lý xong').waitFor();

    const officer = await open();
    await signIn(officer.page, 'motcua');
    await expectHeading(officer.page, 'Xin chào, Lê Thị Cúc');
    await openFromQueue(officer.page, filedCode());
    await act(officer.page, 'Trả kết quả');
    await officer.page.locator('dl.facts').getByText('Đã trả kết quả').waitFor();

    const guest = await open();
    await guest.page.goto(`/track?code=${encodeURIComponent(filedCode())}`);
    await expectHeading(guest.page, 'Kết quả tra cứu hồ sơ');
    await guest.page.getByText('Đã trả kết quả').waitFor();
    await guest.page.getByText('(mã trạng thái 10)').waitFor();
    await expectAccessible(guest.page, 'tracking (status 10)');
    await screenshot(guest.page, 'services-track-returned');
    expect([...leader.problems, ...officer.problems, ...guest.problems]).toEqual([]);
  });

  it('the citizen finds every notice of the dossier in the notification centre and marks them read', async () => {
    const { page, problems } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    await expectHeading(page, 'Thông báo');
    for (const title of ['Hồ sơ đã được tiếp nhận', 'Yêu cầu bổ sung hồ sơ', 'Thư xin lỗi và hẹn lại ngày trả kết quả', 'Hồ sơ đã có kết quả']) {
      await page.getByText(new RegExp(`${title}: ${filedCode().replaceAll('.', '\\.')}`)).first().waitFor();
    }
    await expectAccessible(page, 'notification centre');
    await screenshot(page, 'notifications');
    await page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
    await page.getByText('Chưa đọc: 0').waitFor();
    expect(problems).toEqual([]);
  });
});
