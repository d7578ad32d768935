// The first slice end to end, in a real browser: load, sample, upload, drop,
// bad input, language, and the promise that no request leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { ROOT, startApp, stopApp, openPage, value, cli, screenshot, ready } from './harness.mjs';

const SAMPLE = path.join(ROOT, 'public/sample-key-accounts.csv');
const CDNOW = path.join(ROOT, 'tests/data/cdnow_sample.csv');
let app;
const allRequests = [];

before(async () => {
  app = await startApp();
});
after(async () => {
  await stopApp(app);
});

async function page() {
  const opened = await openPage(app);
  allRequests.push(opened.log.requests);
  return opened;
}

/** The page's overview and tier figures equal the CLI's for the same file. */
async function assertMatchesCli(p, expected) {
  assert.equal(await value(p, 'kpi-customers'), expected.customers);
  assert.equal(await value(p, 'kpi-revenue'), expected.revenue_total);
  assert.equal(await value(p, 'kpi-top20-share'), expected.pareto.top20_share);
  assert.equal(await value(p, 'kpi-gini'), expected.pareto.gini);
  for (const tier of ['A', 'B', 'C']) {
    assert.equal(await value(p, `tier-${tier}`), expected.abc[tier], `tier ${tier}`);
  }
  assert.equal(await value(p, 'rows-read'), expected.input.rows_read);
  assert.equal(await value(p, 'rows-rejected'), expected.input.rows_rejected);
}

test('the page loads with no console error and offers the sample at once', async () => {
  const { page: p, context, log } = await page();
  assert.equal(await p.title(), 'Tierlens · key-account analytics');
  assert.ok(await p.getByTestId('sample-button').isVisible());
  assert.ok(await p.getByTestId('file-input').count(), 'file input present');
  await screenshot(p, '01-landing');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('one click on the sample shows its figures, equal to the CLI', async () => {
  const { page: p, context, log } = await page();
  await p.getByTestId('sample-button').click();
  await ready(p);
  const expected = cli(SAMPLE);
  assert.equal(expected.customers, 3000);
  await assertMatchesCli(p, expected);
  // The table holds the rows in view (and a margin), not all 3,000.
  const rows = await p.getByTestId('customer-table').locator('tbody tr[data-id]').count();
  assert.ok(rows > 15 && rows < 120, `${rows} rows in the document`);
  assert.equal(await p.getByTestId('customer-table').locator('tbody tr[data-id]').first().getAttribute('data-id'),
    expected.top_customers[0].id);
  await screenshot(p, '02-sample-overview');
  await screenshot(p, '02-sample-dashboard', { fullPage: true });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('uploading CDNOW shows 2,357 customers and the CLI figures', async () => {
  const { page: p, context, log } = await page();
  await p.getByTestId('file-input').setInputFiles(CDNOW);
  await ready(p);
  assert.equal(await value(p, 'kpi-customers'), 2357);
  await assertMatchesCli(p, cli(CDNOW));
  await screenshot(p, '03-cdnow-dashboard', { fullPage: true });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('dropping a file on the drop zone analyses it', async () => {
  const { page: p, context } = await page();
  const text = fs.readFileSync(CDNOW, 'utf8');
  await p.evaluate((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'dropped.csv', { type: 'text/csv' }));
    const zone = document.querySelector('[data-testid="drop-zone"]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, text);
  await ready(p);
  assert.equal(await value(p, 'kpi-customers'), 2357);
  await context.close();
});

test('bad rows are counted, explained by line and column, and downloadable', async () => {
  const { page: p, context, log } = await page();
  const csv = 'customer_id,date,amount\nA,2024-01-01,100\nB,not a date,5\n,2024-01-02,7\nC,2024-01-03,abc\nD,2024-01-04,50\n';
  await p.getByTestId('file-input').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await ready(p);
  assert.equal(await value(p, 'rows-read'), 5);
  assert.equal(await value(p, 'rows-rejected'), 3);
  assert.equal(await value(p, 'kpi-customers'), 2);
  const table = await p.getByTestId('rejections-table').innerText();
  assert.match(table, /3\s+2 · date\s+"not a date" is not a date/);
  assert.match(table, /5\s+3 · amount\s+"abc" is not an amount/);
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('download-rejected').click()]);
  const saved = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(saved.replace(/^\uFEFF/, '').trim().split('\n').length, 4, 'header and three rejected rows');
  await screenshot(p, '04-rejected-rows', { fullPage: true });
  await p.getByTestId('lang-switch').click();
  assert.match(await p.getByTestId('rejections-table').innerText(), /“abc”不是金额/);
  assert.match(await p.locator('.reasons').innerText(), /日期无效: 1/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a file that cannot be used says why in the error banner', async () => {
  const { page: p, context } = await page();
  await p.getByTestId('file-input').setInputFiles({
    name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('name,colour\nx,red\n'),
  });
  const banner = p.getByTestId('error-banner');
  await banner.waitFor();
  // "name" is the customer name (and so the key); no column is the date.
  assert.match(await banner.innerText(), /no date column.*"name", "colour"/is);
  await p.getByTestId('file-input').setInputFiles({
    name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
  });
  await p.getByText('PNG image').waitFor();
  assert.equal(await p.getByTestId('dashboard-ready').count(), 0);
  await screenshot(p, '05-error-banner');
  await p.getByTestId('lang-switch').click();
  assert.match(await p.getByTestId('error-banner').innerText(), /无法使用此文件.*PNG 图片/s);
  await context.close();
});

test('one dominant customer raises the dependency warning; names stay text', async () => {
  const { page: p, context, log } = await page();
  let dialogs = 0;
  p.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const hostile = '<img src=x onerror=alert(1)>';
  const csv = `customer_id,customer_name,date,amount\nBIG,"${hostile}",2024-01-01,900\nS1,small,2024-01-02,50\nS2,small,2024-01-03,50\n`;
  await p.getByTestId('file-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await ready(p);
  const warning = p.getByTestId('dependency-warning');
  assert.ok(await warning.isVisible());
  assert.match(await warning.innerText(), /BIG · <img src=x onerror=alert\(1\)>: 90\.0%/);
  assert.equal(await value(p, 'concentration-top1'), 0.9);
  assert.equal(await p.locator('img[src="x"]').count(), 0, 'no element was injected');
  assert.match(await p.getByTestId('customer-table').innerText(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(dialogs, 0);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the language switch turns the page into Chinese and back', async () => {
  const { page: p, context } = await page();
  await p.getByTestId('sample-button').click();
  await ready(p);
  const customers = await value(p, 'kpi-customers');
  await p.getByTestId('lang-switch').click();
  await p.getByRole('heading', { name: 'ABC 客户分级' }).waitFor();
  assert.equal(await p.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await p.getByTestId('kpi-revenue').innerText(), /亿|万/);
  assert.equal(await value(p, 'kpi-customers'), customers, 'the figures stay');
  await screenshot(p, '06-chinese', { fullPage: true });
  await p.getByTestId('lang-switch').click();
  await p.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await p.getByTestId('nav-tiers').innerText(), 'ABC tiers');
  await context.close();
});

test('a Chinese browser opens in Chinese', async () => {
  const { page: p, context } = await openPage(app, { locale: 'zh-CN' });
  await p.getByText('把客户交易明细拖到这里').waitFor();
  await context.close();
});

test('no request went to any origin but the page itself', () => {
  const requests = allRequests.flat();
  assert.ok(requests.length > 5, 'requests were recorded');
  const foreign = requests.filter((url) => !url.startsWith(app.origin) && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
});
