// Value distributions (issue 28): revenue, profit and lifetime value per
// customer as log-binned histograms. Their figures equal the CLI's JSON,
// each bar's readout counts the CLI's customers, no two labels of a chart
// overlap at a phone's and a desktop's width in either language, and the
// split draws one small multiple per value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startApp, stopApp, openPage, value, cli, screenshot, ready } from './harness.mjs';

const SAMPLE = path.join(ROOT, 'public/sample-key-accounts.csv');
// The sample button loads the log and its customer master.
const MASTER = path.join(ROOT, 'public/sample-customer-master.csv');
const CHARTS = { revenue: 'distribution-revenue-chart', profit: 'distribution-profit-chart', clv: 'clv-distribution-chart' };
let app;
let want;

before(async () => {
  app = await startApp();
  want = cli(SAMPLE, '--master', MASTER).distributions;
});
after(() => stopApp(app));

/** Pairs of text elements of the chart whose boxes overlap (by more than a pixel). */
function overlaps(page, testid) {
  return page.evaluate((id) => {
    const boxes = [...document.querySelectorAll(`[data-testid="${id}"] svg text`)]
      .filter((t) => t.textContent.trim() !== '')
      .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
    const clash = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, b] = [boxes[i].box, boxes[j].box];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) clash.push(`${boxes[i].text} / ${boxes[j].text}`);
      }
    }
    return clash;
  }, testid);
}

for (const [width, locale] of [[1440, 'en-US'], [390, 'zh-CN'], [1440, 'zh-CN'], [390, 'en-US']]) {
  test(`the three distributions equal the CLI's and their labels never overlap (${width} px, ${locale})`, async () => {
    const { page, context, log } = await openPage(app, { locale });
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('sample-button').click();
    await ready(page);
    for (const [measure, testid] of Object.entries(CHARTS)) {
      const d = want[measure];
      const customers = d.bins.reduce((n, b) => n + b.customers, 0);
      assert.equal(await value(page, `distribution-${measure}-customers`), customers, measure);
      assert.equal(await value(page, `distribution-${measure}-median`), d.median, measure);
      assert.equal(await value(page, `distribution-${measure}-mean`), d.mean, measure);
      // One readout per bin, each naming its bin's customers.
      const readouts = await page.locator(`[data-testid="${testid}"] [data-readout]`).evaluateAll(
        (els) => els.map((e) => e.getAttribute('data-readout')));
      assert.equal(readouts.length, d.bins.length, measure);
      const counts = readouts.map((r) => Number(r.split(' · ')[1].match(/[\d,]+/)[0].replace(/,/g, '')));
      assert.deepEqual(counts, d.bins.map((b) => b.customers), measure);
      // Heavy tails shown: no bar holds half the customers.
      assert.ok(Math.max(...d.bins.map((b) => b.customers)) < customers / 2, measure);
      assert.deepEqual(await overlaps(page, testid), [], `${measure} at ${width}`);
    }
    await page.getByTestId(CHARTS.revenue).scrollIntoViewIfNeeded();
    await screenshot(page, `distributions-${width}-${locale}`);
    if (width === 1440 && locale === 'en-US') {
      await page.getByTestId('split-by').selectOption('region');
      const multiples = page.getByTestId('distribution-split').locator('.small-multiple');
      const regions = cli(SAMPLE, '--master', MASTER).splits.find((s) => s.key === 'region').slices.length;
      await multiples.first().waitFor();
      assert.equal(await multiples.count(), regions);
      await page.getByTestId('distribution-split').scrollIntoViewIfNeeded();
      await screenshot(page, 'distributions-split');
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}
