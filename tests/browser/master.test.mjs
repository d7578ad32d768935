// A customer master beside the log (issue 26): two files dropped at once
// (master first, so the page must tell them apart), the join in the import
// report, and the customer-share section equal to the CLI's JSON, at a
// desktop and a phone width; a master added after the log; the sample
// button loads both; markup in the master stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { ROOT, startApp, stopApp, openPage, value, cli, screenshot, ready } from './harness.mjs';

const LOG = path.join(ROOT, 'public/sample-key-accounts.csv');
const MASTER = path.join(ROOT, 'public/sample-customer-master.csv');
let app;

before(async () => {
  app = await startApp();
});
after(async () => {
  await stopApp(app);
});

/** Drops files on the drop zone in one DataTransfer, as a user's drag does. */
async function drop(page, files) {
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    const zone = document.querySelector('[data-testid="drop-zone"]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

async function checkFigures(p, e) {
  const m = e.master;
  assert.equal(await value(p, 'master-matched'), m.matched);
  assert.equal(await value(p, 'master-log-only'), m.log_only.customers);
  assert.equal(await value(p, 'master-prospects'), m.master_only.customers);
  assert.equal(await value(p, 'master-duplicates'), m.duplicate_ids);
  const s = e.customer_share;
  assert.equal(await value(p, 'share-total'), s.share);
  assert.equal(await value(p, 'share-potential'), s.potential_total);
  assert.equal(await value(p, 'share-revenue'), s.revenue);
  assert.equal(await value(p, 'share-headroom'), s.headroom_total);
  assert.equal(await value(p, 'share-customers'), s.customers);
  assert.equal(await value(p, 'share-questions'), s.questions.customers);
  for (const q of ['grow', 'defend', 'maintain', 'deprioritise']) {
    assert.equal(await value(p, `share-${q}`), s.quadrants[q].customers, q);
  }
  assert.equal(await value(p, 'kpi-customers'), e.customers, 'prospects get no tier');
}

test('a log and its master dropped together: the join and customer share equal the CLI', async () => {
  const { page: p, context, log } = await openPage(app);
  const e = cli(LOG, '--master', MASTER);
  assert.ok(e.customer_share.questions.customers > 0 && e.master.log_only.customers > 0);
  await drop(p, [
    { name: 'sample-customer-master.csv', text: fs.readFileSync(MASTER, 'utf8') },
    { name: 'sample-key-accounts.csv', text: fs.readFileSync(LOG, 'utf8') },
  ]);
  await ready(p);
  await checkFigures(p, e);
  assert.match(await p.getByTestId('master-wins').textContent(), /Region/);
  // The master's own label column is a dimension like the log's.
  const dims = await p.getByTestId('split-by').locator('option').allTextContents();
  assert.ok(dims.some((d) => d.includes('合作模式')), dims.join('|'));
  const first = e.customer_share.quadrants.grow.list[0];
  assert.match(await p.getByTestId('share-list').locator('tbody tr').first().textContent(), new RegExp(first.id));
  const svg = p.getByTestId('share-chart').locator('svg');
  assert.ok((await svg.locator('circle').count()) > 100, 'the quadrant draws its customers');
  await p.getByTestId('customer-share').scrollIntoViewIfNeeded();
  await screenshot(p, '90-master-share-desktop');
  await p.getByTestId('master-join').scrollIntoViewIfNeeded();
  await screenshot(p, '91-master-join-desktop');
  // A phone: the same figures, and nothing wider than the screen.
  await p.setViewportSize({ width: 390, height: 844 });
  await checkFigures(p, e);
  // Nothing in the two sections reaches past the screen, but inside a scroller.
  const wide = await p.evaluate(() => {
    const over = [];
    for (const id of ['customer-share', 'master-join']) {
      const root = document.querySelector(`[data-testid="${id}"]`);
      for (const el of root.querySelectorAll('*')) {
        let a = el.parentElement, scrolled = false;
        for (; a && a !== root.parentElement; a = a.parentElement) {
          if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) scrolled = true;
        }
        const r = el.getBoundingClientRect();
        if (!scrolled && r.width > 0 && r.right > 391) over.push(`${id}: ${el.tagName}.${el.className} ${Math.round(r.right)}`);
      }
    }
    return over;
  });
  assert.deepEqual(wide, [], 'the sections fit a phone');
  await p.getByTestId('customer-share').scrollIntoViewIfNeeded();
  await screenshot(p, '92-master-share-phone');
  await p.getByTestId('master-join').scrollIntoViewIfNeeded();
  await screenshot(p, '93-master-join-phone');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a master added after the log, with markup and a duplicate id, in Chinese', async () => {
  const { page: p, context, log } = await openPage(app, { locale: 'zh-CN' });
  const csv = 'customer_id,date,amount\n00042,2025-01-05,100\nB,2025-02-01,50\nC,2025-03-01,20\n';
  const master = 'customer_id,industry,potential\n00042,<img src=x onerror=alert(1)>,400\n42,Retail,99\nB,Retail,10\nC,Mining,30\nC,Mining,31\n';
  await p.getByTestId('file-input').setInputFiles({ name: 'log.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await ready(p);
  assert.equal(await p.getByTestId('master-matched').count(), 0);
  await p.getByTestId('master-input').first().setInputFiles({ name: 'master.csv', mimeType: 'text/csv', buffer: Buffer.from(master) });
  await p.getByTestId('master-matched').waitFor();
  await ready(p);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierlens-master-'));
  fs.writeFileSync(path.join(dir, 'log.csv'), csv);
  fs.writeFileSync(path.join(dir, 'master.csv'), master);
  const e = cli(path.join(dir, 'log.csv'), '--master', path.join(dir, 'master.csv'));
  assert.equal(e.master.matched, 2, '00042 and B; 42 is not 00042');
  await checkFigures(p, e);
  assert.match(await p.getByTestId('master-duplicates-list').textContent(), /C.*5, 6/);
  assert.equal(await p.locator('img[src="x"]').count(), 0, 'markup in the master stays text');
  await p.getByTestId('master-join').scrollIntoViewIfNeeded();
  await screenshot(p, '94-master-added-zh');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the sample button loads the log and its master', async () => {
  const { page: p, context } = await openPage(app);
  await p.getByTestId('sample-button').click();
  await ready(p);
  const e = cli(LOG, '--master', MASTER);
  assert.equal(await value(p, 'master-matched'), e.master.matched);
  assert.equal(await value(p, 'share-total'), e.customer_share.share);
  await context.close();
});
