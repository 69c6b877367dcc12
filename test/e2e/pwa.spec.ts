import { describe, expect, it } from 'vitest';
import { baseUrl, expectHeading, MOBILE, screenshot, useBrowser } from './helpers.ts';

const open = useBrowser();

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
});
