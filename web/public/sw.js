/*
 * Vmeste service worker. It keeps the app shell (HTML, scripts, styles, icons) so the app opens
 * without a network, and the last copy of the reference data (categories, districts, map settings)
 * so a report can still be written offline. Everything else under /api/ always goes to the network.
 */
try {
  // Written by the build: { version, files } listing every emitted file.
  importScripts('/sw-precache.js');
} catch {
  // Not built (development): cache only the entry page.
}

const precache = self.__VMESTE_PRECACHE__ || { version: 'dev', files: ['/', '/index.html'] };
const SHELL_CACHE = `vmeste-shell-${precache.version}`;
const DATA_CACHE = 'vmeste-data-v1';
const referenceData = new Set(['/api/v1/categories', '/api/v1/territories', '/api/v1/config', '/api/v1/organisations']);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(precache.files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('vmeste-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackUrl) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(fallbackUrl ?? request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(fallbackUrl ?? request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith('/api/')) {
    if (referenceData.has(url.pathname)) event.respondWith(networkFirst(request, DATA_CACHE));
    return;
  }
  if (url.pathname.startsWith('/open311/') || url.pathname === '/metrics') return;

  if (request.mode === 'navigate') {
    // Every page is the same single-page app: the last index.html serves any route offline.
    event.respondWith(networkFirst(request, SHELL_CACHE, '/index.html'));
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || precache.files.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
