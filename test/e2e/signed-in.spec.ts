import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

const open = useBrowser();

describe('signing in and the role-based homes (phone, 360×640)', () => {
  it('a citizen signs in with the keyboard only and reaches the citizen home', async () => {
    const { page, problems } = await open();
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    // Tab from the top of the page to the "Đăng nhập" link in the navigation.
    let found = false;
    for (let i = 0; i < 25 && !found; i += 1) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.textContent === 'Đăng nhập' && document.activeElement.tagName === 'A');
    }
    expect(found, 'the sign-in link is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Đăng nhập');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-username');
    await page.keyboard.type('congdan');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Việc của công dân' }).waitFor();
    for (const card of ['Dịch vụ công', 'Hồ sơ của tôi', 'Phản ánh, kiến nghị', 'Thông báo']) {
      expect(await page.getByRole('link', { name: new RegExp(`^${card}`) }).count(), card).toBe(1);
    }
    expect(await page.getByText(/^Hôm nay là ngày \d{2} tháng \d{1,2} năm \d{4}\.$/).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'citizen home');
    await screenshot(page, 'citizen-home');

    // The feedback card opens the report form; a placeholder page says plainly what is still being built.
    await page.getByRole('link', { name: /^Phản ánh, kiến nghị/ }).click();
    await expectHeading(page, 'Gửi phản ánh, kiến nghị');
    await page.goto('/soon/handbook');
    await expectHeading(page, 'Chức năng đang được xây dựng');
    await page.getByText('“Sổ tay đảng viên” chưa sẵn sàng', { exact: false }).waitFor();

    // The session survives a reload (httpOnly cookie + GET /api/auth/me).
    await page.goto('/');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    expect(problems).toEqual([]);
  });

  it('a wrong password shows the Vietnamese error; empty fields are caught before sending', async () => {
    const { page, problems } = await open();
    const logins: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/auth/login')) logins.push(r.method());
    });
    await page.goto('/login');
    await expectHeading(page, 'Đăng nhập');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Vui lòng nhập tên đăng nhập.').waitFor();
    await page.getByText('Vui lòng nhập mật khẩu.').waitFor();
    expect(logins).toEqual([]);

    await page.getByLabel('Tên đăng nhập').fill('congdan2');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(logins).toEqual(['POST']);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-error');
    expect(problems).toEqual([]);
  });

  it('the officer home shows the queues section', async () => {
    const { page, problems } = await open();
    await signIn(page, 'motcua');
    await expectHeading(page, 'Xin chào, Lê Thị Cúc');
    await page.getByRole('heading', { name: 'Hồ sơ cần xử lý' }).waitFor();
    // Due today, overdue, in progress: three counts from the queue, each a link to it.
    const counts = page.locator('section[aria-labelledby="officer-title"] .stat-value');
    await counts.locator('a').nth(2).waitFor();
    expect(await counts.allInnerTexts()).toEqual([0, 1, 2].map(() => expect.stringMatching(/^\d[\d.]*$/)));
    expect(await page.getByRole('heading', { name: 'Việc của công dân' }).count()).toBe(0);
    await expectAccessible(page, 'officer home');
    await screenshot(page, 'officer-home');
    expect(problems).toEqual([]);
  });

  it('the admin home lists users and agencies from the API', async () => {
    const { page, problems } = await open();
    await signIn(page, 'admin');
    await expectHeading(page, 'Xin chào, Quản trị hệ thống');
    await page.getByRole('heading', { name: 'Người dùng' }).waitFor();
    await page.getByText(/^Tổng số: [\d.]+ người dùng\.$/).waitFor();
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    await page.getByText(/^Tổng số: [\d.]+ cơ quan, đơn vị\.$/).waitFor();
    await expectAccessible(page, 'admin home');
    await screenshot(page, 'admin-home');
    await page.getByText('Xem danh sách').click();
    await page.locator('details li').filter({ hasText: /^000\.00\.04\.H59 Sở Tư pháp$/ }).waitFor();
    await page.getByRole('link', { name: /Lịch làm việc/ }).waitFor();
    await expectAccessible(page, 'admin home, agencies listed');
    expect(problems).toEqual([]);
  });

  it('a leader sees the dashboard and the queues; a Party member sees the handbook', async () => {
    const leader = await open();
    await signIn(leader.page, 'lanhdao');
    await expectHeading(leader.page, 'Xin chào, Võ Thanh Hải');
    await leader.page.getByRole('heading', { name: 'Bảng điều hành' }).waitFor();
    await leader.page.getByRole('heading', { name: 'Hồ sơ cần xử lý' }).waitFor();
    await expectAccessible(leader.page, 'leader home');
    await screenshot(leader.page, 'leader-home');

    const member = await open();
    await signIn(member.page, 'dangvien');
    await expectHeading(member.page, 'Xin chào, Đặng Thị Lan');
    await member.page.getByRole('heading', { name: 'Sổ tay đảng viên' }).waitFor();
    expect(await member.page.getByRole('heading', { name: 'Bảng điều hành' }).count()).toBe(0);
    await screenshot(member.page, 'party-member-home');
    expect([...leader.problems, ...member.problems]).toEqual([]);
  });

  it('the profile page signs out, and the session is gone after a reload', async () => {
    const { page, problems } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await expectHeading(page, 'Tài khoản của tôi');
    expect(await page.locator('dl').innerText()).toContain('Công dân');
    await expectAccessible(page, 'profile');
    await screenshot(page, 'profile');
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    await page.reload();
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    expect(await page.getByRole('link', { name: 'Tài khoản' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('signing out everywhere ends the session on another device too', async () => {
    const first = await open();
    const second = await open();
    for (const { page } of [first, second]) {
      await signIn(page, 'congdan2');
      await expectHeading(page, 'Xin chào, Trần Thị Bình');
    }
    await first.page.goto('/profile');
    await expectHeading(first.page, 'Tài khoản của tôi');
    await first.page.getByRole('button', { name: 'Đăng xuất trên mọi thiết bị' }).click();
    await first.page.getByText('Bạn đã đăng xuất trên mọi thiết bị.').waitFor();
    await second.page.reload();
    await expectHeading(second.page, 'Dịch vụ công tỉnh Tây Ninh');
    // A guest asking for the profile is sent to sign in, and comes back after.
    await second.page.goto('/profile');
    await expectHeading(second.page, 'Đăng nhập');
    expect(new URL(second.page.url()).searchParams.get('next')).toBe('/profile');
    expect([...first.problems, ...second.problems]).toEqual([]);
  });
});
