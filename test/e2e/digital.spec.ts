import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';
import { lastCodeTexted } from './sms-inbox.ts';

/**
 * Digitisation end to end (phone, 360×640): a one-stop officer files at the counter for a walk-in
 * citizen (registered on the spot, no password); the dossier is handled and approved; the officer
 * issues the result electronically (signed PDF with a verification QR) and the verification page
 * says it is genuine; the citizen claims the walk-in account by OTP sign-up with the same phone,
 * finds the result and the digitised papers in "Kho dữ liệu của tôi", and rates the dossier.
 */
const open = useBrowser();

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PROCEDURE = 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam';
const CITIZEN = 'Đỗ Thị Số Hóa';
const required = (label: string) => `${label} (bắt buộc)`;

/** Opens an action's dialog, confirms it and waits for the success notice. */
const act = async (page: Page, label: string, fill?: (dialog: Locator) => Promise<void>) => {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: `Xác nhận: ${label}` }).click();
  await page.getByText(`Đã thực hiện: ${label}.`).waitFor({ timeout: 10_000 });
};

/** Signs `username` in on a fresh phone and opens the officer's page of the dossier. */
const officerOn = async (username: string, dossierPath: string) => {
  const session = await open();
  await signIn(session.page, username);
  await session.page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor({ timeout: 15_000 });
  await session.page.goto(dossierPath);
  await expectHeading(session.page, PROCEDURE);
  return session;
};

describe('a walk-in citizen’s result, issued electronically into their store', () => {
  it('counter filing → approval → e-result with QR verification → the citizen claims the account, finds it and rates', { timeout: 180_000 }, async () => {
    const phone = `097${String(Date.now()).slice(-7)}`;

    // The one-stop officer registers the walk-in citizen and files with a scanned paper.
    const officer = await open();
    const page = officer.page;
    await signIn(page, 'motcua');
    await expectHeading(page, 'Xin chào, Lê Thị Cúc');
    await page.goto('/officer/counter');
    await expectHeading(page, 'Tiếp nhận hồ sơ trực tiếp');
    await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Chưa có công dân này trên hệ thống.', { exact: false }).waitFor();
    await page.getByLabel(required('Họ và tên')).fill(CITIZEN);
    await page.getByRole('button', { name: 'Lập hồ sơ công dân' }).click();
    await page.getByText(`Công dân: ${CITIZEN}`).waitFor();
    await page.getByLabel('Tên thủ tục hoặc lĩnh vực').fill('ly lich tu phap');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: `Chọn: ${PROCEDURE}`, exact: true }).click();
    await page.getByLabel(required('Họ, chữ đệm và tên'), { exact: true }).fill(CITIZEN);
    await page.getByLabel(required('Ngày, tháng, năm sinh')).fill('1992-04-30');
    await page.getByLabel(required('Giới tính')).selectOption('Nữ');
    await page.getByLabel(required('Nơi sinh')).fill('Tây Ninh');
    await page.getByLabel(required('Số định danh cá nhân')).fill('072192004321');
    await page.getByLabel(required('Nơi cư trú hiện nay')).fill('Phường Tân Ninh, tỉnh Tây Ninh');
    await page.getByLabel(required('Họ, chữ đệm và tên cha')).fill('Đỗ Văn Cha');
    await page.getByLabel(required('Họ, chữ đệm và tên mẹ')).fill('Lê Thị Mẹ');
    await page.getByLabel(required('Loại Phiếu yêu cầu cấp')).selectOption('Phiếu lý lịch tư pháp số 1');
    await page.getByLabel(required('Số lượng Phiếu yêu cầu cấp')).fill('1');
    await page.locator('#field-documents-uy-quyen').setInputFiles({ name: 'uy-quyen-scan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('.attached-name', { hasText: 'uy-quyen-scan.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByText('Đã tiếp nhận hồ sơ.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await expectHeading(page, PROCEDURE);
    const dossierPath = new URL(page.url()).pathname;
    const dossierId = dossierPath.split('/').pop()!;
    // Reception recorded the papers: the receipt form (Mẫu 01) is offered as PDF.
    await page.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01, PDF)' }).waitFor();
    await act(page, 'Chuyển chuyên viên xử lý', async (dialog) => {
      await dialog.getByLabel(required('Chuyên viên xử lý')).selectOption({ label: 'Phạm Minh Đức' });
    });

    const specialist = await officerOn('chuyenvien', dossierPath);
    await act(specialist.page, 'Trình lãnh đạo duyệt');
    const leader = await officerOn('lanhdao', dossierPath);
    await act(leader.page, 'Phê duyệt');

    // The one-stop officer issues the result electronically.
    await page.reload();
    await expectHeading(page, PROCEDURE);
    await page.getByRole('button', { name: 'Cấp kết quả bản điện tử' }).click();
    await page.getByText('Đã cấp kết quả bản điện tử vào Kho dữ liệu của công dân:').waitFor();
    await expectAccessible(page, 'officer: e-result issued');
    await screenshot(page, 'digital-e-result-issued');
    await page.getByRole('link', { name: 'Mở trang xác minh' }).click();
    await expectHeading(page, 'Xác minh kết quả bản điện tử');
    await page.getByText('Đây là kết quả bản điện tử do cơ quan nhà nước cấp.').waitFor();
    expect(await page.getByRole('main').innerText()).not.toContain(CITIZEN);
    await expectAccessible(page, 'e-result verification');
    await screenshot(page, 'digital-verify');
    const tampered = new URL(page.url());
    tampered.searchParams.set('sig', 'gia-mao');
    await page.goto(`${tampered.pathname}${tampered.search}`);
    await page.getByText('Không xác minh được', { exact: false }).waitFor();

    // The citizen claims the walk-in account with the same phone and a code texted to it.
    const citizen = await open();
    const cp = citizen.page;
    await cp.goto('/signup');
    await expectHeading(cp, 'Đăng ký tài khoản công dân');
    await cp.getByLabel('Số điện thoại hoặc email').fill(phone);
    await cp.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await cp.getByText(`Đã gửi mã xác thực tới`, { exact: false }).waitFor();
    await cp.getByLabel('Mã xác thực').fill(await lastCodeTexted(inject('smsInboxUrl'), phone));
    await cp.getByLabel('Họ và tên').fill(CITIZEN);
    await cp.getByLabel('Mật khẩu').fill('Kho-du-lieu-2026');
    await cp.getByRole('button', { name: 'Hoàn tất đăng ký' }).click();
    await cp.waitForURL((url) => url.pathname !== '/signup', { timeout: 10_000 });

    await cp.goto('/kho-du-lieu');
    await expectHeading(cp, 'Kho dữ liệu của tôi');
    const results = cp.getByRole('region', { name: 'Kết quả bản điện tử' });
    await results.getByRole('link', { name: `Kết quả: ${PROCEDURE}` }).waitFor();
    await cp.getByRole('region', { name: 'Giấy tờ đã số hóa' }).getByRole('link', { name: /Văn bản ủy quyền/ }).waitFor();
    await expectNoHorizontalScroll(cp);
    await expectAccessible(cp, 'citizen store');
    await screenshot(cp, 'digital-store');

    await results.getByRole('link', { name: 'Xem hồ sơ' }).first().click();
    await expectHeading(cp, PROCEDURE);
    expect(new URL(cp.url()).pathname).toBe(`/dossiers/${dossierId}`);
    const widget = cp.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
    await widget.getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
    await widget.getByText('Cảm ơn bạn đã đánh giá: Rất hài lòng (5/5).').waitFor();
    await expectAccessible(cp, 'citizen dossier with papers');
    for (const s of [officer, specialist, leader, citizen]) expect(s.problems).toEqual([]);
  });
});
