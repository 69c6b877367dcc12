import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

const open = useBrowser();

describe('user administration page (phone, 360×640)', () => {
  it('the administrator creates an officer account, finds it, locks it and resets its two-factor sign-in', async () => {
    const { page, problems } = await open();
    const username = `cb.e2e.${Date.now().toString(36)}`;
    const fullName = 'Trịnh Thị Thử Nghiệm';
    await signIn(page, 'admin');
    await expectHeading(page, /Xin chào/);
    await page.getByRole('link', { name: /^Quản lý người dùng/ }).click();
    await expectHeading(page, 'Quản lý người dùng');
    const list = page.getByRole('list', { name: 'Danh sách người dùng' });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(20);
    // Paging, kept in the address.
    await page.getByRole('navigation', { name: 'Các trang' }).getByRole('link', { name: 'Trang sau' }).click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung\?page=2$/);
    await page.getByText(/^Trang 2\/\d+$/).waitFor();
    // Roles in words; the administrator's own row offers no lock (no self lock-out).
    await page.getByLabel('Họ tên hoặc tên đăng nhập').fill('admin');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const own = list.getByRole('listitem').filter({ hasText: '(tài khoản của bạn)' });
    await own.getByText('Quản trị hệ thống', { exact: true }).waitFor();
    expect(await own.getByRole('button', { name: /^Khóa/ }).count()).toBe(0);
    await expectAccessible(page, 'user list');
    await page.getByRole('link', { name: 'Bỏ điều kiện tìm' }).click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung$/);

    // Create: the form checks before sending, then shows the server's field errors next to the fields.
    await page.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'Tạo tài khoản mới' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();
    await form.getByText('Chọn ít nhất một vai trò.').waitFor();
    expect(await form.getByLabel('Tên đăng nhập (bắt buộc)').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Tên đăng nhập (bắt buộc)').fill(username);
    await form.getByLabel('Họ và tên (bắt buộc)').fill(fullName);
    await form.getByLabel('Cán bộ, công chức').check();
    await form.getByLabel('Cơ quan, đơn vị (bắt buộc)').selectOption({ label: 'Sở Tư pháp' });
    await form.getByLabel('Mật khẩu ban đầu (bắt buộc)').fill('123456789012');
    await expectAccessible(page, 'create dialog');
    await form.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();
    await form.getByRole('alert').getByText('Mật khẩu chưa đạt yêu cầu an toàn').waitFor();
    await form.locator('#user-password-error').getByText(/quá phổ biến/).waitFor();
    await form.getByLabel('Mật khẩu ban đầu (bắt buộc)').fill('Cây tre trăm đốt 2026');
    await form.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();
    await page.getByRole('status').getByText(`Đã tạo tài khoản ${username}.`).waitFor();
    expect(await form.count()).toBe(0);

    // Find it: the search ignores diacritics.
    await page.getByLabel('Họ tên hoặc tên đăng nhập').fill('thu nghiem');
    await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Cán bộ, công chức' });
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung\?q=thu\+nghiem&role=officer/);
    const item = list.getByRole('listitem').filter({ hasText: username });
    await item.getByRole('heading', { level: 3, name: fullName }).waitFor();
    // The unfiltered list holds the account too until the filtered answer replaces it.
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await item.getByText('Sở Tư pháp', { exact: true }).waitFor();
    await item.getByText('Đang hoạt động').waitFor();
    await item.getByText('Chưa đăng ký').waitFor();

    // Edit: roles that may not go together are refused next to the roles; a name change is saved.
    await item.getByRole('button', { name: `Sửa (${username})` }).click();
    const edit = page.getByRole('dialog', { name: `Sửa tài khoản ${username}` });
    await edit.getByLabel('Quản trị hệ thống').check();
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await edit.getByRole('alert').getByText('Vi phạm nguyên tắc tách biệt nhiệm vụ').waitFor();
    await edit.locator('#user-roles-error').getByText(/Không được kiêm nhiệm/).waitFor();
    await edit.getByLabel('Quản trị hệ thống').uncheck();
    await edit.getByLabel('Họ và tên (bắt buộc)').fill(`${fullName} Hai`);
    // A staff account's contacts can be changed; empty keeps them.
    const newEmail = edit.getByLabel('E-mail mới');
    expect(await newEmail.getAttribute('aria-describedby')).toBe('user-email-hint');
    await edit.locator('#user-email-hint').getByText('Để trống để giữ nguyên. Hiện chưa có.').waitFor();
    await newEmail.fill(`${username}@example.vn`);
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').getByText(`Đã lưu thay đổi của tài khoản ${username}.`).waitFor();
    await item.getByRole('heading', { level: 3, name: `${fullName} Hai` }).waitFor();
    await item.getByRole('button', { name: `Sửa (${username})` }).click();
    await edit.locator('#user-email-hint').getByText(/^Để trống để giữ nguyên\. Hiện tại: \S+@example\.vn\.$/).waitFor();
    // …and removed: the box turns the field off, the saved account has no e-mail.
    expect(await edit.getByLabel('Xóa số điện thoại hiện tại').count()).toBe(0);
    await edit.getByLabel('Xóa e-mail hiện tại').check();
    expect(await newEmail.isDisabled()).toBe(true);
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').getByText(`Đã lưu thay đổi của tài khoản ${username}.`).waitFor();
    await item.getByRole('button', { name: `Sửa (${username})` }).click();
    await edit.locator('#user-email-hint').getByText('Để trống để giữ nguyên. Hiện chưa có.').waitFor();
    expect(await edit.getByLabel('Xóa e-mail hiện tại').count()).toBe(0);
    // A Party role asks for the Party organisation (names with the one above); the account keeps it.
    const partyOrg = edit.getByLabel('Tổ chức Đảng');
    expect(await partyOrg.count()).toBe(0);
    await edit.getByLabel('Đảng viên', { exact: true }).check();
    await partyOrg.selectOption({ label: 'Đảng bộ các cơ quan Đảng tỉnh (Đảng bộ tỉnh Tây Ninh)' });
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').getByText(`Đã lưu thay đổi của tài khoản ${username}.`).waitFor();
    await item.getByRole('button', { name: `Sửa (${username})` }).click();
    // The list of organisations loads with the dialog: its saved one is chosen once it is there.
    await partyOrg.locator('option:checked', { hasText: 'Đảng bộ các cơ quan Đảng tỉnh (Đảng bộ tỉnh Tây Ninh)' }).waitFor({ state: 'attached' });
    await edit.getByRole('button', { name: 'Hủy' }).click();
    expect(await edit.count()).toBe(0);

    // Lock, after a confirmation that starts on "Hủy".
    await item.getByRole('button', { name: `Khóa (${username})` }).click();
    const lock = page.getByRole('dialog', { name: `Khóa tài khoản ${username}?` });
    await lock.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hủy');
    await lock.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await page.getByRole('status').getByText(`Đã khóa tài khoản ${username}.`, { exact: false }).waitFor();
    await item.getByText('Đã khóa').waitFor();
    await item.getByRole('button', { name: `Mở khóa (${username})` }).waitFor();
    // The focus came back to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Mở khóa');

    // Reset the two-factor sign-in: the dialog says what happens, the API answers 204.
    await item.getByRole('button', { name: `Đặt lại xác thực hai lớp (${username})` }).click();
    const reset = page.getByRole('dialog', { name: `Đặt lại xác thực hai lớp của ${username}?` });
    await reset.getByText(/phải đăng ký lại xác thực hai lớp/).waitFor();
    await reset.getByText(/Mọi phiên đăng nhập của người dùng/).waitFor();
    await expectAccessible(page, 'reset dialog');
    await reset.getByRole('button', { name: 'Đặt lại xác thực hai lớp', exact: true }).click();
    await page.getByRole('status').getByText(`Đã đặt lại xác thực hai lớp của tài khoản ${username}.`, { exact: false }).waitFor();

    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'user list after changes');
    await screenshot(page, 'users-admin');
    expect(problems).toEqual([]);
  });

  it('an agency leader sees the accounts of their agency, read-only', async () => {
    const { page, problems } = await open();
    await signIn(page, 'lanhdao');
    await expectHeading(page, /Xin chào/);
    await page.getByRole('link', { name: 'Xem người dùng của cơ quan' }).click();
    await expectHeading(page, 'Quản lý người dùng');
    const list = page.getByRole('list', { name: 'Danh sách người dùng' });
    await list.getByRole('heading', { level: 3, name: 'Phạm Minh Đức' }).waitFor();
    expect(await list.getByRole('heading', { level: 3, name: 'Lê Thị Cúc' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Tạo tài khoản' }).count()).toBe(0);
    expect(await list.getByRole('button').count()).toBe(0);
    expect(await page.getByLabel('Cơ quan, đơn vị').count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'leader user list');
    expect(problems).toEqual([]);
  });

  it('a citizen who types the address is refused', async () => {
    const { page } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, /Xin chào/);
    await page.goto('/quan-tri/nguoi-dung');
    await expectHeading(page, 'Quản lý người dùng');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('list', { name: 'Danh sách người dùng' }).count()).toBe(0);
  });
});
