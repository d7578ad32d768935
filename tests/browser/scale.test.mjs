// Scale: a 100 MB, 2-million-row file loads in the worker with a progress
// bar while the page stays usable. The file is generated here, not committed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, stopApp, openPage, value, cli, screenshot, ready } from './harness.mjs';

let app;
let bigFile;

/** 2,000,000 rows over 200,000 customers, padded to just over 100 MB. */
function writeBigFile() {
  const file = path.join(os.tmpdir(), `tierlens-2m-${process.pid}.csv`);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'customer_id,customer_name,date,amount\n');
  const lines = [];
  for (let i = 0; i < 2_000_000; i += 1) {
    const customer = (i * 7919) % 200_000;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(`K${String(customer).padStart(6, '0')},Key account ${customer} trading company,2024-${month}-${day},${(10 + (i % 997) * 1.25).toFixed(2)}`);
    if (lines.length === 100_000) {
      fs.writeSync(fd, lines.join('\n') + '\n');
      lines.length = 0;
    }
  }
  fs.closeSync(fd);
  return file;
}

before(async () => {
  bigFile = writeBigFile();
  app = await startApp();
});
after(async () => {
  await stopApp(app);
  fs.rmSync(bigFile, { force: true });
});

test('a 100 MB, 2-million-row file loads with progress and the page stays usable', async () => {
  assert.ok(fs.statSync(bigFile).size > 100_000_000, 'the file is over 100 MB');
  const { page: p, context, log } = await openPage(app);
  await p.getByTestId('file-input').setInputFiles(bigFile);
  const progress = p.getByTestId('progress');
  await progress.waitFor();
  // While the worker parses, the page's own thread answers clicks.
  await p.locator('progress[data-stage="Parsing"]').waitFor({ timeout: 60_000 });
  assert.ok(Number(await progress.getAttribute('data-rows')) > 0, 'rows are counted as they are parsed');
  await screenshot(p, '10-progress');
  await p.getByTestId('lang-switch').click();
  await p.getByText('正在解析').waitFor();
  await ready(p);
  const expected = cli(bigFile);
  assert.equal(expected.input.rows_read, 2_000_000);
  assert.equal(await value(p, 'rows-read'), 2_000_000);
  assert.equal(await value(p, 'kpi-customers'), 200_000);
  assert.equal(await value(p, 'kpi-revenue'), expected.revenue_total);
  assert.equal(await value(p, 'kpi-top20-share'), expected.pareto.top20_share);
  assert.deepEqual(log.errors, []);
  await context.close();
});
