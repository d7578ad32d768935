// Key accounts over time (issue 22) in a real browser: on CDNOW master with
// two 9-month periods set in the page's editor, the bridge, NRR and GRR
// equal the CLI's JSON, a migration cell opens the customers the CLI lists
// for that movement, and the section reads at desktop and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, startApp, stopApp, openPage, cli, screenshot, ready, valueBecomes } from './harness.mjs';

const MASTER = path.join(ROOT, 'tests/data/CDNOW_master.txt');
const PERIODS = ['1997-01-01', '1997-09-30', '1997-10-01', '1998-06-30'];
const COMPARE = `${PERIODS[0]}..${PERIODS[1]},${PERIODS[2]}..${PERIODS[3]}`;
const CLI = process.env.TIERLENS_CLI ?? path.join(ROOT, 'target/debug/tierlens');
const STEPS = ['start', 'new', 'lost', 'expansion', 'contraction', 'end'];
let app;

before(async () => {
  app = await startApp();
});
after(async () => {
  await stopApp(app);
});

function customers(...args) {
  const out = execFileSync(CLI, ['customers', MASTER, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out);
}

/** The bridge's six figures as the page holds them. */
async function bridge(page) {
  return page.getByTestId('compare-bridge').evaluate((el) =>
    Object.fromEntries([...el.querySelectorAll('[data-key]')].map((s) => [s.dataset.key, Number(s.dataset.value)])));
}

test('bridge, retention and a migration cell equal the CLI, at desktop and phone width', async () => {
  const expected = cli(MASTER, '--compare', COMPARE).compare;
  const { page, context, log } = await openPage(app);
  await page.getByTestId('file-input').setInputFiles(MASTER);
  await ready(page);
  await page.locator('#sec-compare').scrollIntoViewIfNeeded();

  // The default periods first: the year to the as-of date against the one before, with the note
  // that the file does not reach back that far.
  const defaults = cli(MASTER).compare;
  assert.equal((await bridge(page)).end, defaults.bridge.end);
  assert.ok((await page.getByTestId('compare-note').count()) >= 1, 'the default period 1 starts before the file');

  // A bad range is refused with one line, and nothing reruns.
  await page.getByTestId('compare-default').uncheck();
  const dates = ['compare-p1-start', 'compare-p1-end', 'compare-p2-start', 'compare-p2-end'];
  await page.getByTestId(dates[0]).fill('1997-10-01');
  await page.getByTestId(dates[1]).fill('1997-01-01');
  await page.getByTestId(dates[2]).fill(PERIODS[2]);
  await page.getByTestId(dates[3]).fill(PERIODS[3]);
  await page.getByTestId('apply-compare').click();
  assert.match(await page.getByTestId('compare-error').innerText(), /1997-10-01 is after 1997-01-01/);

  for (const [i, id] of dates.entries()) await page.getByTestId(id).fill(PERIODS[i]);
  await page.getByTestId('apply-compare').click();
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid="compare-bridge"] [data-key="start"]');
    return el && Number(el.dataset.value) === want;
  }, expected.bridge.start, { timeout: 60_000 });
  await ready(page);

  const shown = await bridge(page);
  for (const step of STEPS) assert.equal(shown[step], expected.bridge[step], step);
  const c = Object.fromEntries(STEPS.map((k) => [k, Math.round(shown[k] * 100)]));
  assert.equal(c.start + c.new - c.lost + c.expansion - c.contraction, c.end, 'the bridge adds up in cents');
  assert.equal(Number(await page.getByTestId('compare-nrr').getAttribute('data-value')), expected.nrr);
  assert.equal(Number(await page.getByTestId('compare-grr').getAttribute('data-value')), expected.grr);
  assert.equal(await page.getByTestId('compare-note').count(), 0, 'both periods lie in the file');

  // Every cell's count; then A→B opens the customers the CLI lists for A>B.
  const matrix = page.getByTestId('migration-matrix');
  for (const [from, row] of Object.entries(expected.migration)) {
    for (const [to, cell] of Object.entries(row)) {
      const button = matrix.locator(`button[data-from="${from}"][data-to="${to}"]`);
      assert.equal(Number(await button.getAttribute('data-value')), cell.customers, `${from}>${to}`);
    }
  }
  await matrix.locator('button[data-from="A"][data-to="B"]').click();
  const listed = await page.getByTestId('migration-list').locator('tbody tr .customer-id').allInnerTexts();
  const fromCli = customers('--compare', COMPARE, '--movement', 'A>B', '--limit', '50');
  assert.equal(fromCli.matches, expected.migration.A.B.customers);
  assert.deepEqual(listed, fromCli.rows.map((r) => r.id));
  assert.ok(fromCli.rows.every((r) => r.movement === 'A>B'));

  // The customer table filters by movement like `tierlens customers --movement`.
  await page.getByTestId('filter-movement').selectOption('B>none');
  const lost = customers('--compare', COMPARE, '--movement', 'B>none', '--limit', '1');
  await valueBecomes(page, 'table-matches', lost.matches);

  await page.locator('#sec-compare').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/70-compare.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#sec-compare').scrollIntoViewIfNeeded();
  // Other sections' tables may still overflow a phone; this one must not
  // (its wide tables scroll inside their own box).
  const overflow = await page.evaluate(() => {
    const wide = [];
    for (const el of document.querySelectorAll('#sec-compare *')) {
      const r = el.getBoundingClientRect();
      let up = el.parentElement;
      while (up && getComputedStyle(up).overflowX === 'visible') up = up.parentElement;
      if (r.width > 0 && r.right > 391 && !up?.closest('#sec-compare')) wide.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
    }
    return wide;
  });
  assert.deepEqual(overflow, [], 'nothing in the section runs past 390 px');
  const phone = await bridge(page);
  for (const step of STEPS) assert.equal(phone[step], expected.bridge[step], `phone ${step}`);
  await page.getByTestId('migration-matrix').scrollIntoViewIfNeeded();
  await screenshot(page, '71-compare-phone');
  await page.locator('#sec-compare').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/72-compare-phone-section.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the section speaks Chinese, with no English left', async () => {
  const { page, context, log } = await openPage(app, { locale: 'zh-CN' });
  await page.getByTestId('sample-button').click();
  await ready(page);
  await page.getByTestId('migration-matrix').locator('button[data-from="A"][data-to="none"]').click();
  const words = await page.evaluate(() => {
    const found = new Set();
    const section = document.querySelector('#sec-compare');
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('[hidden], .sr-only, .customer-id, .customer-name, [data-user-text], svg')) continue;
      for (const word of node.textContent.match(/[A-Za-z]{2,}/g) ?? []) found.add(word);
    }
    return [...found];
  });
  const allowed = new Set(['HHI', 'SVG', 'PNG']);
  assert.deepEqual(words.filter((w) => !allowed.has(w)), [], 'English left in the section');
  assert.match(await page.getByTestId('migration-list-title').innerText(), /A→流失/);
  await page.locator('#sec-compare').screenshot({ path: path.join(ROOT, 'tests/browser/screenshots/73-compare-zh.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});
