// The dashboard a manager lives in: navigation, every section, the
// customer table (sort, search, filter, card), exports, settings, the
// language switch, printing and embedding in a portal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT, startApp, stopApp, openPage, value, valueBecomes, cli, screenshot, ready,
} from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';

const SAMPLE = path.join(ROOT, 'public/sample-key-accounts.csv');
const CDNOW = path.join(ROOT, 'tests/data/CDNOW_master.txt');
const CLI = process.env.TIERLENS_CLI ?? path.join(ROOT, 'target/debug/tierlens');
const SECTIONS = ['overview', 'pareto', 'tiers', 'types', 'rfm', 'lifecycle', 'value', 'compare', 'customers', 'settings', 'data'];

/** What `tierlens customers FILE --json ARGS` prints. */
function customers(file, ...args) {
  return JSON.parse(execFileSync(CLI, ['customers', file, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

let app;
before(async () => { app = await startApp(); });
after(async () => { await stopApp(app); });

async function sample(options = {}) {
  const opened = await openPage(app, options);
  await opened.page.getByTestId('sample-button').click();
  await ready(opened.page);
  return opened;
}

async function upload(page, file) {
  await page.getByTestId('file-input').setInputFiles(file);
  await ready(page);
}

/** The ids of the rows the table shows, top to bottom. */
async function shownIds(page) {
  return page.getByTestId('customer-table').locator('tbody tr[data-id]')
    .evaluateAll((rows) => rows.map((r) => r.dataset.id));
}

async function matches(page, expected) {
  await valueBecomes(page, 'table-matches', expected);
}

test('the whole path on the sample: every section, figures equal to the CLI', async () => {
  const { page, log } = await sample();
  const want = cli(SAMPLE);
  assert.equal(await value(page, 'kpi-customers'), want.customers);
  assert.equal(await value(page, 'kpi-revenue'), want.revenue_total);
  assert.equal(await value(page, 'kpi-profit'), want.profit.total);
  assert.equal(await value(page, 'kpi-top20-share'), want.pareto.top20_share);
  assert.equal(await value(page, 'kpi-gini'), want.pareto.gini);
  assert.equal(await value(page, 'kpi-a-tier'), want.abc.A);
  assert.equal(await value(page, 'kpi-revenue-at-risk'), want.lifecycle_detail.revenue_at_risk);
  assert.equal(await value(page, 'kpi-dependency'), want.concentration.dependency_warning ? 1 : 0);
  assert.equal(await value(page, 'table-matches'), want.customers);
  for (const id of SECTIONS) {
    const section = page.locator(`#sec-${id}`);
    assert.equal(await section.count(), 1, id);
    await page.getByTestId(`nav-${id}`).click();
    await page.waitForFunction((s) => location.hash === `#sec-${s}`, id);
    await section.screenshot({ path: path.join(ROOT, 'tests/browser/screenshots', `40-section-${id}.png`) });
  }
  // The link of the section in view is marked current.
  await page.getByTestId('nav-rfm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="nav-rfm"]').getAttribute('aria-current') === 'true');
  // A reload returns to the same place.
  await page.reload();
  await page.getByTestId('sample-button').click();
  await ready(page);
  await page.waitForFunction(() => {
    const top = document.getElementById('sec-rfm').getBoundingClientRect().top;
    return Math.abs(top) < 80;
  });
  assert.deepEqual(log.errors, []);
});

test('the customer table sorts, searches and filters like the CLI', async () => {
  const { page } = await sample();
  // Rank order first, as the CLI's default.
  assert.deepEqual(await shownIds(page).then((ids) => ids.slice(0, 10)),
    customers(SAMPLE, '--limit', '10').rows.map((r) => r.id));
  // Largest lifetime value first.
  await page.getByTestId('sort-clv').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"] [data-testid="sort-clv"]'));
  const byClv = customers(SAMPLE, '--sort', 'clv', '--desc', '--limit', '10').rows.map((r) => r.id);
  await page.waitForFunction((want) => {
    const ids = [...document.querySelectorAll('[data-testid="customer-table"] tbody tr[data-id]')].map((r) => r.dataset.id);
    return ids.slice(0, 10).join() === want.join();
  }, byClv);
  await screenshot(page, '41-table-by-clv', { fullPage: false });
  // Name, ascending then descending, as the CLI sorts it.
  await page.getByTestId('sort-name').click();
  await page.waitForFunction((want) => {
    const ids = [...document.querySelectorAll('[data-testid="customer-table"] tbody tr[data-id]')].map((r) => r.dataset.id);
    return ids.slice(0, 5).join() === want.join();
  }, customers(SAMPLE, '--sort', 'name', '--limit', '5').rows.map((r) => r.id));
  // Filters: tier, stage, segment and a dimension, each equal to the CLI.
  const want = cli(SAMPLE);
  await page.getByTestId('filter-tier').selectOption('A');
  await matches(page, want.abc.A);
  await page.getByTestId('filter-tier').selectOption('');
  await page.getByTestId('filter-stage').selectOption('dormant');
  await matches(page, want.lifecycle.dormant);
  await page.getByTestId('filter-segment').selectOption('champions');
  const both = customers(SAMPLE, '--stage', 'dormant', '--segment', 'champions');
  await matches(page, both.matches);
  await page.getByTestId('filter-stage').selectOption('');
  await page.getByTestId('filter-segment').selectOption('');
  const region = want.dimensions.find((d) => d.key === 'region').values[0];
  await page.getByTestId('filter-dimension').selectOption({ label: region });
  await matches(page, customers(SAMPLE, '--dimension', `region=${region}`).matches);
  await page.getByTestId('filter-dimension').selectOption('');
  // Search by a name's fragment and by an id.
  const someone = customers(SAMPLE, '--offset', '123', '--limit', '1').rows[0];
  await page.getByTestId('table-search').fill(someone.id.toLowerCase());
  await matches(page, customers(SAMPLE, '--search', someone.id.toLowerCase()).matches);
  assert.ok((await shownIds(page)).includes(someone.id));
  const fragment = someone.name.slice(2, 5);
  await page.getByTestId('table-search').fill(fragment);
  await matches(page, customers(SAMPLE, '--search', fragment).matches);
  await page.getByTestId('table-search').fill('no such customer at all');
  await matches(page, 0);
  await page.getByTestId('table-empty').waitFor();
});

test('a click on a customer opens the card with timeline, scores, CLV and action', async () => {
  const { page } = await sample();
  const first = customers(SAMPLE, '--limit', '1').rows[0];
  const card = customers(SAMPLE, '--card', first.id);
  await page.getByTestId('customer-table').locator(`tr[data-id="${first.id}"]`).click();
  const dialog = page.getByTestId('customer-card');
  await dialog.waitFor();
  await page.getByTestId('card-clv').waitFor();
  assert.equal(await value(page, 'card-revenue'), first.revenue);
  assert.equal(await value(page, 'card-clv'), first.prediction.clv);
  assert.equal(await value(page, 'card-p-alive'), first.prediction.p_alive);
  assert.equal(await page.getByTestId('card-tier').innerText(), first.tier);
  assert.match(await page.getByTestId('card-rfm').innerText(), new RegExp(`R\\s*${first.rfm.r}`));
  assert.ok((await page.getByTestId('card-action').innerText()).length > 10);
  const bars = await page.getByTestId('card-timeline').locator('svg').count();
  assert.equal(bars, 1);
  assert.ok(card.purchases.length > 0);
  await screenshot(page, '42-customer-card');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // Keyboard: a focused row opens with Enter.
  await page.getByTestId('customer-table').locator('tbody tr[data-id]').nth(1).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.getByTestId('card-close').click();
  await dialog.waitFor({ state: 'detached' });
});

test('exports: every customer with tier, segment, stage and CLV; the filtered view', async () => {
  const { page } = await sample();
  const want = cli(SAMPLE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'a BOM so Excel reads Chinese');
  const lines = text.trim().split('\n');
  const header = lines[0].replace('\ufeff', '').split(',');
  for (const column of ['customer_id', 'tier', 'rfm_segment', 'lifecycle_stage', 'clv', 'p_alive']) {
    assert.ok(header.includes(column), column);
  }
  assert.equal(lines.length - 1, want.customers);
  const tiers = { A: 0, B: 0, C: 0 };
  const tierAt = header.indexOf('tier');
  for (const line of lines.slice(1)) tiers[line.split(',')[tierAt]] += 1;
  assert.deepEqual(tiers, want.abc);
  await page.getByTestId('filter-tier').selectOption('B');
  await matches(page, want.abc.B);
  const [view] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-view').click()]);
  const viewLines = fs.readFileSync(await view.path(), 'utf8').trim().split('\n');
  assert.equal(viewLines.length - 1, want.abc.B);
});

test('CDNOW master: 23,570 customers scroll to the last one; sorting and figures equal the CLI', async () => {
  const { page } = await openPage(app);
  await upload(page, CDNOW);
  const want = cli(CDNOW);
  assert.equal(await value(page, 'kpi-customers'), want.customers);
  assert.equal(await value(page, 'kpi-profit'), want.profit.total);
  assert.equal(await value(page, 'table-matches'), 23570);
  // Only a window of rows is in the document.
  assert.ok((await shownIds(page)).length < 200);
  const scroller = page.locator('.vt-scroll');
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = customers(CDNOW, '--offset', String(want.customers - 1), '--limit', '1').rows[0].id;
  await page.getByTestId('customer-table').locator(`tr[data-id="${last}"]`).waitFor();
  await page.getByTestId('sort-revenue').click();
  await page.getByTestId('sort-revenue').click();
  const smallest = customers(CDNOW, '--sort', 'revenue', '--limit', '3').rows.map((r) => r.id);
  await page.waitForFunction((want) => {
    const ids = [...document.querySelectorAll('[data-testid="customer-table"] tbody tr[data-id]')].map((r) => r.dataset.id);
    return ids.slice(0, 3).join() === want.join();
  }, smallest);
  for (const id of SECTIONS) {
    await page.locator(`#sec-${id}`).screenshot({ path: path.join(ROOT, 'tests/browser/screenshots', `43-cdnow-${id}.png`) });
  }
});

test('settings: one panel reruns every section like the CLI flags and is kept across reloads', async () => {
  const { page } = await sample();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tier-a').fill('70');
  await page.getByTestId('settings-horizon').fill('6');
  await page.getByTestId('settings-dormant-days').fill('300');
  await page.getByTestId('settings-currency').selectOption('CNY');
  await page.getByTestId('settings-apply').click();
  const want = cli(SAMPLE, '--abc', '0.7,0.95', '--horizon', '6', '--lifecycle', '90,90,90,300');
  await valueBecomes(page, 'tier-A', want.abc.A);
  await valueBecomes(page, 'clv-total', want.clv.clv_total);
  assert.equal(await value(page, 'kpi-a-tier'), want.abc.A);
  assert.match(await page.getByTestId('kpi-revenue').innerText(), /^¥/);
  await screenshot(page, '44-settings');
  // A bad value is refused, saying which.
  await page.getByTestId('settings-horizon').fill('500');
  await page.getByTestId('settings-apply').click();
  assert.match(await page.getByTestId('settings-error').innerText(), /500/);
  // Kept in this browser: a new visit opens with them.
  await page.reload();
  await page.getByTestId('sample-button').click();
  await ready(page);
  assert.equal(await value(page, 'tier-A'), want.abc.A);
  assert.equal(await value(page, 'clv-total'), want.clv.clv_total);
  assert.match(await page.getByTestId('kpi-revenue').innerText(), /^¥/);
  const stored = await page.evaluate(() => Object.keys(localStorage).map((key) => localStorage.getItem(key)).join('\n'));
  assert.doesNotMatch(stored, /C0\d{4}|有限公司|sample-key/, 'no data is stored');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-reset').click();
  await valueBecomes(page, 'tier-A', cli(SAMPLE).abc.A);
});

/** Latin words a Chinese page may show: names of methods, formats and units. */
const ALLOWED = new Set([
  'RFM', 'CLV', 'BG', 'MBG', 'NBD', 'Pareto', 'Gamma', 'AIC', 'Gini', 'HHI', 'CSV', 'SVG', 'PNG', 'PDF', 'Tierlens',
  'ABC', 'UTF', 'BOM', 'GBK', 'YYYY', 'MM', 'DD', 'VIP', 'CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'HK', 'MAE',
  'csv', 'xlsx', 'txt', 'MB', 'KB', 'Excel',
  // The switch names the other language in that language.
  'English',
]);

/** Visible Latin words outside data cells (ids, names, file names). */
async function latinWords(page) {
  return page.evaluate(() => {
    const words = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('[hidden], .sr-only, .customer-id, .customer-name, [data-user-text], option, script, style')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden' || getComputedStyle(el).display === 'none') continue;
      for (const word of node.textContent.match(/[A-Za-z]{2,}/g) ?? []) {
        const where = el.closest('[data-testid], [id]');
        words.add(`${word} (${where?.dataset.testid ?? where?.id ?? el.tagName})`);
      }
    }
    return [...words];
  });
}

test('the language switch translates every visible string', async () => {
  const { page } = await sample();
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await ready(page);
  const left = (await latinWords(page)).filter((w) => !ALLOWED.has(w.split(' ')[0]));
  assert.deepEqual(left, [], `English left on the Chinese page: ${left.join(' ')}`);
  for (const id of SECTIONS) {
    await page.locator(`#sec-${id}`).screenshot({ path: path.join(ROOT, 'tests/browser/screenshots', `45-zh-${id}.png`) });
  }
  // The numbers follow the locale: 万/亿 and Chinese dates.
  assert.match(await page.getByTestId('kpi-revenue').innerText(), /亿|万/);
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const cjk = await page.locator('.sections h2').evaluateAll((hs) => hs.map((h) => h.textContent).filter((t) => /[\u4e00-\u9fff]/.test(t) && !/CLV/.test(t)));
  assert.deepEqual(cjk, [], 'English headings');
});

test('charts read out the hovered value and save as SVG and PNG', async () => {
  const { page } = await sample();
  const chart = page.getByTestId('tiers-chart');
  await chart.scrollIntoViewIfNeeded();
  const mark = chart.locator('.marks > *').first();
  await mark.hover({ force: true });
  const tip = page.locator('.chart-tooltip');
  await tip.waitFor({ state: 'visible' });
  assert.ok((await tip.innerText()).length > 3);
  await screenshot(page, '46-chart-hover');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tiers-chart-save-svg').click()]);
  assert.match(fs.readFileSync(await svg.path(), 'utf8'), /^<svg|<\?xml/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tiers-chart-save-png').click()]);
  const bytes = fs.readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});

test('the printed report has no controls and runs over several pages', async () => {
  const { page } = await sample();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.sidenav').isVisible(), false);
  assert.equal(await page.getByTestId('settings-apply').isVisible(), false);
  await screenshot(page, '47-print', { fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= SECTIONS.length - 2, `${pages} pages`);
  fs.writeFileSync(path.join(ROOT, 'tests/browser/screenshots/47-report.pdf'), pdf);
});

test('every control has a name, the keyboard reaches the navigation, and a tablet reads it', async () => {
  const { page, context } = await sample();
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => el.offsetParent !== null || el.type === 'file')
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim() || el.closest('label')))
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  // Every chart has a text alternative.
  const bare = await page.locator('.chart svg').evaluateAll((svgs) => svgs.filter((s) => !s.getAttribute('aria-label')).length);
  assert.equal(bare, 0);
  await page.keyboard.press('Tab');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    reached = await page.evaluate(() => document.activeElement?.closest('.sidenav') !== null);
    if (!reached) await page.keyboard.press('Tab');
  }
  assert.ok(reached, 'the navigation is reachable by keyboard');
  const tablet = await context.newPage();
  await tablet.setViewportSize({ width: 820, height: 1180 });
  await tablet.goto(app.url);
  await tablet.getByTestId('sample-button').click();
  await ready(tablet);
  await screenshot(tablet, '48-tablet');
  const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling on a tablet (${overflow}px)`);
});

test('embedded in a portal: ?embed=1 hides the header and a file arrives by postMessage', async () => {
  const { page, log } = await openPage(app);
  await page.goto(`${app.origin}/public/embed-example.html`);
  const frame = page.frameLocator('[data-testid="host-frame"]');
  await frame.getByTestId('sample-button').waitFor();
  assert.equal(await frame.locator('.topbar').count(), 0, 'no header of its own');
  await page.getByTestId('host-sample').click();
  await frame.getByTestId('dashboard-ready').waitFor({ state: 'attached', timeout: 60_000 });
  const want = cli(SAMPLE);
  assert.equal(Number(await frame.getByTestId('kpi-customers').getAttribute('data-value')), want.customers);
  assert.match(await frame.getByTestId('nav-overview').innerText(), /概览|总览/);
  await page.waitForFunction((n) => document.querySelector('[data-testid="host-log"]').dataset.customers === String(n), want.customers);
  await screenshot(page, '49-embedded');
  assert.deepEqual(log.errors, []);
});

test('a page of another origin cannot hand the app a file', async () => {
  const other = await serve(path.join(ROOT, 'dist'));
  try {
    const { page } = await openPage(app);
    const host = `http://127.0.0.1:${other.address().port}`;
    await page.goto(`${host}/public/embed-example.html?app=${encodeURIComponent(`${app.origin}/index.html`)}`);
    const frame = page.frameLocator('[data-testid="host-frame"]');
    await frame.getByTestId('sample-button').waitFor();
    await page.getByTestId('host-sample').click();
    // The app would have answered within this time had it taken the file.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await frame.getByTestId('kpi-customers').count(), 0, 'nothing was analysed');
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});
