// The printed report (Save as PDF) on the sample: at most 12 A4 pages, and
// page 1 is the summary a director reads: the file, the period, the
// findings (the CLI's sentences) and the three charts that carry them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, startApp, stopApp, openPage, ready, cli } from './harness.mjs';

const SAMPLE = path.join(ROOT, 'public/sample-key-accounts.csv');
// A4 less the report's @page margins (12 mm at the sides, 14 mm top and
// bottom), in CSS pixels of 96 per inch.
const PAGE = { width: Math.floor((186 / 25.4) * 96), height: Math.floor((269 / 25.4) * 96) };

let app;
before(async () => { app = await startApp(); });
after(async () => { await stopApp(app); });

test('the sample prints in at most 12 A4 pages, the findings on page 1', async () => {
  const { page } = await openPage(app);
  await page.getByTestId('sample-button').click();
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize(PAGE);
  const findings = page.getByTestId('findings');
  const want = cli(SAMPLE).findings.map((f) => f.text_en);
  assert.ok(want.length >= 5 && want.length <= 8, `${want.length} findings`);
  assert.deepEqual(await findings.locator('li').allInnerTexts(), want);
  // The findings are what page 1 begins with, and they end on it, with
  // the three charts, the file and the period.
  const box = await findings.boundingBox();
  assert.ok(box.y < 40, `the findings start at the top (${box.y}px)`);
  assert.ok(box.y + box.height <= PAGE.height, `page 1 holds them (${box.y + box.height}px of ${PAGE.height})`);
  assert.equal(await findings.locator('.findings-charts svg').count(), 3);
  assert.match(await findings.locator('.meta').innerText(), /sample-key-accounts\.csv.*2023.*2025/);
  // No control remains; the buttons that carry figures (quadrant and segment
  // names, the migration matrix's cells, the customer types' cards) print as text.
  const figures = 'td > button.link, button.matrix-cell, button.type-card';
  assert.ok((await page.locator(figures).evaluateAll(
    (els) => els.filter((el) => el.getClientRects().length > 0 && el.innerText.trim()).length,
  )) >= 20, 'the labels and figures of buttons are printed');
  const controls = await page.locator(`button:not(${figures.replaceAll(', ', '):not(')}), select, input`).evaluateAll(
    (els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(controls, []);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, 'report.pdf'), pdf);
  assert.ok(pages >= 2 && pages <= 12, `${pages} pages`);
});

test('the Chinese report fits in 12 A4 pages too, its findings in Chinese', async () => {
  const { page } = await openPage(app, { locale: 'zh-CN' });
  await page.getByTestId('sample-button').click();
  await ready(page);
  const want = cli(SAMPLE).findings.map((f) => f.text_zh);
  assert.deepEqual(await page.getByTestId('findings').locator('li').allInnerTexts(), want);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 2 && pages <= 12, `${pages} pages`);
});
