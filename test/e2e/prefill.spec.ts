import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, screenshot, signIn, useBrowser } from './helpers.ts';

/**
 * Prefill from the national population database (the demo one, POPULATION_API_URL=demo) in the
 * dossier form: the consent step first (what is looked up, why, a checkbox), then the fields
 * filled; and the identity level a procedure asks, on its page.
 */
const open = useBrowser();
const PROCEDURE = 'ly-lich-tu-phap.cap-phieu';
const required = (label: string) => `${label} (bắt buộc)`;

describe('prefill and identity levels (phone, 360×640)', () => {
  it('asks consent first, then fills the form from the population database', { timeout: 90_000 }, async () => {
    const { page, problems } = await open();
    const prefills: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/me/prefill') prefills.push(r.method());
    });
    await signIn(page, 'congdan');
    await expectHeading(page, 'Xin chào, Nguyễn Văn An');
    await page.goto(`/procedures/${PROCEDURE}/apply`);
    await expectHeading(page, 'Nộp hồ sơ trực tuyến');

    await page.getByRole('button', { name: 'Điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư' }).click();
    const panel = page.getByRole('region', { name: 'Điền sẵn thông tin của bạn' });
    await panel.getByText('họ tên, ngày sinh, giới tính, nơi thường trú và nơi ở hiện tại').waitFor();
    await panel.getByText('Mục đích: điền sẵn tờ khai').waitFor();
    await expectAccessible(page, 'prefill consent step');
    await screenshot(page, 'prefill-consent');

    // Nothing is looked up before the box is ticked.
    await panel.getByRole('button', { name: 'Tra cứu và điền sẵn' }).click();
    await panel.getByText('Hãy đánh dấu đồng ý, hoặc bỏ qua và tự điền.').waitFor();
    expect(prefills).toEqual([]);

    await panel.getByLabel('Tôi đồng ý cho tra cứu Cơ sở dữ liệu quốc gia về dân cư để điền sẵn tờ khai').check();
    await panel.getByRole('button', { name: 'Tra cứu và điền sẵn' }).click();
    await panel.getByText(/^Đã điền sẵn \d+ mục/).waitFor();
    expect(prefills).toEqual(['POST']);
    expect(await page.getByLabel(required('Họ, chữ đệm và tên'), { exact: true }).inputValue()).toBe('Nguyễn Văn An');
    expect(await page.getByLabel(required('Ngày, tháng, năm sinh'), { exact: true }).inputValue()).toBe('1990-04-12');
    await screenshot(page, 'prefill-done');
    expect(problems).toEqual([]);
  });

  it('shows the identity level a procedure asks on its page', { timeout: 60_000 }, async () => {
    const { page } = await open();
    await page.goto('/procedures/cu-tru.thuong-tru');
    const facts = page.locator('dl.facts');
    await facts.getByText('Mức định danh điện tử').waitFor();
    await facts.getByText('Tài khoản định danh điện tử VNeID mức độ 2').waitFor();
    await page.goto(`/procedures/${PROCEDURE}`);
    await facts.getByText('Không yêu cầu (mọi tài khoản)').waitFor();
    await expectAccessible(page, 'procedure detail with identity level');
  });
});
