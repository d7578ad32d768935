// The Excel export: the page's workbook, built in the analysis worker, is
// byte for byte the CLI's `--customers-xlsx` for the same file and
// language (tests/xlsx.rs reads that one back with calamine and checks
// every cell against the CSV); it downloads as an .xlsx with the
// spreadsheet MIME type, the button says it is working meanwhile, and the
// buttons fit a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, startApp, stopApp, openPage, ready, screenshot } from './harness.mjs';

const SAMPLE = path.join(ROOT, 'public/sample-key-accounts.csv');
const CLI = process.env.TIERLENS_CLI ?? path.join(ROOT, 'target/debug/tierlens');
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let app;
before(async () => { app = await startApp(); });
after(async () => { await stopApp(app); });

/** The CLI's workbook of `file` in `lang`. */
/** The CLI's workbook of the sample with its customer master (the sample button loads both). */
function cliWorkbook(file, lang) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tierlens-xlsx-')), 'c.xlsx');
  const master = path.join(ROOT, 'public/sample-customer-master.csv');
  execFileSync(CLI, ['analyze', file, '--master', master, '--customers-xlsx', out, '--lang', lang], { stdio: 'ignore' });
  return fs.readFileSync(out);
}

/** Records the labels the Excel button shows and the type of every blob offered. */
async function watch(page) {
  await page.evaluate(() => {
    window.__labels = [];
    window.__blobTypes = [];
    const button = document.querySelector('[data-testid="export-xlsx"]');
    new MutationObserver(() => window.__labels.push(button.textContent)).observe(button, { subtree: true, childList: true, characterData: true });
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => { window.__blobTypes.push(blob.type); return create(blob); };
  });
}

async function downloadWorkbook(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

for (const [width, height, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
  test(`the page's workbook is the CLI's, in English and Chinese (${tag})`, async () => {
    const { page, context, log } = await openPage(app);
    await page.setViewportSize({ width, height });
    await page.getByTestId('sample-button').click();
    await ready(page);
    await page.getByTestId('export-xlsx').scrollIntoViewIfNeeded();
    await watch(page);

    const english = await downloadWorkbook(page);
    assert.equal(english.name, 'tierlens-customers.xlsx');
    assert.equal(english.bytes.subarray(0, 2).toString(), 'PK', 'a zip');
    assert.ok(english.bytes.equals(cliWorkbook(SAMPLE, 'en')), 'the page and the CLI wrote the same workbook');
    const state = await page.evaluate(() => ({ labels: window.__labels, types: window.__blobTypes }));
    assert.ok(state.labels.includes('Building the workbook…'), `working label: ${JSON.stringify(state.labels)}`);
    assert.deepEqual(state.types, [XLSX_MIME]);
    const button = page.getByTestId('export-xlsx');
    assert.equal(await button.textContent(), 'Export customers (Excel)');
    assert.equal(await button.isEnabled(), true);

    // The three export buttons stay on the screen at this width (they wrap).
    for (const id of ['export-view', 'export-csv', 'export-xlsx']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `${id} fits: ${JSON.stringify(box)}`);
    }
    await page.locator('.table-exports').screenshot({ path: path.join(ROOT, `tests/browser/screenshots/xlsx-buttons-${tag}.png`) });
    await screenshot(page, `xlsx-${tag}`);

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('export-xlsx').waitFor();
    assert.equal(await page.getByTestId('export-xlsx').textContent(), '导出客户表（Excel）');
    const chinese = await downloadWorkbook(page);
    assert.ok(chinese.bytes.equals(cliWorkbook(SAMPLE, 'zh')), 'the Chinese workbook is the CLI\'s --lang zh');
    assert.ok(!chinese.bytes.equals(english.bytes), 'the headers differ by language');
    await page.getByTestId('export-xlsx').scrollIntoViewIfNeeded();
    await screenshot(page, `xlsx-${tag}-zh`);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}
