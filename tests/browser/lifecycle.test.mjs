// RFM, lifecycle and retention in a real browser (issue 5): the page's
// figures equal the CLI's, the editors rerun like the CLI's flags, and the
// segments, stages and cohorts render as tables and heat maps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
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


async function sample(locale) {
  const opened = await openPage(app, locale ? { locale } : {});
  await opened.page.getByTestId('sample-button').click();
  await ready(opened.page);
  return opened;
}

test('RFM segments, classes, lifecycle and retention equal the CLI', async () => {
  const { page: p, context, log } = await sample();
  const e = cli(SAMPLE);
  for (const [stage, n] of Object.entries(e.lifecycle)) {
    assert.equal(await value(p, `lifecycle-${stage}`), n, stage);
  }
  assert.equal(await value(p, 'revenue-at-risk'), e.lifecycle_detail.revenue_at_risk);
  let sum = 0;
  for (const s of e.rfm.segments) {
    assert.equal(await value(p, `rfm-segment-${s.key}`), s.customers, s.key);
    sum += s.customers;
  }
  assert.equal(sum, e.customers, 'the eleven segments partition the customers');
  sum = 0;
  for (const c of e.rfm.classes) {
    assert.equal(await value(p, `rfm-class-${c.key}`), c.customers, c.key);
    sum += c.customers;
  }
  assert.equal(sum, e.customers, 'the eight classes partition the customers');
  assert.equal(await p.getByTestId('rfm-grid').locator('td.heat').count(), 25);
  assert.equal(await p.getByTestId('cohort-heatmap').locator('tbody tr').count(), e.retention.cohorts.length);
  assert.equal(await value(p, 'retention-repeat'), e.retention.average_repeat_rate);
  assert.ok((await p.getByTestId('wake-up').locator('tbody tr').count()) > 0);
  assert.equal(await p.getByTestId('repeat-chart').locator('circle').count(), e.retention.rates.length);
  await p.locator('section:has(#rfm-title)').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/20-rfm.png') });
  await p.locator('section:has(#lifecycle-title)').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/21-lifecycle.png') });
  await p.locator('section:has(#retention-title)').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/22-retention.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('quarterly cohorts, order-value RFM and new lifecycle thresholds rerun like the CLI', async () => {
  const { page: p, context, log } = await sample();
  await p.getByTestId('cohort-period').selectOption('quarter');
  const quarterly = cli(SAMPLE, '--cohort', 'quarter');
  await valueBecomes(p, 'retention-repeat', quarterly.retention.average_repeat_rate);
  assert.equal(await p.getByTestId('cohort-heatmap').locator('tbody tr').count(), quarterly.retention.cohorts.length);
  await p.getByTestId('rfm-monetary').selectOption('aov');
  const aov = cli(SAMPLE, '--cohort', 'quarter', '--rfm-monetary', 'aov');
  await valueBecomes(p, 'rfm-segment-champions', aov.rfm.segments[0].customers);
  await p.getByTestId('lifecycle-new-days').fill('30');
  await p.getByTestId('lifecycle-active-days').fill('60');
  await p.getByTestId('lifecycle-gap-days').fill('120');
  await p.getByTestId('lifecycle-dormant-days').fill('180');
  await p.getByTestId('apply-lifecycle').click();
  const stages = cli(SAMPLE, '--cohort', 'quarter', '--rfm-monetary', 'aov', '--lifecycle', '30,60,120,180');
  await valueBecomes(p, 'lifecycle-lost', stages.lifecycle.lost);
  for (const [stage, n] of Object.entries(stages.lifecycle)) {
    assert.equal(await value(p, `lifecycle-${stage}`), n, stage);
  }
  await p.getByTestId('rfm-breaks-recency').fill('30,90,180,365');
  await p.getByTestId('rfm-breaks-frequency').fill('3,2,1');
  await p.getByTestId('apply-rfm').click();
  await p.getByRole('alert').filter({ hasText: 'four' }).waitFor();
  await p.getByTestId('rfm-breaks-frequency').fill('');
  await p.getByTestId('apply-rfm').click();
  const breaks = cli(SAMPLE, '--cohort', 'quarter', '--rfm-monetary', 'aov', '--lifecycle', '30,60,120,180', '--rfm-breaks', 'recency=30,90,180,365');
  assert.deepEqual(breaks.rfm.breaks.recency, [30, 90, 180, 365]);
  await valueBecomes(p, 'rfm-segment-lost', breaks.rfm.segments[10].customers);
  for (const seg of breaks.rfm.segments) {
    assert.equal(await value(p, `rfm-segment-${seg.key}`), seg.customers, seg.key);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the sections read in Chinese', async () => {
  const { page: p, context } = await sample('zh-CN');
  await p.getByText('RFM 客户细分').waitFor();
  await p.getByText('重要价值客户').first().waitFor();
  await p.getByRole('heading', { name: '客户生命周期' }).waitFor();
  await p.locator('section:has(#rfm-title)').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/23-rfm-zh.png') });
  await context.close();
});

test('CDNOW master: lifecycle counts of the independent computation', async () => {
  const { page: p, context } = await openPage(app);
  const reference = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/reference/cdnow_master.json'), 'utf8'));
  await p.getByTestId('file-input').setInputFiles(MASTER);
  await ready(p);
  for (const [stage, n] of Object.entries(reference.lifecycle)) {
    assert.equal(await value(p, `lifecycle-${stage}`), n, stage);
  }
  let sum = 0;
  for (const key of ['champions', 'loyal_customers', 'potential_loyalists', 'new_customers', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose_them', 'hibernating', 'lost']) {
    sum += await value(p, `rfm-segment-${key}`);
  }
  assert.equal(sum, 23_570);
  await context.close();
});
