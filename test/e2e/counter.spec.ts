import { describe, expect, it } from 'vitest';
import { apiToken, baseUrl, expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

/**
 * Counter filing through the screens (phone, 360×640): the one-stop officer looks a walk-in
 * citizen up by phone, registers them (not on the system yet), chooses the procedure without
 * typing diacritics, fills the form, uploads a scanned paper and receives the dossier in one
 * step; the receipt shows the code and the appointment; the public tracking page, without
 * signing in, shows it received — and nothing about the person. Then a citizen rates a finished
 * counter dossier with one tap.
 */
const open = useBrowser();

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PROCEDURE = 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam';
const CITIZEN = 'Trần Văn Quầy';
const required = (label: string) => `${label} (bắt buộc)`;
const shared: { code?: string } = {};

describe('counter filing: a walk-in citizen’s dossier, received at once (phone, 360×640)', () => {
  it('the one-stop officer finds no one, registers the citizen, files and receives the dossier, and hands over the receipt', { timeout: 120_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'motcua');
    await expectHeading(page, 'Xin chào, Lê Thị Cúc');
    await page.goto('/officer/counter');
    await expectHeading(page, 'Tiếp nhận hồ sơ trực tiếp');
    expect(await page.locator('[aria-current="step"]').innerText()).toBe('Công dân');

    // Step 1: nobody has this phone; register the citizen from the ID card.
    const phone = `098${String(Date.now()).slice(-7)}`;
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Nhập số điện thoại, số định danh (12 chữ số) hoặc e-mail cần tìm.').waitFor();
    await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Chưa có công dân này trên hệ thống.', { exact: false }).waitFor();
    expect(await page.getByLabel('Số điện thoại di động').inputValue()).toBe(phone);
    await page.getByRole('button', { name: 'Lập hồ sơ công dân' }).click();
    await page.getByText('Nhập họ và tên như trên thẻ căn cước.').waitFor();
    await page.getByLabel(required('Họ và tên')).fill(CITIZEN);
    await page.getByLabel('Số định danh cá nhân', { exact: true }).fill(`0720${String(Date.now()).slice(-8)}`);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'counter: register citizen');
    await screenshot(page, 'counter-citizen');
    await page.getByRole('button', { name: 'Lập hồ sơ công dân' }).click();
    await page.getByText(`Công dân: ${CITIZEN}`).waitFor();

    // Step 2: the procedure, typed without diacritics.
    await page.getByLabel('Tên thủ tục hoặc lĩnh vực').fill('ly lich tu phap');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: `Chọn: ${PROCEDURE}`, exact: true }).click();
    await page.getByText(`Thủ tục: ${PROCEDURE}`).waitFor();
    expect(await page.locator('[aria-current="step"]').innerText()).toBe('Thông tin và giấy tờ');

    // Step 3: our own check first, then the form and a scanned paper.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.locator('.field-invalid').first().waitFor();
    await page.getByLabel(required('Họ, chữ đệm và tên'), { exact: true }).fill(CITIZEN);
    await page.getByLabel(required('Ngày, tháng, năm sinh')).fill('1985-09-02');
    await page.getByLabel(required('Giới tính')).selectOption('Nam');
    await page.getByLabel(required('Nơi sinh')).fill('Tây Ninh');
    await page.getByLabel(required('Số định danh cá nhân')).fill('072085001234');
    await page.getByLabel(required('Nơi cư trú hiện nay')).fill('Phường Tân Ninh, tỉnh Tây Ninh');
    await page.getByLabel(required('Họ, chữ đệm và tên cha')).fill('Trần Văn Một');
    await page.getByLabel(required('Họ, chữ đệm và tên mẹ')).fill('Lê Thị Hai');
    await page.getByLabel(required('Loại Phiếu yêu cầu cấp')).selectOption('Phiếu lý lịch tư pháp số 1');
    await page.getByLabel(required('Số lượng Phiếu yêu cầu cấp')).fill('1');
    await page.locator('#field-documents-uy-quyen').setInputFiles({ name: 'uy-quyen-scan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('.attached-name', { hasText: 'uy-quyen-scan.pdf' }).waitFor();
    await page.getByLabel('Ghi chú khi tiếp nhận (không bắt buộc)').fill('Công dân nộp bản gốc, đã đối chiếu.');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'counter: dossier form');
    await screenshot(page, 'counter-form');

    const filings: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/intake/counter/dossiers') filings.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).dblclick();
    await page.getByText('Đã tiếp nhận hồ sơ.', { exact: false }).waitFor();
    expect(new Set(filings).size).toBe(1);
    expect(filings[0]).toMatch(/^[0-9a-f-]{36}$/);

    // The receipt: code, appointment, received, the paper and the tracking QR.
    const code = (await page.getByTestId('dossier-code').innerText()).trim();
    expect(code).toMatch(/^000\.00\.04\.H59-\d{6}-\d{4}$/);
    expect(await page.getByTestId('due-at').innerText()).toMatch(/^ngày \d{2} tháng \d{1,2} năm \d{4}$/);
    const receipt = page.locator('.receipt');
    await receipt.getByText('Được tiếp nhận').waitFor();
    await receipt.getByText(CITIZEN).waitFor();
    await receipt.getByText(/^Văn bản ủy quyền .*: 1 tệp$/).waitFor();
    const qr = page.getByRole('img', { name: `Mã QR tra cứu hồ sơ ${code}` });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectAccessible(page, 'counter: receipt');
    await screenshot(page, 'counter-receipt');
    shared.code = code;

    // The officer's own view of it: counter channel, received by the officer.
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await expectHeading(page, PROCEDURE);
    await page.locator('ol.history').getByText('Lê Thị Cúc').first().waitFor();

    await page.goto('/officer/counter');
    await expectHeading(page, 'Tiếp nhận hồ sơ trực tiếp');
    await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Đã tìm thấy công dân').waitFor();
    await page.getByText('Chưa nhận tài khoản').waitFor();
    expect(problems).toEqual([]);
  });

  it('the public tracking page shows the dossier received, without signing in and without the person', async () => {
    if (!shared.code) throw new Error('no dossier was filed (the first step failed)');
    const { page, problems } = await open();
    await page.goto(`/track?code=${encodeURIComponent(shared.code)}`);
    await expectHeading(page, 'Kết quả tra cứu hồ sơ');
    await page.getByText('Được tiếp nhận').waitFor();
    await page.getByText('(mã trạng thái 2)').waitFor();
    await page.getByText('Sở Tư pháp').first().waitFor();
    expect(await page.getByRole('main').innerText()).not.toContain(CITIZEN);
    await expectAccessible(page, 'tracking (counter dossier)');
    expect(problems).toEqual([]);
  });
});

/** The API as a signed-in user (bearer token), for the steps the browser does not need to show. */
const apiAs = async (username: string) => {
  const token = await apiToken(username);
  return async <T>(path: string, body?: object): Promise<T> => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
};

describe('rating a finished dossier', () => {
  it('the citizen rates it with one tap, with a comment, once', { timeout: 90_000 }, async () => {
    const motcua = await apiAs('motcua');
    const chuyenvien = await apiAs('chuyenvien');
    const lanhdao = await apiAs('lanhdao');
    const congdan = await apiAs('congdan');
    const me = await congdan<{ user: { id: string } }>('/api/auth/me');
    const data = {
      fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-12', sex: 'Nam', placeOfBirth: 'Tây Ninh', nationality: 'Việt Nam', idNumber: '072090001234',
      residence: 'Phường Tân Ninh, tỉnh Tây Ninh', fatherFullName: 'Nguyễn Văn Bình', motherFullName: 'Trần Thị Cúc', certificateType: 'Phiếu lý lịch tư pháp số 1', copies: 1,
    };
    const filed = await motcua<{ id: string; code: string }>('/api/intake/counter/dossiers', { citizenId: me.user.id, procedureCode: 'ly-lich-tu-phap.cap-phieu', data });
    const [specialist] = await motcua<{ id: string }[]>(`/api/dossiers/${filed.id}/assignees`);
    await motcua(`/api/dossiers/${filed.id}/actions/assign`, { data: { assigneeId: specialist!.id } });
    await chuyenvien(`/api/dossiers/${filed.id}/actions/submit_for_approval`, {});
    await lanhdao(`/api/dossiers/${filed.id}/actions/approve`, {});

    const { page, problems } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    await page.goto(`/dossiers/${filed.id}`);
    await expectHeading(page, PROCEDURE);
    const widget = page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
    await widget.getByRole('group', { name: 'Mức độ hài lòng' }).waitFor();
    await widget.getByLabel('Góp ý thêm (không bắt buộc, viết trước khi chọn mức)').fill('Cán bộ hướng dẫn tận tình.');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'rating widget');
    await screenshot(page, 'counter-rating');
    await widget.getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await widget.getByText('Cảm ơn bạn đã đánh giá: Hài lòng (4/5).').waitFor();
    await widget.getByText('Góp ý của bạn: Cán bộ hướng dẫn tận tình.').waitFor();
    expect(await widget.getByRole('button').count()).toBe(0);
    await page.reload();
    await page.getByText('Cảm ơn bạn đã đánh giá: Hài lòng (4/5).').waitFor();
    expect(problems).toEqual([]);
  });
});
