// Tierlens's service worker: keeps the app shell so the page opens and
// analyses files with the network cut. scripts/finish-dist.mjs writes it
// into dist/ as sw.js with the build's file list and version.
//
// It only ever answers GET requests for its own origin from its own cache
// and otherwise passes them to the network untouched. It sends nothing
// anywhere and never sees a user's file: files are read from disk by the
// page, not fetched.
const VERSION = '__VERSION__';
const FILES = ['__FILES__'];
// One cache per folder the app is served from, so two copies on one
// origin (say /tierlens/ and /tierlens-test/) never evict each other.
const PREFIX = `tierlens ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // cache: 'reload' skips the HTTP cache, so the files match this version.
  const requests = FILES.map((f) => new Request(f, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

// A new version takes over once every tab of the old one is closed (no
// skipWaiting): a running page keeps the files it started with.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // ?lang=zh&embed=1 is read by the page; the cached index.html serves them all.
  const options = { ignoreSearch: request.mode === 'navigate' };
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, options)).then((hit) => hit ?? fetch(request)),
  );
});
