// The page's side of scripts/bench (not a test: its name does not match
// *.test.mjs). For each file: serve dist/, open the page in headless
// Chromium, hand it the file and time until `dashboard-ready`; then read the
// wasm memory size from the worker and every long task (> 50 ms) the
// page's main thread had, from a PerformanceObserver installed before load.
// Prints one JSON line per file. The time starts once the page's worker
// has loaded (it starts with the page, while the user picks a file).
//
//   node tests/browser/bench-page.mjs FILE...
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions'];

/**
 * Records every long task of the page's main thread from the start, and
 * when the progress bar changes stage (reading, parsing, analysing), so the
 * time can be told per phase.
 */
function observeLongTasks() {
  window.__longTasks = [];
  window.__stages = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = null;
  const watch = () => {
    const bar = document.querySelector('[data-testid="progress"]');
    const stage = bar?.getAttribute('data-stage') ?? (document.querySelector('[data-testid="dashboard-ready"]') ? 'Ready' : null);
    if (stage && stage !== last) {
      last = stage;
      window.__stages.push({ stage, at: performance.now() });
    }
  };
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(watch).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
  });
}

async function measure(browser, url, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(observeLongTasks);
  await page.goto(url);
  await page.getByTestId('sample-button').waitFor();
  // The page starts its worker on load; a user picks a file meanwhile.
  const worker = page.workers()[0] ?? (await page.waitForEvent('worker'));
  await worker.evaluate(() => self.tierlensWasm);
  const before = await page.evaluate(() => window.__longTasks.length);
  const start = Date.now();
  const handed = await page.evaluate(() => performance.now());
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('dashboard-ready').waitFor({ state: 'attached', timeout: 600_000 });
  const seconds = (Date.now() - start) / 1000;
  // Let the last frames paint so their long tasks are counted too.
  await page.waitForTimeout(500);
  const tasks = (await page.evaluate(() => window.__longTasks)).slice(before);
  // Seconds from handing over the file to the start of each stage.
  const stages = {};
  for (const { stage, at } of await page.evaluate(() => window.__stages)) {
    if (at >= handed) stages[stage] ??= +((at - handed) / 1000).toFixed(3);
  }
  const wasmBytes = await worker.evaluate(async () => (await self.tierlensWasm).memory.buffer.byteLength);
  const customers = Number(await page.getByTestId('kpi-customers').getAttribute('data-value'));
  await context.close();
  return {
    file: path.basename(file),
    seconds,
    wasm_mb: wasmBytes / 1e6,
    customers,
    long_tasks: tasks.length,
    longest_task_ms: Math.max(0, ...tasks.map((t) => t.ms)),
    long_task_starts: tasks.map((t) => [+((t.start - handed) / 1000).toFixed(3), Math.round(t.ms)]),
    stages,
    errors,
  };
}

const files = process.argv.slice(2);
const server = await serve(path.join(ROOT, 'dist'), 0, '127.0.0.1');
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
try {
  for (const file of files) console.log(JSON.stringify(await measure(browser, url, path.resolve(file))));
} finally {
  await browser.close();
  server.close();
}
