// The demo's service worker: the page shell (HTML, CSS, the bundle) network-first with a cache fallback, so the
// hub opens offline. API calls are not touched: the SDK caches catalogs itself (IndexedDB, stale-while-revalidate)
// and submissions, orders and payments must never come from a cache.
const CACHE = 'cityhub-demo-shell-v1';
const SHELL = ['./', './index.html', './demo.css', './demo.js', './cityhub.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/catalog/')) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
  }).catch(async () => {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === 'navigate') return (await caches.match('./')) ?? Response.error();
    return Response.error();
  }));
});
