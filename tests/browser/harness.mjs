// Shared set-up for the browser suite: serve dist/, drive Debian's Chromium
// with playwright-core, watch every console message and request, and ask
// the CLI for the figures the page must show.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'tests/browser/screenshots');
const CLI = process.env.TIERLENS_CLI ?? path.join(ROOT, 'target/debug/tierlens');

// Chromium must not try to reach anything but the page: this machine has no
// internet, and the privacy promise is that the app never does either.
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions',
];

/** Serves dist/ (optionally under a sub-path only) and launches the browser. */
export async function startApp({ subPath = '' } = {}) {
  const server = await serve(path.join(ROOT, 'dist'), 0, '127.0.0.1', { prefix: subPath });
  const { port } = server.address();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
  const origin = `http://127.0.0.1:${port}`;
  return { server, browser, origin, url: `${origin}${subPath}/` };
}

export async function stopApp(app) {
  await app?.browser?.close();
  await new Promise((resolve) => (app?.server ? app.server.close(resolve) : resolve()));
}

/** A fresh page that records console errors, page errors and every request. */
export async function openPage(app, { locale = 'en-US' } = {}) {
  const context = await app.browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (msg) => msg.type() === 'error' && log.errors.push(msg.text()));
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('request', (req) => log.requests.push(req.url()));
  await page.goto(app.url);
  await page.getByTestId('sample-button').waitFor();
  return { page, context, log };
}

/** The number in an element's data-value. */
export async function value(page, testid) {
  const el = page.getByTestId(testid);
  await el.waitFor();
  return Number(await el.getAttribute('data-value'));
}

/** What `tierlens analyze FILE --json` prints. */
export function cli(file, ...args) {
  return JSON.parse(execFileSync(CLI, ['analyze', file, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), ...options });
}

/** Waits until the dashboard has rendered for the current data. */
export async function ready(page) {
  await page.getByTestId('dashboard-ready').waitFor({ state: 'attached', timeout: 60_000 });
}

/** Waits until `testid`'s data-value is `expected` (after a rerun). */
export async function valueBecomes(page, testid, expected) {
  await page.waitForFunction(
    ([id, want]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el && Number(el.getAttribute('data-value')) === want;
    },
    [testid, expected],
    { timeout: 60_000 },
  );
}
