// A static file server for dist/: loopback only, correct MIME types
// (application/wasm lets the browser compile while downloading), no caching
// surprises. Used by scripts/serve and by the browser tests.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `root` on `host`:`port` (0 picks a free port); resolves to the server.
 * `headers` are added to every response (say, a Content-Security-Policy with
 * frame-ancestors); with a `prefix` such as "/tools/tierlens" the folder is
 * served under that path only, as an intranet portal would host it.
 */
export function serve(root, port = 0, host = '127.0.0.1', { headers = {}, prefix = '' } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let file = path.normalize(path.join(base, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', ...headers }).end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  // Who may frame the app: only pages of this origin (README, SECURITY).
  const headers = { 'content-security-policy': "frame-ancestors 'self'", 'x-content-type-options': 'nosniff' };
  const server = await serve(root, Number(port), '127.0.0.1', { headers });
  const { address, port: bound } = server.address();
  console.log(`Tierlens is served at http://${address}:${bound}/  (Ctrl+C stops it)`);
}
