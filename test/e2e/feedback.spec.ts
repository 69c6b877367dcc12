import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, expectNoHorizontalScroll, screenshot, signIn, useBrowser } from './helpers.ts';

/**
 * A citizen report (phản ánh, kiến nghị) from the phone to the public list, through the screens
 * (360×640): the citizen files it in three steps with a photo and gets its code; the moderator
 * publishes it (it goes to Sở Xây dựng, which answers flooding reports in every commune); the
 * Sở Xây dựng officer starts and answers it with a file; the citizen rates it 5 with one tap; a
 * guest finds it in the public list (typed without diacritics) and on the map — without the
 * reporter's name, since the report was filed with the name kept secret.
 *
 * There is no network here: the base-map tiles fail to load, and the map must still show its
 * pins, open a report from a pin with the keyboard, and take a place by keyboard ("take the centre").
 */
const open = useBrowser();

const TOPIC = 'Ngập úng, thoát nước';
const TITLE = 'Cống nghẹt gây ngập trước chợ Long Hoa';
const DESCRIPTION = 'Sau mỗi cơn mưa, nước ngập gần nửa mét trước cổng chợ vì cống thoát nước bị rác làm nghẹt.';
const ANSWER = 'Đội thoát nước đã nạo vét cống trước chợ Long Hoa ngày hôm nay; nước đã rút hết.';
const CITIZEN = 'Nguyễn Văn An';
const shared: { code?: string; path?: string } = {};

const filedCode = (): string => {
  if (!shared.code) throw new Error('no report was filed (the first step failed)');
  return shared.code;
};

const required = (label: string) => `${label} (bắt buộc)`;

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

const stateOf = (page: Page) => page.locator('dl.facts .status').first();

describe('citizen feedback: from the phone to the public list (360×640)', () => {
  it('a citizen files a report in three steps with a photo and gets its code', { timeout: 120_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, `Xin chào, ${CITIZEN}`);
    await page.getByRole('link', { name: /^Phản ánh, kiến nghị/ }).click();
    await expectHeading(page, 'Gửi phản ánh, kiến nghị');

    // Step 1: a topic is required before going on.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Vui lòng chọn lĩnh vực phản ánh.').waitFor();
    await page.getByRole('radio', { name: new RegExp(`^${TOPIC}`) }).check();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'new report: topic');
    await screenshot(page, 'feedback-new-1-topic');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: /Bước 2\/4/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('2');

    // Step 2: no place yet is caught here; then the map, by keyboard (pan, take the centre).
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Vui lòng chọn nơi xảy ra sự việc bằng một trong ba cách.').waitFor();
    const map = page.getByRole('region', { name: 'Bản đồ để chọn nơi xảy ra sự việc' });
    const takeCentre = page.getByRole('button', { name: 'Chọn điểm giữa bản đồ' });
    await takeCentre.waitFor(); // shown once Leaflet has loaded
    expect(await map.getAttribute('class')).toContain('leaflet-container');
    await map.focus();
    await page.keyboard.press('ArrowUp');
    await takeCentre.click();
    await page.getByText(/^Đã chọn điểm trên bản đồ \(\d+\.\d+, \d+\.\d+\)\.$/).waitFor();
    await map.locator('.map-pin-picked').waitFor();
    // The commune list is there for anyone who would rather not use the map.
    await page.getByLabel('Xã, phường, đặc khu').selectOption({ label: 'Phường Long Hoa' });
    await page.getByLabel('Địa chỉ hoặc mô tả nơi xảy ra').fill('Cổng chính chợ Long Hoa');

    // A photo, with its preview; a file that is not an image is refused and said so.
    const photos = page.locator('#field-photos');
    await photos.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh') });
    await page.getByText(/^Ảnh “ghi-chu\.txt” chưa tải lên được: /).waitFor();
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a6ea5' } }).jpeg().toBuffer();
    await photos.setInputFiles({ name: 'cong-nghet.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const preview = page.getByRole('img', { name: 'Ảnh 1' });
    await preview.waitFor();
    expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'new report: place and photos');
    await screenshot(page, 'feedback-new-2-place');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Step 3: title and words are checked here; the privacy choices are explained in plain words.
    await page.getByRole('heading', { name: /Bước 3\/4/ }).waitFor();
    await page.getByRole('button', { name: 'Xem lại trước khi gửi' }).click();
    await page.getByText('Vui lòng nhập tiêu đề.').waitFor();
    await page.getByLabel(required('Tiêu đề')).fill(TITLE);
    await page.getByLabel(required('Nội dung')).fill(DESCRIPTION);
    expect(await page.getByRole('radio', { name: /^Giữ bí mật tên tôi/ }).isChecked()).toBe(true);
    await page.getByText('Không ai biết bạn là ai, kể cả cơ quan xử lý.', { exact: false }).waitFor();
    await expectAccessible(page, 'new report: details');
    await screenshot(page, 'feedback-new-3-details');
    await page.getByRole('button', { name: 'Xem lại trước khi gửi' }).click();

    // Review, then send: the code is shown at once.
    await page.getByRole('heading', { name: /Bước 4\/4/ }).waitFor();
    const review = page.locator('dl.review');
    for (const text of [TOPIC, 'Cổng chính chợ Long Hoa, Phường Long Hoa', '1 ảnh', TITLE, 'Giữ bí mật tên tôi']) await review.getByText(text, { exact: false }).first().waitFor();
    await expectAccessible(page, 'new report: review');
    await screenshot(page, 'feedback-new-4-review');
    const filings: (string | null)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/feedback/reports') filings.push(r.headers()['idempotency-key'] ?? null);
    });
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expectHeading(page, 'Đã gửi phản ánh');
    const code = (await page.getByTestId('report-code').innerText()).trim();
    expect(code).toMatch(/^PA-\d{6}-\d{4}$/);
    expect(filings).toHaveLength(1);
    expect(filings[0]).toMatch(/^[0-9a-f-]{36}$/);
    await expectAccessible(page, 'report sent');
    await screenshot(page, 'feedback-new-sent');
    shared.code = code;

    // "Phản ánh của tôi" lists it, waiting for moderation.
    await page.getByRole('link', { name: 'Phản ánh của tôi' }).click();
    await expectHeading(page, 'Phản ánh của tôi');
    const item = page.locator('li.dossier-item').filter({ hasText: code });
    await item.waitFor();
    expect(await item.innerText()).toContain('Chờ kiểm duyệt');
    await expectAccessible(page, 'my reports');
    await item.getByRole('link').click();
    await expectHeading(page, TITLE);
    shared.path = new URL(page.url()).pathname;
    await page.getByText('Phản ánh đang chờ cán bộ kiểm duyệt', { exact: false }).waitFor();
    await page.getByRole('img', { name: 'Ảnh 1 người dân gửi kèm phản ánh' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the moderator publishes it, and it goes to the agency in charge', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'kiemduyet');
    await expectHeading(page, 'Xin chào, Trịnh Thị Hạnh');
    await page.getByRole('link', { name: 'Mở hàng chờ kiểm duyệt' }).click();
    await expectHeading(page, 'Phản ánh chờ kiểm duyệt');
    const row = page.locator('li.dossier-item').filter({ hasText: filedCode() });
    await row.waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'moderation queue');
    await screenshot(page, 'feedback-moderation-queue');
    await row.getByRole('link').click();
    await expectHeading(page, TITLE);
    // The reporter asked to keep their name secret: the moderator does not see it either.
    expect(await page.getByRole('main').innerText()).not.toContain(CITIZEN);

    await page.getByRole('button', { name: 'Kiểm duyệt và chuyển xử lý', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Kiểm duyệt và chuyển xử lý' });
    await dialog.getByRole('button', { name: 'Xác nhận: Kiểm duyệt và chuyển xử lý' }).click();
    await dialog.getByText('Vui lòng chọn có công khai hay không.').waitFor();
    await expectAccessible(page, 'moderate dialog');
    await screenshot(page, 'feedback-moderate-dialog');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'detached' });
    await act(page, 'Kiểm duyệt và chuyển xử lý', async (d) => {
      await d.getByRole('radio', { name: 'Công khai trên trang phản ánh' }).check();
    });
    await stateOf(page).getByText('Đã chuyển cơ quan xử lý').waitFor();
    await page.locator('dl.facts').getByText('Sở Xây dựng').waitFor();
    expect(problems).toEqual([]);
  });

  it('the Sở Xây dựng officer sees it in the queue, starts it and answers with a file', { timeout: 90_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'cb.sxd.1');
    await expectHeading(page, /^Xin chào, /);
    const home = page.getByRole('region', { name: 'Phản ánh cần xử lý' });
    await home.getByText('Đến hạn hôm nay').waitFor();
    await home.getByText('Quá hạn').waitFor();
    await home.getByRole('link', { name: 'Mở danh sách phản ánh' }).click();
    await expectHeading(page, 'Phản ánh cần xử lý');
    const row = page.locator('li.dossier-item').filter({ hasText: filedCode() });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Hạn trả lời: ngày \d{2} tháng \d{1,2} năm \d{4}/);
    // The open reports are on a map as well, each pin named in words.
    // A map to look at loads when it comes near the screen: the officer scrolls to it.
    const queueMap = page.getByRole('region', { name: 'Bản đồ các phản ánh đang mở của cơ quan' });
    await queueMap.scrollIntoViewIfNeeded();
    await queueMap.locator('.map-pin').first().waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'agency queue');
    await screenshot(page, 'feedback-agency-queue');
    await row.getByRole('link').click();
    await expectHeading(page, TITLE);
    // Secret, not anonymous: the handling agency may know who reported.
    await page.locator('dl.facts').getByText(CITIZEN).first().waitFor();

    await act(page, 'Bắt đầu xử lý');
    await stateOf(page).getByText('Đang xử lý').waitFor();
    await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lời' });
    await dialog.getByRole('button', { name: 'Xác nhận: Trả lời' }).click();
    await dialog.getByText('Vui lòng điền mục này.').waitFor();
    await dialog.getByLabel(required('Nội dung trả lời')).fill(ANSWER);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await dialog.locator('#action-files').setInputFiles({ name: 'bien-ban-nao-vet.pdf', mimeType: 'application/pdf', buffer: pdf });
    await dialog.locator('.attached-name', { hasText: 'bien-ban-nao-vet.pdf' }).waitFor();
    await expectAccessible(page, 'answer dialog');
    await screenshot(page, 'feedback-answer-dialog');
    await dialog.getByRole('button', { name: 'Xác nhận: Trả lời' }).click();
    await page.getByText('Đã thực hiện: Trả lời.').waitFor();
    await stateOf(page).getByText('Đã trả lời').waitFor();
    await page.getByRole('region', { name: 'Trả lời của cơ quan' }).getByText(ANSWER).waitFor();
    await expectAccessible(page, 'officer report page');
    await screenshot(page, 'feedback-officer-report');
    expect(problems).toEqual([]);
  });

  it('the citizen is asked to rate the answer and rates it 5 with one tap', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    await signIn(page, 'congdan');
    await expectHeading(page, `Xin chào, ${CITIZEN}`);
    await page.getByRole('link', { name: /^Phản ánh của tôi/ }).click();
    await expectHeading(page, 'Phản ánh của tôi');
    const toRate = page.getByRole('region', { name: 'Đã có trả lời, mời bạn đánh giá' });
    await toRate.getByRole('link', { name: TITLE }).click();
    await expectHeading(page, TITLE);
    await page.getByRole('region', { name: 'Trả lời của cơ quan' }).getByRole('link', { name: 'bien-ban-nao-vet.pdf' }).waitFor();
    const rating = page.getByRole('region', { name: 'Bạn có hài lòng với trả lời này không?' });
    for (const label of ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Rất không hài lòng']) await rating.getByRole('button', { name: label, exact: true }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'rating');
    await screenshot(page, 'feedback-rating');
    await rating.getByRole('button', { name: 'Rất hài lòng', exact: true }).click();
    await page.getByText('Bạn đánh giá: Rất hài lòng. Phản ánh đã được đóng.').waitFor();
    await stateOf(page).getByText('Đã đóng').waitFor();
    expect(await page.getByRole('region', { name: 'Bạn có hài lòng với trả lời này không?' }).count()).toBe(0);
    await screenshot(page, 'feedback-rated');
    expect(problems).toEqual([]);
  });

  it('a guest finds it in the public list and on the map, without the reporter’s name', { timeout: 60_000 }, async () => {
    const { page, problems } = await open();
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    const homeMap = page.getByRole('region', { name: /^Bản đồ \d+ phản ánh đã được trả lời$/ });
    await homeMap.scrollIntoViewIfNeeded();
    await homeMap.locator('.map-pin').first().waitFor();
    await expectAccessible(page, 'guest home with the feedback map');
    await screenshot(page, 'feedback-guest-home');
    await page.getByRole('link', { name: 'Xem danh sách phản ánh' }).click();
    await expectHeading(page, 'Phản ánh đã được trả lời');

    // The filtered answer held back: the unfiltered list stays on screen, marked busy, and its count
    // line says "Đang tải…" instead of the old count.
    const results = page.locator('.report-results');
    const count = page.getByRole('status').filter({ hasText: /^Có \d+ phản ánh/ });
    const loading = page.getByRole('status').filter({ hasText: /^Đang tải…$/ });
    await results.locator('li.dossier-item').first().waitFor();
    await count.waitFor();
    const unfiltered = await page.locator('li.dossier-item').count();
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route(/\/api\/feedback\/public\/reports\?.*q=cong/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Từ khóa').fill('cong nghet cho long hoa');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await loading.waitFor();
    expect(await results.getAttribute('aria-busy')).toBe('true');
    expect(await count.count()).toBe(0);
    expect(await page.locator('li.dossier-item').count()).toBe(unfiltered);
    await expectAccessible(page, 'public list while the filtered one loads');
    await screenshot(page, 'feedback-public-list-loading');
    answer();
    const item = page.locator('li.dossier-item').filter({ hasText: filedCode() });
    await item.waitFor();
    await expect.poll(() => page.locator('li.dossier-item').count()).toBe(1);
    await expect.poll(() => results.getAttribute('aria-busy')).toBe('false');
    expect(await loading.count()).toBe(0);
    expect(await count.innerText()).toMatch(/^Có 1 phản ánh/);
    expect(await item.innerText()).toContain('5/5 — Rất hài lòng');
    expect(new URL(page.url()).searchParams.get('q')).toBe('cong nghet cho long hoa');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'public list');
    await screenshot(page, 'feedback-public-list');

    // The map shows the same report; its pin opens it from the keyboard.
    const resultMap = page.getByRole('region', { name: 'Bản đồ 1 phản ánh đã được trả lời' });
    await resultMap.scrollIntoViewIfNeeded();
    const pin = resultMap.getByRole('button', { name: new RegExp(`^${filedCode()}: `) });
    await pin.focus();
    await page.keyboard.press('Enter');
    await expectHeading(page, TITLE);
    const main = page.getByRole('main');
    await main.getByText(ANSWER).waitFor();
    await main.getByText(DESCRIPTION).waitFor();
    const photo = page.getByRole('img', { name: 'Ảnh 1 người dân gửi kèm phản ánh' });
    await photo.waitFor();
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await main.innerText()).not.toContain(CITIZEN);
    await expectAccessible(page, 'public report');
    await screenshot(page, 'feedback-public-report');
    expect(problems).toEqual([]);
  });

  it('a low rating with a comment sends an answered report back to the agency, and the page says so', { timeout: 60_000 }, async () => {
    // A demo report of dan02's, answered and waiting for its rating.
    const { page, problems } = await open();
    await signIn(page, 'dan02');
    await expectHeading(page, /^Xin chào, /);
    await page.goto('/feedback/mine');
    await expectHeading(page, 'Phản ánh của tôi');
    await page.getByRole('region', { name: 'Đã có trả lời, mời bạn đánh giá' }).getByRole('link', { name: 'Biển báo giao thông bị ngã đổ' }).click();
    await expectHeading(page, 'Biển báo giao thông bị ngã đổ');
    const rating = page.getByRole('region', { name: 'Bạn có hài lòng với trả lời này không?' });
    await rating.getByText('Đánh giá kèm nhận xét').click();
    await rating.getByRole('radio', { name: 'Không hài lòng', exact: true }).check();
    await rating.getByLabel('Nhận xét (không bắt buộc)').fill('Biển báo mới dựng lại đã bị nghiêng.');
    await expectAccessible(page, 'rating with a comment');
    await rating.getByRole('button', { name: 'Gửi đánh giá và nhận xét' }).click();
    await page.getByText('Bạn chưa hài lòng, nên phản ánh đã được chuyển lại cơ quan để xử lý lại.', { exact: false }).waitFor();
    await stateOf(page).getByText('Đang xử lý').waitFor();
    await screenshot(page, 'feedback-rated-low');
    expect(problems).toEqual([]);
  });
});
