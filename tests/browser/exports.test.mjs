// Real exports in the page: files shaped like Kingdee, GBK shop orders,
// name-only sheets, quantity x price and payment statuses give the CLI's
// figures and the ground truth, and every choice made on weak evidence is
// shown; a file the page cannot decide alone asks, and the answer reads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startApp, stopApp, openPage, value, valueBecomes, cli, screenshot, ready } from './harness.mjs';

const EXPORTS = path.join(ROOT, 'tests/exports');
const TRUTH = JSON.parse(fs.readFileSync(path.join(EXPORTS, 'truth.json'), 'utf8'));
let app;

before(async () => {
  app = await startApp();
});
after(async () => {
  await stopApp(app);
});

async function kinds(page) {
  return page.locator('[data-testid="decisions"] li').evaluateAll((items) => items.map((li) => li.dataset.kind));
}

const FILES = [
  'kingdee_sales_outbound_list.xlsx',
  'taobao_order_report_gbk.csv',
  'name_only_sales.csv',
  'quantity_price_only.csv',
  'payments_with_status.csv',
  'quickbooks_sales_by_customer_detail.xlsx',
];

for (const name of FILES) {
  test(`${name}: the true figures, the CLI's, and the decisions shown`, async () => {
    const truth = TRUTH.find((t) => t.file === name);
    const file = path.join(EXPORTS, name);
    const { page: p, context, log } = await openPage(app);
    await p.getByTestId('file-input').setInputFiles(file);
    await ready(p);
    const expected = cli(file);
    assert.equal(expected.customers, truth.customers);
    assert.ok(Math.abs(expected.revenue_total - truth.revenue) < 0.01);
    assert.equal(await value(p, 'kpi-customers'), expected.customers);
    assert.equal(await value(p, 'kpi-revenue'), expected.revenue_total);
    const shown = await kinds(p);
    assert.deepEqual(shown, expected.input.decisions.map((d) => d.kind));
    for (const kind of truth.decisions) assert.ok(shown.includes(kind), `${kind} in ${shown}`);
    // The overview carries the short list, so the first screen says it too.
    assert.equal(await p.locator('[data-testid="decisions-summary"] li').count(), shown.length);
    if (name.startsWith('kingdee')) {
      await p.locator('#sec-data').scrollIntoViewIfNeeded();
      await screenshot(p, '60-export-decisions', { fullPage: false });
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test('status values can be ticked back in, and the figures follow', async () => {
  const file = path.join(EXPORTS, 'payments_with_status.csv');
  const { page: p, context } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles(file);
  await ready(p);
  const failed = p.locator('[data-testid="status-values"] label', { hasText: 'Failed' });
  assert.equal(await failed.locator('input').isChecked(), false);
  await failed.locator('input').check();
  await p.getByTestId('apply-mapping').click();
  const all = cli(file, '--keep-status', 'Failed');
  await valueBecomes(p, 'kpi-revenue', all.revenue_total);
  assert.equal(await value(p, 'rows-excluded'), 0);
  await context.close();
});

test('two amount columns that disagree: the page asks, then reads the answer', async () => {
  const file = path.join(EXPORTS, 'duplicate_amount_header.csv');
  const { page: p, context } = await openPage(app, { locale: 'zh-CN' });
  await p.getByTestId('file-input').setInputFiles(file);
  const banner = p.getByTestId('error-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /金额/);
  await screenshot(p, '61-ask-amount');
  await p.getByTestId('map-amount').selectOption('金额');
  await p.getByTestId('apply-mapping').click();
  await ready(p);
  const expected = cli(file, '--map', 'amount=金额');
  assert.equal(await value(p, 'kpi-revenue'), expected.revenue_total);
  await context.close();
});

test('the decisions read in Chinese at phone width', async () => {
  const file = path.join(EXPORTS, 'kingdee_sales_outbound_list.xlsx');
  const { page: p, context } = await openPage(app, { locale: 'zh-CN' });
  await p.setViewportSize({ width: 390, height: 844 });
  await p.getByTestId('file-input').setInputFiles(file);
  await ready(p);
  const summary = p.getByTestId('decisions-summary');
  assert.match(await summary.innerText(), /表头取自第 3 行/);
  const box = await summary.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `summary fits: ${JSON.stringify(box)}`);
  await summary.scrollIntoViewIfNeeded();
  await screenshot(p, '62-decisions-phone-zh');
  await context.close();
});
