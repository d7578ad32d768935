// Every section readable on a phone and on a desktop, in both languages
// (issue 23): the page never wider than the screen, wide tables scrolling
// in their own box, chart text never under 11 px, targets of 44 px, a tap
// that reads a chart out, the landing's templates read back by the CLI,
// the service recommendations whole at 1440 px, and an in-app browser
// with no localStorage and no service worker. One page load per width and
// language; the screenshots go to target/phone-shots/ (not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startApp, stopApp, ready, cli } from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/phone-shots');
// A phone as Chromium emulates it: touch, a mobile user agent (WeCom's
// in-app browser names itself wxwork), the viewport meta tag honoured.
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) '
    + 'Chrome/126.0.0.0 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh',
};
const DESKTOP = { viewport: { width: 1440, height: 900 } };
const MIME = ['text/csv', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
const ROLES = ['customer', 'customer_name', 'industry', 'region', 'account_manager', 'date', 'amount', 'cost'];

let app;
before(async () => {
  app = await startApp();
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await stopApp(app); });

/** A fresh context and page at `device`, the sample not yet loaded. */
async function open(device, locale, { blocked = false } = {}) {
  const context = await app.browser.newContext({
    ...device, locale, acceptDownloads: true, serviceWorkers: blocked ? 'block' : 'allow',
  });
  if (blocked) {
    // As some in-app browsers do: both APIs throw on the first touch.
    await context.addInitScript(() => {
      const refuse = () => { throw new DOMException('blocked by the in-app browser', 'SecurityError'); };
      Object.defineProperty(window, 'localStorage', { get: refuse });
      Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: refuse });
    });
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(app.url);
  await page.getByTestId('sample-button').waitFor();
  return { context, page, errors };
}

/** How far the page runs past the screen, in px (0: it does not). */
async function pageOverflow(page, width) {
  return page.evaluate((w) => Math.max(document.documentElement.scrollWidth - innerWidth,
    document.documentElement.scrollWidth - w, 0), width);
}

/** In `section`: tables whose overflow is not held by their own scroll
 * box, and elements reaching past the screen outside any box that scrolls. */
async function spills(page, section) {
  return page.evaluate((id) => {
    const root = document.getElementById(id);
    const wrong = [];
    for (const table of root.querySelectorAll('table')) {
      const box = table.closest('.table-scroll, .vt-scroll');
      if (!box) { wrong.push(`${table.dataset.testid ?? table.className}: no scroll box`); continue; }
      const r = box.getBoundingClientRect();
      if (r.right > innerWidth + 1) wrong.push(`${table.dataset.testid ?? table.className}: box ends at ${r.right}`);
      if (getComputedStyle(box).overflowX !== 'auto') wrong.push(`${table.dataset.testid}: box does not scroll`);
      if (table.getBoundingClientRect().width > box.clientWidth + 1 && box.scrollWidth <= box.clientWidth) {
        wrong.push(`${table.dataset.testid}: wider than its box, which does not scroll`);
      }
      if (box.tabIndex !== 0 || box.getAttribute('role') !== 'region' || !box.getAttribute('aria-label')) {
        wrong.push(`${table.dataset.testid ?? table.className}: box not a named, focusable region`);
      }
    }
    for (const el of root.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= innerWidth + 1) continue;
      let up = el.parentElement;
      while (up && up !== root && getComputedStyle(up).overflowX === 'visible') up = up.parentElement;
      if (up === root || !up) wrong.push(`${el.tagName}.${el.className} ends at ${Math.round(r.right)}`);
    }
    return wrong.slice(0, 10);
  }, section);
}

/** Chart text in `section` drawn under 11 px on screen. */
async function smallText(page, section) {
  return page.evaluate((id) => {
    const small = [];
    for (const svg of document.querySelectorAll(`#${id} .chart svg`)) {
      const shown = svg.getBoundingClientRect().width;
      // Charts of the printed report only (the findings' three) are not drawn on screen.
      if (shown === 0) continue;
      const scale = shown / svg.viewBox.baseVal.width;
      for (const text of svg.querySelectorAll('text')) {
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (text.textContent.trim() && px < 10.95) small.push(`${text.textContent} ${px.toFixed(1)}px`);
      }
    }
    return small.slice(0, 5);
  }, section);
}

/** Every dashboard section, in page order, from the navigation. */
async function sections(page) {
  return page.getByTestId('nav').locator('a').evaluateAll((links) => links.map((a) => a.hash.slice(1)));
}

/** Goes to `id` through the navigation and checks the section there. */
async function visit(page, id, width, tag) {
  const link = page.locator(`.sidenav a[href="#${id}"]`);
  await link.click();
  await page.waitForFunction((h) => document.querySelector(`.sidenav a[href="#${h}"]`)?.getAttribute('aria-current') === 'true', id);
  assert.equal(await pageOverflow(page, width), 0, `${tag} ${id}: the page is wider than the screen`);
  assert.deepEqual(await spills(page, id), [], `${tag} ${id}`);
  if (width < 600) {
    assert.deepEqual(await smallText(page, id), [], `${tag} ${id}: chart text under 11 px`);
    // The bar brings the current section's link into its view.
    await page.waitForFunction((h) => {
      const a = document.querySelector(`.sidenav a[href="#${h}"]`);
      const bar = a.closest('ul').getBoundingClientRect();
      const r = a.getBoundingClientRect();
      return r.left >= bar.left - 1 && r.right <= bar.right + 1;
    }, id);
    await page.locator(`#${id}`).screenshot({ path: path.join(SHOTS, `${tag}-${id}.png`) });
  }
}

/** Downloads the template `testid` and checks the CLI maps every role
 * from its headers, with no decision made on weak evidence. */
async function checkTemplate(page, testid, tag) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = path.join(SHOTS, `${tag}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  const got = cli(file);
  assert.deepEqual(Object.keys(got.input.columns).sort(), [...ROLES].sort(), `${tag} ${testid}`);
  assert.deepEqual(got.input.decisions, [], `${tag} ${testid}`);
  assert.equal(got.input.rows_read, 3);
  assert.equal(got.input.rows_rejected, 0);
}

for (const [device, width] of [[PHONE, 390], [DESKTOP, 1440]]) {
  for (const locale of ['en-US', 'zh-CN']) {
    const tag = `${width}-${locale}`;
    test(`every section fits ${width} px in ${locale}, wide tables scrolling in their box`, async () => {
      const { context, page, errors } = await open(device, locale);
      // The landing: a picture of what comes, the files it takes, templates.
      await page.getByTestId('preview').waitFor();
      assert.equal(await page.locator('.finding').count(), 3);
      assert.equal(await pageOverflow(page, width), 0, `${tag} landing`);
      const accept = await page.getByTestId('file-input').getAttribute('accept');
      for (const type of MIME) assert.ok(accept.split(',').includes(type), `accept lists ${type}`);
      assert.equal(await page.getByTestId('no-storage-note').count(), 0, 'nothing to say where storage works');
      if (width < 600) {
        await page.screenshot({ path: path.join(SHOTS, `${tag}-landing.png`), fullPage: true });
        await checkTemplate(page, 'template-csv', tag);
        await checkTemplate(page, 'template-xlsx', tag);
      }
      await page.getByTestId('sample-button').click();
      await ready(page);
      const ids = await sections(page);
      for (const id of ids) await visit(page, id, width, tag);
      if (width < 600) {
        // The narrowest and the widest common phones hold too.
        for (const narrow of [360, 414]) {
          await page.setViewportSize({ width: narrow, height: 800 });
          assert.equal(await pageOverflow(page, narrow), 0, `${narrow} px: the page is wider than the screen`);
          for (const id of ids) assert.deepEqual(await spills(page, id), [], `${narrow} px ${id}`);
        }
        await page.setViewportSize(PHONE.viewport);
        // Targets a finger can hit, print within reach, a tap's readout.
        const small = await page.locator('.sidenav a, .sidenav button, .intake button, .chart-tool').evaluateAll(
          (els) => els.map((e) => [e.textContent, e.getBoundingClientRect().height]).filter(([, h]) => h > 0 && h < 43.5));
        assert.deepEqual(small, [], 'touch targets of 44 px');
        assert.ok(await page.getByTestId('print-report').isVisible());
        await page.locator('.sidenav a[href="#sec-tiers"]').click();
        const mark = page.locator('[data-testid="tiers-chart"] [data-readout]').first();
        await mark.scrollIntoViewIfNeeded();
        await mark.tap();
        const tip = page.locator('.chart-tooltip');
        await tip.waitFor();
        assert.equal(await tip.textContent(), await mark.getAttribute('data-readout'));
      } else {
        // The service recommendations are whole, not cut off mid-sentence.
        const cut = await page.locator('textarea.service').evaluateAll(
          (boxes) => boxes.filter((b) => b.scrollHeight > b.clientHeight + 1).map((b) => b.dataset.testid));
        assert.deepEqual(cut, [], 'every recommendation shows whole');
        await page.locator('#sec-tiers').screenshot({ path: path.join(SHOTS, `${tag}-sec-tiers.png`) });
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('an in-app browser with no localStorage and no service worker still analyses, and says so once', async () => {
  const { context, page, errors } = await open(PHONE, 'zh-CN', { blocked: true });
  const note = page.getByTestId('no-storage-note');
  await note.waitFor();
  assert.equal(await note.count(), 1);
  assert.match(await note.textContent(), /不允许页面保存/);
  await page.getByTestId('sample-button').click();
  await ready(page);
  const want = cli(path.join(ROOT, 'public/sample-key-accounts.csv'), '--master', path.join(ROOT, 'public/sample-customer-master.csv'));
  assert.equal(Number(await page.getByTestId('kpi-customers').getAttribute('data-value')), want.customers);
  // A setting still applies for this visit, with nowhere to keep it.
  await page.getByTestId('tier-a').fill('70');
  await page.getByTestId('apply-tiers').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="tier-A"]') !== null);
  assert.deepEqual(errors, []);
  await context.close();
});
