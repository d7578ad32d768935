// Runs after every Trunk build (a post_build hook in Trunk.toml), on the
// staging folder that becomes dist/; also by hand: `node scripts/finish-dist.mjs DIR`.
//
// 1. The Content-Security-Policy in index.html allows no inline script, but
//    Trunk injects one (the wasm loader, naming the hashed file names). Its
//    SHA-256 replaces the 'sha256-TRUNK-LOADER' placeholder, so that script
//    and no other runs.
// 2. Writes sw.js, the service worker that keeps the app shell for offline
//    use: the list of files to cache and a version that changes whenever any
//    file does (so a new deploy replaces the old cache).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PLACEHOLDER = "'sha256-TRUNK-LOADER'";
// Not cached for offline use: the portal example is a demo page.
const NOT_CACHED = new Set(['sw.js', 'public/embed-example.html', 'public/embed-example.js']);

// For debug builds: takes over at once, drops any cache a release build left.
const PASS_THROUGH = `// Debug build: no offline cache (see scripts/finish-dist.mjs).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  const prefix = \`tierlens \${self.registration.scope} \`;
  event.waitUntil(caches.keys().then((keys) =>
    Promise.all(keys.filter((k) => k.startsWith(prefix)).map((k) => caches.delete(k)))));
});
`;

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('usage: node scripts/finish-dist.mjs DIR (or run as a Trunk post_build hook)');
  process.exit(2);
}

fillScriptHashes(path.join(dir, 'index.html'));
if (process.env.TRUNK_PROFILE === 'debug') {
  // `trunk serve` rebuilds on every edit: a cache would serve the old build.
  fs.writeFileSync(path.join(dir, 'sw.js'), PASS_THROUGH);
  console.log('finish-dist: debug build, sw.js caches nothing');
} else {
  writeServiceWorker(dir);
}

/** Every inline <script>'s hash in place of the placeholder. */
function fillScriptHashes(file) {
  const html = fs.readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  if (!html.includes(PLACEHOLDER)) {
    throw new Error(`${file}: no ${PLACEHOLDER} in the Content-Security-Policy`);
  }
  fs.writeFileSync(file, html.replace(` ${PLACEHOLDER}`, hashes.map((h) => ` ${h}`).join('')));
  console.log(`finish-dist: ${hashes.length} inline script(s) allowed by hash in ${file}`);
}

/** sw.js with every file of the folder (paths relative to it) and a version. */
function writeServiceWorker(root) {
  const files = listFiles(root).filter((f) => !NOT_CACHED.has(f));
  const version = crypto.createHash('sha256');
  for (const f of files) version.update(f).update(fs.readFileSync(path.join(root, f)));
  const template = fs.readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
  const sw = template
    .replace("'__VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
    .replace("['__FILES__']", JSON.stringify(['./', ...files], null, 2));
  fs.writeFileSync(path.join(root, 'sw.js'), sw);
  console.log(`finish-dist: sw.js caches ${files.length} files for offline use`);
}

function listFiles(root, prefix = '') {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, rel) : [rel];
  }).sort();
}
