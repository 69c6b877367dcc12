import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { isMfaAnswer, nextLoginCode } from '../helpers/second-factor.ts';

/** Shared by the browser specs: one Chromium per file, pages on the mobile profile by default. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');
export const DEMO_PASSWORD = 'demo1234';
// Service workers only where a test wants one (pwa.spec.ts): installing one precaches the whole
// app, which every other test would pay for.
export const MOBILE: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  serviceWorkers: 'block',
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const baseUrl = () => inject('baseUrl');

type Session = { page: Page; context: BrowserContext; problems: string[] };

/**
 * Launches Chromium for this spec file and returns `open()`, which makes a fresh context (own
 * cookies and storage) with a page that records uncaught errors and CSP violations in `problems`.
 */
export const useBrowser = () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await serverDb?.end();
    serverDb = undefined;
  });

  return async (options: BrowserContextOptions = MOBILE): Promise<Session> => {
    if (!browser) throw new Error('browser not started');
    const context = await browser.newContext({ baseURL: baseUrl(), locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', ...options });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
    return { page, context, problems };
  };
};

/** The page's main heading once it shows `text`. */
export const expectHeading = async (page: Page, text: string | RegExp) => {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: 10_000 });
};

/** The test server's database (global-setup), opened on first use: the sign-in helpers read the TOTP replay marker there. */
let serverDb: pg.Pool | undefined;
export const serverDatabase = () => (serverDb ??= new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 }));

const isStaffAccount = async (username: string) => {
  const { rows } = await serverDatabase().query<{ staff: boolean }>(`SELECT roles <> ARRAY['citizen'] AS staff FROM users WHERE username = $1`, [username]);
  return rows[0]?.staff ?? false;
};

/**
 * Signs in through the form (mouse and keyboard, not the API). Staff accounts then get the second
 * step: the helper types the current TOTP code of the demo secret (JBSWY3DPEHPK3PXP) and confirms.
 */
export const signIn = async (page: Page, username: string, password = DEMO_PASSWORD) => {
  await page.goto('/login');
  await expectHeading(page, 'Đăng nhập');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  if (!(await isStaffAccount(username))) return;
  const field = page.getByLabel('Mã xác thực');
  await field.waitFor();
  await field.fill(await nextLoginCode(serverDatabase(), username));
  await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
};

/** A bearer token through the API (both steps for staff), for the steps a browser test need not show. */
export const apiToken = async (username: string, password = DEMO_PASSWORD): Promise<string> => {
  const post = async (path: string, body: object) => {
    const res = await fetch(`${baseUrl()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path} as ${username}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as unknown;
  };
  const first = await post('/api/auth/login', { username, password });
  if (!isMfaAnswer(first)) return (first as { token: string }).token;
  const done = await post('/api/auth/totp', { ticket: first.ticket, code: await nextLoginCode(serverDatabase(), username, first.enrol?.secret) });
  return (done as { token: string }).token;
};

/** axe-core on the current page: no serious or critical violation. */
export const expectAccessible = async (page: Page, label: string) => {
  // Evaluated through DevTools, not a <script> tag, so the page's CSP stays fully on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking, `${label}: axe violations\n${JSON.stringify(blocking, null, 2)}`).toEqual([]);
  return violations;
};

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** No sideways scrolling on a phone. */
export const expectNoHorizontalScroll = async (page: Page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
};
