// Ingest in the browser: the shapes managers export (GBK, BOM + TSV, xlsx)
// give the CLI's figures; the column-mapping step rescues a file whose
// columns cannot be guessed and is remembered; a workbook's sheet can be picked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startApp, stopApp, openPage, value, cli, screenshot, ready } from './harness.mjs';

const DATA = path.join(ROOT, 'tests/data');
let app;

before(async () => {
  app = await startApp();
});
after(async () => {
  await stopApp(app);
});

for (const name of ['cdnow_sample_gbk.csv', 'cdnow_sample_bom.tsv', 'cdnow_sample.xlsx']) {
  test(`${name} shows the same figures as the CLI and as the plain CSV`, async () => {
    const { page: p, context, log } = await openPage(app);
    await p.getByTestId('file-input').setInputFiles(path.join(DATA, name));
    await ready(p);
    const expected = cli(path.join(DATA, name));
    const plain = cli(path.join(DATA, 'cdnow_sample.csv'));
    assert.equal(expected.revenue_total, plain.revenue_total);
    assert.equal(await value(p, 'kpi-customers'), 2357);
    assert.equal(await value(p, 'kpi-revenue'), expected.revenue_total);
    assert.equal(await value(p, 'kpi-top20-share'), expected.pareto.top20_share);
    assert.equal(await value(p, 'rows-read'), 6919);
    if (name.endsWith('.xlsx')) {
      assert.equal(await p.getByTestId('source-format').innerText(), 'XLSX / 交易明细');
      await screenshot(p, '20-xlsx-import', { fullPage: true });
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test('unguessable columns: pick them in the mapping step, and the choice is remembered', async () => {
  // Excel serial dates are too bare to be guessed as dates from their values.
  const csv = 'buyer,when,paid\nA,45300,100\nB,45301,50\nA,45330,25\n';
  const file = { name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  const { page: p, context } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles(file);
  await p.getByTestId('error-banner').waitFor();
  await p.getByTestId('map-customer').selectOption('buyer');
  await p.getByTestId('map-date').selectOption('when');
  await p.getByTestId('map-amount').selectOption('paid');
  await screenshot(p, '21-mapping-step');
  await p.getByTestId('apply-mapping').click();
  await ready(p);
  assert.equal(await value(p, 'kpi-customers'), 2);
  assert.equal(await value(p, 'kpi-revenue'), 175);
  // A new page in the same browser profile reads the same headers at once.
  const again = await context.newPage();
  await again.goto(app.url);
  await again.getByTestId('file-input').setInputFiles(file);
  await ready(again);
  assert.equal(await value(again, 'kpi-revenue'), 175);
  assert.equal(await again.getByTestId('error-banner').count(), 0);
  await context.close();
});

test('a wrong guess can be corrected: a role can be moved or unmapped', async () => {
  // "total" ranks above a plain "amount", and the page says so.
  const csv = 'customer_id,date,amount,total\nA,2024-01-01,1,100\nB,2024-01-02,2,50\n';
  const { page: p, context } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles({ name: 't.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await ready(p);
  assert.equal(await value(p, 'kpi-revenue'), 150);
  assert.equal(await p.locator('[data-testid="decisions"] li[data-kind="amount_ranked"]').count(), 1);
  await p.getByTestId('map-amount').selectOption('amount');
  await p.getByTestId('apply-mapping').click();
  await p.waitForFunction(() => document.querySelector('[data-testid="kpi-revenue"]')?.dataset.value === '3');
  await context.close();
});

test('another sheet of a workbook can be picked', async () => {
  const { page: p, context } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles(path.join(DATA, 'cdnow_sample.xlsx'));
  await ready(p);
  await p.getByTestId('sheet-select').selectOption('说明');
  await p.getByTestId('error-banner').waitFor();
  assert.match(await p.getByTestId('error-banner').innerText(), /no customer column/i);
  await context.close();
});

test('ambiguous day/month dates: the banner asks, and the answer is applied', async () => {
  const csv = 'customer_id,date,amount\nA,03/04/2024,10\nB,05/06/2024,20\n';
  const { page: p, context } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles({ name: 'dates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await p.getByTestId('error-banner').waitFor();
  assert.match(await p.getByTestId('error-banner').innerText(), /"03\/04\/2024" \(line 2\)/);
  await screenshot(p, '22-date-order');
  await p.getByTestId('date-order-dmy').click();
  await ready(p);
  assert.match(await p.locator('.overview .meta').innerText(), /3 Apr 2024 – 5 Jun 2024/);
  await context.close();
});

test('a legacy encoding is detected and said, and can be forced', async () => {
  // "Café Müller" in windows-1252 is not UTF-8; the detector tells it from GBK.
  const bytes = Buffer.concat([
    Buffer.from('customer_id,customer_name,date,amount\nC1,Caf'), Buffer.from([0xe9]),
    Buffer.from(' M'), Buffer.from([0xfc]), Buffer.from('ller,2024-01-01,10\n'),
  ]);
  const { page: p, context } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles({ name: 'latin.csv', mimeType: 'text/csv', buffer: bytes });
  await ready(p);
  await p.getByTestId('customer-table').getByText('Café Müller').waitFor();
  assert.equal(await p.locator('[data-testid="decisions"] li[data-kind="encoding"]').count(), 1);
  await p.getByTestId('encoding-select').selectOption('gb18030');
  await p.waitForFunction(() => !document.querySelector('[data-testid="customer-table"]')?.innerText.includes('Café Müller'));
  await context.close();
});

test('a customer summary (one row per customer) gives the log\'s tiers and says what it is', async () => {
  const { page: p, context, log } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles(path.join(DATA, 'cdnow_sample_summary.csv'));
  await ready(p);
  const expected = cli(path.join(DATA, 'cdnow_sample_summary.csv'));
  const fromLog = cli(path.join(DATA, 'cdnow_sample.csv'));
  assert.equal(expected.input.shape, 'summary');
  assert.equal(await value(p, 'kpi-customers'), 2357);
  assert.equal(await value(p, 'kpi-revenue'), expected.revenue_total);
  for (const tier of ['A', 'B', 'C']) assert.equal(await value(p, `tier-${tier}`), fromLog.abc[tier]);
  assert.match(await p.locator('.overview').innerText(), /customer summary/);
  const gaps = p.locator('[data-testid="summary-gaps"] li');
  assert.equal(await gaps.count(), expected.summary_gaps.length);
  assert.match(await gaps.first().innerText(), /repeat_revenue/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a richer summary fits the models and finds the reactivated as the CLI does, and names what it cannot show', async () => {
  const { page: p, context, log } = await openPage(app);
  const file = path.join(DATA, 'cdnow_sample_rich.csv');
  await p.getByTestId('file-input').setInputFiles(file);
  await ready(p);
  const expected = cli(file);
  assert.equal(expected.clv.status, 'fitted');
  assert.equal(expected.clv.calibration_end, '1997-09-30');
  assert.equal(await value(p, 'clv-total'), expected.clv.clv_total);
  assert.equal(await value(p, 'lifecycle-reactivated'), expected.lifecycle.reactivated);
  assert.ok(expected.lifecycle.reactivated > 0);
  const gaps = p.locator('[data-testid="summary-gaps"] li');
  assert.equal(await gaps.count(), expected.summary_gaps.length);
  assert.match(await gaps.first().innerText(), /weekly tracking/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('columns with meaningless headers are guessed from their values, and the page says so', async () => {
  const csv = 'F1,F2,F3,F4\n1001,ACME Ltd,2024-01-05,12.50\n1002,Beta Co,2024-01-06,3.00\n1003,ACME Ltd,2024-02-01,7.25\n';
  const { page: p, context } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles({ name: 'raw.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await ready(p);
  assert.equal(await value(p, 'kpi-customers'), 2);
  assert.match(await p.getByTestId('guessed-from-values').innerText(), /Customer.*Date.*Amount/);
  await context.close();
});
