// Customer value in a real browser (issue 4): every section's figures equal
// the CLI's for the same file and settings, the editors rerun the analysis,
// filter and split work, the export holds every customer, and user text in
// charts stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { ROOT, startApp, stopApp, openPage, value, valueBecomes, cli, screenshot, ready } from './harness.mjs';

const SAMPLE = path.join(ROOT, 'public/sample-key-accounts.csv');
const MASTER = path.join(ROOT, 'tests/data/CDNOW_master.txt');
let app;

before(async () => {
  app = await startApp();
});
after(async () => {
  await stopApp(app);
});


async function sample() {
  const opened = await openPage(app);
  await opened.page.getByTestId('sample-button').click();
  await ready(opened.page);
  return opened;
}

test('every section of the sample shows the CLI figures', async () => {
  const { page: p, context, log } = await sample();
  const e = cli(SAMPLE);
  assert.equal(await value(p, 'pareto-k80'), e.pareto.customers_for_80pct_share);
  assert.equal(await value(p, 'pareto-readout'), e.pareto.top20_share, 'the default readout is the top 20%');
  assert.equal(await value(p, 'tier-loss'), e.profit.loss_makers);
  assert.equal(await value(p, 'profit-total'), e.profit.total);
  assert.equal(await value(p, 'profit-peak'), e.profit.peak_share);
  assert.equal(await value(p, 'profit-loss'), e.profit.loss);
  assert.ok(e.profit.peak_share > 1.3, 'the sample shows a real whale curve');
  for (const g of e.customer_types.groups) {
    assert.equal(await value(p, `type-${g.key}`), g.customers, g.key);
  }
  for (const g of e.loyalty.groups) {
    assert.equal(await value(p, `quadrant-${g.key}`), g.customers, g.key);
  }
  for (const id of ['pareto-chart', 'tiers-chart', 'whale-chart', 'loyalty-chart']) {
    const svg = p.getByTestId(id).locator('svg');
    assert.equal(await svg.count(), 1, `${id} draws one SVG`);
    assert.ok((await svg.locator('path, polyline, rect, circle').count()) > 3, `${id} has marks`);
  }
  assert.ok((await p.getByTestId('loss-makers').locator('tbody tr').count()) > 0);
  await screenshot(p, '10-value-dashboard', { fullPage: true });
  await p.getByTestId('whale-chart').scrollIntoViewIfNeeded();
  await screenshot(p, '11-whale-curve');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the Pareto readout answers for any share the user picks', async () => {
  const { page: p, context } = await sample();
  const e = cli(SAMPLE);
  const input = p.getByTestId('pareto-readout-input');
  await input.fill('5');
  await valueBecomes(p, 'pareto-readout', e.pareto.top_shares[50]);
  await input.fill('33.3');
  await valueBecomes(p, 'pareto-readout', e.pareto.top_shares[333]);
  await p.getByTestId('pareto-chart').scrollIntoViewIfNeeded();
  await screenshot(p, '12-pareto-readout');
  await context.close();
});

test('tiers by top share and a what-if rerun the analysis like the CLI', async () => {
  const { page: p, context, log } = await sample();
  await p.getByTestId('tier-rule').selectOption('top');
  await p.getByTestId('tier-a').fill('10');
  await p.getByTestId('tier-b').fill('40');
  await p.getByTestId('apply-tiers').click();
  const e = cli(SAMPLE, '--tier-by', 'top', '--abc', '0.1,0.4');
  assert.equal(e.abc.A, 300);
  await valueBecomes(p, 'tier-A', e.abc.A);
  assert.equal(await value(p, 'tier-B'), e.abc.B);
  await p.getByTestId('tier-a').fill('90');
  await p.getByTestId('tier-b').fill('40');
  await p.getByTestId('apply-tiers').click();
  await p.getByRole('alert').filter({ hasText: 'must be below' }).waitFor();
  await p.getByTestId('what-if-bottom').fill('45');
  await p.getByTestId('what-if-cut').fill('30');
  await p.getByTestId('apply-what-if').click();
  await p.getByTestId('what-if-table').locator('tbody tr').nth(3).waitFor();
  const rows = await p.getByTestId('what-if-table').locator('tbody tr').allInnerTexts();
  assert.ok(rows[3].includes('45.0%'), rows.join('\n'));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a service recommendation edited by the user is kept across reloads', async () => {
  const { page: p, context } = await sample();
  const box = p.getByTestId('service-A');
  assert.match(await box.inputValue(), /account manager/);
  await box.fill('Weekly visit by the sales director');
  await box.blur();
  await p.reload();
  await p.getByTestId('sample-button').click();
  await ready(p);
  assert.equal(await p.getByTestId('service-A').inputValue(), 'Weekly visit by the sales director');
  await context.close();
});

test('filtering to one region and splitting by industry', async () => {
  const { page: p, context, log } = await sample();
  const e = cli(SAMPLE);
  const regions = e.splits.find((s) => s.key === 'region');
  const east = regions.slices[0];
  const option = await p.getByTestId('filter').locator('option', { hasText: east.value }).getAttribute('value');
  await p.getByTestId('filter').selectOption(option);
  const filtered = cli(SAMPLE, '--filter', `region=${east.value}`);
  await valueBecomes(p, 'kpi-customers', east.customers);
  assert.equal(await value(p, 'kpi-revenue'), filtered.revenue_total);
  assert.equal(await value(p, 'kpi-top20-share'), filtered.pareto.top20_share);
  assert.equal(await value(p, 'tier-A'), filtered.abc.A);
  await p.getByTestId('split-by').selectOption('industry');
  const table = p.getByTestId('split-table');
  await table.waitFor();
  const industries = filtered.splits.find((s) => s.key === 'industry').slices;
  assert.equal(await table.locator('tbody tr').count(), industries.length);
  for (const id of ['split-revenue-chart', 'split-mix-chart', 'split-pareto-chart']) {
    assert.equal(await p.getByTestId(id).locator('svg').count(), 1, id);
  }
  await p.getByTestId('split-panel').scrollIntoViewIfNeeded();
  await screenshot(p, '13-split-by-industry');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the export holds every customer with tier, types and quadrant', async () => {
  const { page: p, context } = await sample();
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-csv').click()]);
  const file = path.join(os.tmpdir(), `tierlens-export-${process.pid}.csv`);
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 3001);
  assert.ok(lines[0].startsWith('\ufeffrank,customer_id,customer_name,industry,region,account_manager,tier,types,loyalty_quadrant'));
  const out = path.join(os.tmpdir(), `tierlens-cli-export-${process.pid}.csv`);
  // The sample button loads the log and its customer master (issue 26).
  cli(SAMPLE, '--master', path.join(ROOT, 'public/sample-customer-master.csv'), '--customers', out);
  assert.equal(text, fs.readFileSync(out, 'utf8'), 'the page exports what the CLI writes');
  await context.close();
});

test('category values that look like markup stay text in tables and charts', async () => {
  const { page: p, context, log } = await openPage(app);
  const rows = ['customer_id,date,amount,region'];
  const regions = ['<img src=x onerror=alert(1)>', '"&<svg onload=alert(2)>', 'North'];
  for (let i = 0; i < 30; i += 1) {
    rows.push(`C${i},2024-0${1 + (i % 9)}-1${i % 10},${100 + i * 7},${regions[i % 3]}`);
  }
  const file = path.join(os.tmpdir(), `tierlens-hostile-regions-${process.pid}.csv`);
  fs.writeFileSync(file, rows.join('\n'));
  await p.getByTestId('file-input').setInputFiles(file);
  await ready(p);
  await p.getByTestId('split-by').selectOption('region');
  await p.getByTestId('split-table').waitFor();
  assert.equal(await p.locator('img[src="x"]').count(), 0, 'no injected element');
  assert.equal(await p.locator('[data-testid="split-panel"] svg svg').count(), 0);
  const legend = await p.getByTestId('split-pareto-chart').locator('text').allTextContents();
  assert.ok(legend.some((t) => t.includes('<img src=x')), `the value is shown as text: ${legend}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('CDNOW master: the page shows the figures of the independent computation', async () => {
  const { page: p, context } = await openPage(app);
  const reference = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/reference/cdnow_master.json'), 'utf8'));
  await p.getByTestId('file-input').setInputFiles(MASTER);
  await ready(p);
  assert.equal(await value(p, 'kpi-customers'), reference.customers);
  assert.ok(Math.abs((await value(p, 'kpi-top20-share')) - reference.pareto.top20_share) < 1e-9);
  assert.ok(Math.abs((await value(p, 'kpi-gini')) - reference.pareto.gini) < 1e-9);
  assert.equal(await value(p, 'pareto-k80'), reference.pareto.customers_for_80pct_share);
  for (const tier of ['A', 'B', 'C']) {
    assert.equal(await value(p, `tier-${tier}`), reference.abc[tier], tier);
  }
  for (const key of ['top1', 'top5', 'top10', 'hhi']) {
    const want = key === 'hhi' ? reference.concentration.hhi : reference.concentration[`${key}_share`];
    assert.ok(Math.abs((await value(p, `concentration-${key}`)) - want) < 1e-9, key);
  }
  await context.close();
});
