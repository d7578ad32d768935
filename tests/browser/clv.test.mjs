// Customer lifetime value in a real browser (issue 6): the page's model
// figures equal the CLI's, the settings rerun like the CLI's flags, and the
// holdout, tracking, P(alive) and distribution charts render.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startApp, stopApp, openPage, value, valueBecomes, cli, ready } from './harness.mjs';

const SAMPLE = path.join(ROOT, 'public/sample-key-accounts.csv');
const CDNOW = path.join(ROOT, 'tests/data/cdnow_sample.csv');
let app;

before(async () => {
  app = await startApp();
});
after(async () => {
  await stopApp(app);
});

test('the sample: CLV figures equal the CLI and the settings rerun like its flags', async () => {
  const { page: p, context, log } = await openPage(app);
  await p.getByTestId('sample-button').click();
  await ready(p);
  const e = cli(SAMPLE);
  assert.equal(e.clv.status, 'fitted');
  assert.equal(await value(p, 'clv-total'), e.clv.clv_total);
  assert.equal(await value(p, 'clv-bgnbd-r'), e.clv.bgnbd.r);
  assert.equal(await value(p, 'clv-gamma_gamma-q'), e.clv.gamma_gamma.q);
  assert.equal(await value(p, 'clv-what-if'), e.clv.what_if.chosen.change);
  assert.equal(await p.getByTestId('clv-by-tier').locator('tbody tr').count(), 3);
  await p.getByTestId('clv-no-holdout').waitFor();
  await p.getByTestId('clv-calibration-end').fill('2025-06-30');
  await p.getByTestId('clv-horizon').fill('24');
  await p.getByTestId('apply-clv').click();
  const split = cli(SAMPLE, '--calibration-end', '2025-06-30', '--horizon', '24');
  await valueBecomes(p, 'clv-total', split.clv.clv_total);
  assert.equal(await value(p, 'clv-holdout-predicted'), split.clv.holdout.predicted_total);
  assert.equal(await value(p, 'clv-holdout-actual'), split.clv.holdout.actual_total);
  assert.ok((await p.getByTestId('clv-tracking-chart').locator('polyline').count()) >= 2);
  assert.ok((await p.getByTestId('clv-holdout-chart').locator('rect').count()) >= 8);
  await p.getByTestId('clv-horizon').fill('500');
  await p.getByTestId('apply-clv').click();
  await p.getByRole('alert').filter({ hasText: '120' }).waitFor();
  await p.locator('section:has(#clv-title)').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/30-clv.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('CDNOW sample: the published estimates, as the CLI prints them', async () => {
  const { page: p, context } = await openPage(app, { locale: 'zh-CN' });
  await p.getByTestId('file-input').setInputFiles(CDNOW);
  await ready(p);
  await p.getByTestId('clv-calibration-end').fill('1997-09-30');
  await p.getByTestId('apply-clv').click();
  const e = cli(CDNOW, '--calibration-end', '1997-09-30', '--period', 'week');
  await valueBecomes(p, 'clv-bgnbd-alpha', e.clv.bgnbd.alpha);
  assert.ok(Math.abs(e.clv.bgnbd.r / 0.2425945 - 1) < 0.005);
  assert.equal(await value(p, 'clv-pareto_nbd-beta'), e.clv.pareto_nbd.beta);
  assert.equal(await value(p, 'clv-gamma_gamma-p'), e.clv.gamma_gamma.p);
  assert.equal(await value(p, 'clv-holdout-error'), e.clv.holdout.error);
  const rows = await p.getByTestId('alive-matrix').locator('tbody tr').count();
  assert.equal(rows, e.clv.alive_matrix.frequencies.length);
  await p.getByRole('heading', { name: '客户终身价值（CLV）' }).waitFor();
  await p.locator('section:has(#clv-title)').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/31-clv-cdnow-zh.png') });
  await context.close();
});

test('issue 19: model choice, interval, churn risk and who to call equal the CLI', async () => {
  const { page: p, context, log } = await openPage(app);
  await p.getByTestId('sample-button').click();
  await ready(p);
  const e = cli(SAMPLE);
  const choice = p.getByTestId('clv-model-choice');
  assert.equal(await choice.getAttribute('data-value'), e.clv.model_choice.chosen);
  assert.equal(
    await p.getByTestId('clv-total-interval').getAttribute('data-value'),
    `${e.clv.clv_total_interval[0]},${e.clv.clv_total_interval[1]}`,
  );
  assert.match(await p.getByTestId('clv-total-interval').innerText(), /9 times in 10/);
  for (const risk of ['low', 'medium', 'high']) {
    assert.equal(await value(p, `clv-churn-${risk}`), e.clv.churn_risk[risk]);
  }
  assert.equal(await value(p, 'clv-mbgnbd-r'), e.clv.mbgnbd.r);
  assert.equal(await value(p, 'call-list-count'), e.call_list.length);
  const manager = e.call_list[0].account_manager;
  await p.getByTestId('call-list-manager').selectOption(manager);
  const theirs = e.call_list.filter((c) => c.account_manager === manager).length;
  await valueBecomes(p, 'call-list-count', theirs);
  await p.getByTestId('filter-churn-risk').selectOption('high');
  await valueBecomes(p, 'table-matches', e.clv.churn_risk.high);
  await p.getByTestId('clv-model').selectOption('mbgnbd');
  await p.getByTestId('apply-clv').click();
  const mbg = cli(SAMPLE, '--model', 'mbgnbd');
  await valueBecomes(p, 'clv-total', mbg.clv.clv_total);
  assert.equal(await p.getByTestId('clv-model-choice').getAttribute('data-value'), 'mbgnbd');
  assert.deepEqual(log.errors, []);
  await context.close();
});
