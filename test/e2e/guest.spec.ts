import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, useBrowser } from './helpers.ts';

const open = useBrowser();

describe('guest pages (phone, 360×640)', () => {
  it('the guest home is in Vietnamese, with the province in the header and the landmarks', async () => {
    const { page, problems } = await open();
    const res = await page.goto('/');
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await expect.poll(() => page.title()).toBe('Dịch vụ công tỉnh Tây Ninh — Tỉnh số');
    expect(await page.getByRole('banner').innerText()).toContain('Tỉnh số — Tây Ninh');
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('contentinfo').innerText()).toContain('Ủy ban nhân dân tỉnh Tây Ninh');
    await page.getByRole('heading', { name: 'Tìm thủ tục hành chính' }).waitFor();
    await page.getByRole('heading', { name: 'Tra cứu hồ sơ' }).waitFor();
    expect(await page.getByRole('link', { name: 'Đăng nhập' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Đăng ký' }).count()).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'guest home');
    await screenshot(page, 'guest-home');
    expect(problems).toEqual([]);
  });

  it('the guest home also lays out on a desktop screen', async () => {
    const { page } = await open({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'guest-home-desktop');
  });

  it('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const { page } = await open();
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('switches to English and back, and remembers the choice', async () => {
    const { page, problems } = await open();
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Public services of Tây Ninh province');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await expectHeading(page, 'Public services of Tây Ninh province');
    await screenshot(page, 'guest-home-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(problems).toEqual([]);
  });

  it('large text and high contrast are toggles that are remembered, and stay accessible', async () => {
    const { page } = await open();
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await fontSize();
    const largeText = page.getByRole('button', { name: 'Chữ lớn' });
    const contrast = page.getByRole('button', { name: 'Tương phản cao' });
    await largeText.click();
    await contrast.click();
    expect(await largeText.getAttribute('aria-pressed')).toBe('true');
    expect(await fontSize()).toBeGreaterThan(before);
    await page.reload();
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-high-contrast'))).toBe(true);
    expect(await contrast.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'guest home, large text + high contrast');
    await screenshot(page, 'guest-home-high-contrast');
    await largeText.click();
    await contrast.click();
    expect(await fontSize()).toBe(before);
  });

  it('read-aloud appears only with a Vietnamese voice, and reads the main content', async () => {
    const plain = await open();
    await plain.page.goto('/');
    await expectHeading(plain.page, 'Dịch vụ công tỉnh Tây Ninh');
    const hasVietnameseVoice = await plain.page.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.startsWith('vi')));
    if (!hasVietnameseVoice) expect(await plain.page.getByRole('button', { name: 'Đọc to' }).count()).toBe(0);

    // A browser with a Vietnamese voice, stubbed before the app loads.
    const { page, context } = await open();
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      Object.assign(window, { spoken });
      class Utterance {
        lang = '';
        voice: unknown = null;
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(readonly text: string) {}
      }
      const fake = {
        getVoices: () => [{ lang: 'en-US', name: 'English' }, { lang: 'vi-VN', name: 'Tiếng Việt' }],
        speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang }),
        cancel: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      };
      Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    });
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    await page.getByRole('button', { name: 'Đọc to' }).click();
    await page.getByRole('button', { name: 'Dừng đọc' }).waitFor();
    const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    expect(spoken.length).toBeGreaterThan(1);
    expect(spoken[0]?.text).toMatch(/^Dịch vụ công tỉnh Tây Ninh Tìm thủ tục/);
    expect(new Set(spoken.map((s) => s.lang))).toEqual(new Set(['vi-VN']));
    expect(spoken.map((s) => s.text).join(' ')).toContain('Tra cứu hồ sơ');
    for (const s of spoken) expect(s.text.length).toBeLessThanOrEqual(200);
  });

  it('procedure search checks the box, then finds procedures without diacritics', async () => {
    const { page } = await open();
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByText('Vui lòng nhập từ khóa cần tìm.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByLabel('Tên thủ tục hoặc lĩnh vực').fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await expectHeading(page, 'Kết quả tìm thủ tục');
    expect(new URL(page.url()).searchParams.get('q')).toBe('khai sinh');
    await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('tracking checks the code form, then reports an unknown dossier clearly', async () => {
    const { page } = await open();
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    const code = page.getByLabel('Mã hồ sơ');
    await code.fill('12345');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Mã hồ sơ chưa đúng dạng').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await code.fill('000.00.02.h59-260305-0001');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expectHeading(page, 'Kết quả tra cứu hồ sơ');
    await page.getByText('Không tìm thấy hồ sơ có mã 000.00.02.H59-260305-0001').waitFor();

    // Another code, its answer held back: the first code's answer never shows under the second.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/public/dossiers/000.00.02.H59-260305-0002', async (route) => {
      await held;
      await route.continue();
    });
    await code.fill('000.00.02.h59-260305-0002');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Mã hồ sơ: 000.00.02.H59-260305-0002').waitFor();
    await page.getByRole('main').getByText('Đang tải…').waitFor();
    expect(await page.getByText(/Không tìm thấy hồ sơ có mã/).count()).toBe(0);
    answer();
    await page.getByText('Không tìm thấy hồ sơ có mã 000.00.02.H59-260305-0002').waitFor();
  });

  it('the login page is accessible and offers sign-up', async () => {
    const { page, problems } = await open();
    await page.goto('/login');
    await expectHeading(page, 'Đăng nhập');
    expect(await page.getByRole('link', { name: 'Đăng ký tài khoản công dân' }).count()).toBe(1);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'login');
    await screenshot(page, 'login');
    expect(problems).toEqual([]);
  });

  it('sign-up checks the contact, asks for the code, and shows a wrong code as an error', async () => {
    const { page, problems } = await open();
    await page.goto('/signup');
    await expectHeading(page, 'Đăng ký tài khoản công dân');
    await expectAccessible(page, 'sign-up');
    await screenshot(page, 'signup');
    const contact = page.getByLabel('Số điện thoại hoặc email');
    await contact.fill('12345');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByText('Nhập số điện thoại di động (10 chữ số').waitFor();
    await contact.fill('0987 654 321');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByText('Đã gửi mã xác thực tới 0987654321').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-code');
    await page.getByLabel('Mã xác thực').fill('000000');
    await page.getByLabel('Họ và tên').fill('Lê Văn Thử');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dai');
    await page.getByRole('button', { name: 'Hoàn tất đăng ký' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Mã xác thực không đúng hoặc đã hết hạn');
    await expectAccessible(page, 'sign-up, code step with an error');
    await screenshot(page, 'signup-code');
    expect(problems).toEqual([]);
  });

  it('an unknown address shows a Vietnamese not-found page', async () => {
    const { page } = await open();
    await page.goto('/khong-co-trang-nay');
    await expectHeading(page, 'Không tìm thấy trang');
  });
});
