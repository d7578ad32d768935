// The host side of embedding Tierlens (see embed-example.html).
// Tierlens lives at ../index.html next to this folder; ?app= may point the
// frame elsewhere (the browser tests use it to try another origin).
const frame = document.getElementById('tierlens');
const log = document.getElementById('log');
const app = new URL(new URLSearchParams(location.search).get('app') || '../index.html', location.href);
app.searchParams.set('lang', 'zh');
app.searchParams.set('embed', '1');
frame.src = app.href;

/** Hands Tierlens a file's bytes; targetOrigin is Tierlens's origin only. */
async function send(name, bytes) {
  frame.contentWindow.postMessage({ type: 'tierlens:file', name, bytes }, app.origin);
  log.textContent = `Sent ${name} (${bytes.byteLength.toLocaleString()} bytes)…`;
}

document.getElementById('file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (file) send(file.name, await file.arrayBuffer());
});

document.getElementById('sample').addEventListener('click', async () => {
  // The sample ships beside this page; a portal would use its own export.
  const response = await fetch('sample-key-accounts.csv');
  send('sample-key-accounts.csv', await response.arrayBuffer());
});

window.addEventListener('message', (event) => {
  if (event.origin !== app.origin || !event.data || typeof event.data.type !== 'string') return;
  const m = event.data;
  if (m.type === 'tierlens:ready') log.textContent = 'Tierlens is ready.';
  if (m.type === 'tierlens:accepted') log.textContent = `Tierlens is analysing ${m.name}…`;
  if (m.type === 'tierlens:analysed') {
    log.textContent = `Analysed ${m.name}: ${m.customers.toLocaleString()} customers.`;
    log.dataset.customers = m.customers;
  }
  if (m.type === 'tierlens:failed') log.textContent = `Tierlens could not use the file: ${m.reason}`;
});
