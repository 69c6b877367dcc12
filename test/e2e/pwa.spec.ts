import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, expectAccessible, expectHeading, MOBILE, screenshot, signIn, useBrowser } from './helpers.ts';

const open = useBrowser();

/** Sở Tư pháp's "Cấp Phiếu lý lịch tư pháp" (province level: no commune to pick). */
const PROCEDURE_CODE = 'ly-lich-tu-phap.cap-phieu';
const PROCEDURE = 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam';
const KEPT = 'Đã lưu trên máy, sẽ gửi khi có mạng.';

type Draft = { id: string; state: string; procedureCode: string };
type Detail = { id: string; state: string; data: Record<string, unknown> };

/** The citizen's drafts as the server has them (the context's cookies; only while online). */
const serverDrafts = async (context: BrowserContext): Promise<Draft[]> => {
  const res = await context.request.get('/api/dossiers?mine=true&pageSize=100');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: Draft[] };
  return body.items.filter((d) => d.state === 'draft');
};

/** Signs in with a page the service worker controls, so that the app itself is there offline. */
const signInControlled = async (page: Page, username: string, greeting: string | RegExp) => {
  await signIn(page, username);
  await expectHeading(page, greeting);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
};

/** How many records the app keeps in one store of its IndexedDB database. */
const keptRecords = (page: Page, store: 'answers' | 'drafts') =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('tinhso-offline');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(name)) return resolve(0);
          const count = db.transaction(name).objectStore(name).count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
    store,
  );

describe('installable, offline-readable shell', () => {
  it('serves a Vietnamese web manifest whose icons exist', async () => {
    const res = await fetch(new URL('/manifest.webmanifest', baseUrl()));
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as { name: string; lang: string; start_url: string; display: string; icons: { src: string; type: string; sizes: string }[] };
    expect(manifest).toMatchObject({ name: 'Tỉnh số', lang: 'vi', start_url: '/', display: 'standalone' });
    expect(manifest.icons.some((i) => i.type === 'image/png' && i.sizes === '512x512')).toBe(true);
    for (const icon of manifest.icons) {
      const file = await fetch(new URL(icon.src, baseUrl()));
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type'), icon.src).toMatch(/^image\//);
    }
  });

  it('after one visit, the shell and its pages open without a network', async () => {
    const { page, context, problems } = await open({ ...MOBILE, serviceWorkers: 'allow' });
    await page.goto('/');
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${baseUrl()}/`);
    // Wait until the worker controls the page (it claims open pages on activation).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });

    await context.setOffline(true);
    await page.reload();
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    await page.getByText('Bạn đang ngoại tuyến').waitFor();
    // A page not visited yet still opens: its code was cached when the worker was installed.
    await page.getByRole('link', { name: 'Đăng ký' }).first().click();
    await expectHeading(page, 'Đăng ký tài khoản công dân');
    await screenshot(page, 'offline-signup');
    await context.setOffline(false);
    expect(problems).toEqual([]);
  });

  it('a draft written offline is kept on the phone, survives a reload and is sent once when online', { timeout: 60_000 }, async () => {
    const { page, context, problems } = await open({ ...MOBILE, serviceWorkers: 'allow' });
    await signInControlled(page, 'congdan', 'Xin chào, Nguyễn Văn An');
    await page.goto(`/procedures/${PROCEDURE_CODE}/apply`);
    await expectHeading(page, 'Nộp hồ sơ trực tuyến');
    await page.getByText('Bản nháp sẽ được lưu tự động khi bạn bắt đầu điền.').waitFor();
    const before = await serverDrafts(context);
    const creates: (string | null)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/dossiers') creates.push(r.headers()['idempotency-key'] ?? null);
    });

    await context.setOffline(true);
    const placeOfBirth = page.getByLabel('Nơi sinh (bắt buộc)');
    const written = `Xã Tân Biên, viết khi mất mạng ${Date.now()}`;
    await placeOfBirth.fill(written);
    await page.getByText(KEPT).waitFor();
    expect(new URL(page.url()).searchParams.get('local')).toMatch(/^local-/);
    await expectAccessible(page, 'dossier form, draft kept offline');
    await screenshot(page, 'offline-draft-kept');

    // Still offline: a reload opens the app from the phone, signed in, with the draft as written.
    await page.reload();
    await expectHeading(page, 'Nộp hồ sơ trực tuyến');
    await page.getByText('Bạn đang ngoại tuyến').waitFor();
    expect(await placeOfBirth.inputValue()).toBe(written);
    await page.getByText(KEPT).waitFor();
    expect(creates).toEqual([]);

    // "Hồ sơ của tôi", offline: the kept draft is listed as not sent yet.
    await page.goto('/dossiers');
    await expectHeading(page, 'Hồ sơ của tôi');
    const kept = page.getByRole('region', { name: 'Chưa gửi được (đang lưu trên máy)' });
    await kept.getByRole('link', { name: PROCEDURE }).click();
    await expectHeading(page, 'Nộp hồ sơ trực tuyến');
    expect(await placeOfBirth.inputValue()).toBe(written);

    // Online again: the draft is sent (once), and the address now names the server's dossier.
    await context.setOffline(false);
    await page.getByText(/^Đã lưu nháp lúc \d{2}:\d{2}\.$/).waitFor({ timeout: 15_000 });
    const id = new URL(page.url()).searchParams.get('draft');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const after = await serverDrafts(context);
    const added = after.filter((d) => !before.some((b) => b.id === d.id));
    expect(added.map((d) => d.id)).toEqual([id]);
    const detail = (await (await context.request.get(`/api/dossiers/${id}`)).json()) as Detail;
    expect(detail.state).toBe('draft');
    expect(detail.data.placeOfBirth).toBe(written);
    expect(creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(creates).size, 'every create attempt carries the same Idempotency-Key').toBe(1);
    expect(creates[0]).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing is left waiting on the phone.
    await page.goto('/dossiers');
    await expectHeading(page, 'Hồ sơ của tôi');
    await page.getByRole('heading', { name: 'Bản nháp chưa nộp' }).waitFor();
    expect(await page.getByRole('region', { name: 'Chưa gửi được (đang lưu trên máy)' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('a draft kept offline is sent in the background when the network returns on another page', { timeout: 60_000 }, async () => {
    const { page, context, problems } = await open({ ...MOBILE, serviceWorkers: 'allow' });
    await signInControlled(page, 'congdan2', /^Xin chào/);
    await page.goto(`/procedures/${PROCEDURE_CODE}/apply`);
    await expectHeading(page, 'Nộp hồ sơ trực tuyến');
    const before = await serverDrafts(context);

    await context.setOffline(true);
    const written = `Viết khi mất mạng, gửi từ trang khác ${Date.now()}`;
    await page.getByLabel('Nơi cư trú hiện nay (bắt buộc)').fill(written);
    await page.getByText(KEPT).waitFor();
    await page.getByRole('link', { name: 'Trang chủ' }).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();

    await context.setOffline(false);
    let added: Draft[] = [];
    for (let i = 0; i < 40 && added.length === 0; i += 1) {
      await page.waitForTimeout(250);
      added = (await serverDrafts(context)).filter((d) => !before.some((b) => b.id === d.id));
    }
    expect(added).toHaveLength(1);
    const detail = (await (await context.request.get(`/api/dossiers/${added[0]!.id}`)).json()) as Detail;
    expect(detail.data.residence).toBe(written);
    expect(problems).toEqual([]);
  });

  it("the citizen's dossiers stay readable offline, and signing out leaves nothing on the phone", { timeout: 60_000 }, async () => {
    const { page, context, problems } = await open({ ...MOBILE, serviceWorkers: 'allow' });
    await signInControlled(page, 'congdan', 'Xin chào, Nguyễn Văn An');
    // One draft at least, saved on the server.
    const csrf = (await context.cookies()).find((c) => c.name === 'tinhso_csrf')?.value ?? '';
    const created = await context.request.post('/api/dossiers', {
      data: { procedureCode: PROCEDURE_CODE, data: { purpose: 'Đọc khi mất mạng' }, submit: false },
      headers: { 'x-csrf-token': csrf },
    });
    expect(created.status()).toBe(201);
    await page.goto('/dossiers');
    await expectHeading(page, 'Hồ sơ của tôi');
    const drafts = page.getByRole('region', { name: 'Bản nháp chưa nộp' });
    await drafts.getByRole('link').first().waitFor();
    const listed = await drafts.getByRole('link').allInnerTexts();

    await context.setOffline(true);
    await page.reload();
    await expectHeading(page, 'Hồ sơ của tôi');
    await page.getByText('Bạn đang ngoại tuyến').waitFor();
    await drafts.getByRole('link').first().waitFor();
    expect(await drafts.getByRole('link').allInnerTexts()).toEqual(listed);
    expect(await keptRecords(page, 'answers')).toBeGreaterThan(0);

    await context.setOffline(false);
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await expectHeading(page, 'Dịch vụ công tỉnh Tây Ninh');
    expect(await keptRecords(page, 'answers')).toBe(0);
    expect(await keptRecords(page, 'drafts')).toBe(0);
    // Offline after signing out: the app asks to sign in, it shows nobody's dossiers.
    await context.setOffline(true);
    await page.goto('/dossiers').catch(() => undefined);
    await expectHeading(page, 'Đăng nhập');
    await context.setOffline(false);
    expect(problems).toEqual([]);
  });
});
