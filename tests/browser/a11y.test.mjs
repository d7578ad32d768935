// Accessibility to axe-core 4's rules: the dashboard on the sample, every
// section rendered, has no serious or critical violation, in English and
// in Chinese. axe comes from the npm registry (a dev dependency here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { startApp, stopApp, openPage, ready } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');


let app;
before(async () => { app = await startApp(); });
after(async () => { await stopApp(app); });

/** axe's serious and critical violations on the sample's dashboard. */
async function violations(locale) {
  const { page, context } = await openPage(app, { locale });
  await page.getByTestId('sample-button').click();
  await ready(page);
  // Through the DevTools protocol, so the page's CSP does not apply to it.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, count: v.nodes.length,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const lang = await page.evaluate(() => document.documentElement.lang);
  await context.close();
  return { lang, bad: found.filter((v) => ['serious', 'critical'].includes(v.impact)) };
}

for (const [locale, lang] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
  test(`axe finds nothing serious or critical on the dashboard (${lang})`, async () => {
    const { lang: shown, bad } = await violations(locale);
    assert.match(shown, new RegExp(`^${lang}`), 'the page is in the language under test');
    assert.deepEqual(bad, [], JSON.stringify(bad, null, 1));
  });
}
