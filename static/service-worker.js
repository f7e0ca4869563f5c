// fromlab's service worker: it keeps every file of one build in a cache, so after the
// first visit the whole app (lessons, playground, quizzes, the analysis worker) works with
// no network, from whatever sub-path the site is served.
//
// This file is a template. The Trunk post-build hook (scripts/service-worker.mjs) copies
// it into the build as `service-worker.js` and replaces the MANIFEST line below with the
// build's version and every file in dist/ with its SHA-256. A new build therefore makes a
// byte-different worker, which is how the browser notices an update.
//
// Strategy, for requests inside the worker's scope only (nothing else is touched):
// - every file of the build, index.html included, is served cache-first from this build's
//   cache. The page and the modules it loads always come from one build, offline or not;
// - a new build is downloaded by the new worker while the old one keeps serving. The new
//   worker then waits: the page shows "A new version of fromlab is ready" and its Reload
//   button sends `skip-waiting`. When no page of the old build is open any more, the
//   browser activates the new worker by itself, so the next visit gets the new build;
// - on activation the caches of older builds (of this scope only) are deleted.
//
// A debug build (`trunk serve`) ships this file with `retire: true`: it replaces any
// worker a release build left on the same address, deletes its caches and unregisters,
// so live reload is never answered from a stale cache.

'use strict';

const MANIFEST = { build: 'unbuilt', retire: true, files: [] }; // written by scripts/service-worker.mjs

const SCOPE = new URL(self.registration.scope);
// Caches belong to the origin, not the scope: two copies of fromlab under different paths
// of one host must never delete each other's files.
const CACHE_PREFIX = `fromlab:${SCOPE.pathname}:`;
const CACHE = CACHE_PREFIX + MANIFEST.build;
const FILES = new Map(MANIFEST.files.map((file) => [file.path, file.sha256]));

/** The absolute URL of a file of the build, given its path relative to the scope. */
function urlOf(path) {
  return new URL(path, SCOPE).href;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One file of the build as a response to keep, checked against the manifest. A file whose
 * bytes differ (a host half-way through a deployment, a proxy that rewrites) fails the
 * install, so the previous build keeps serving and the browser tries again later.
 */
async function fetchChecked(path, sha256) {
  const url = urlOf(path);
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX)) continue;
    const kept = await (await caches.open(name)).match(url);
    if (kept && hex(await crypto.subtle.digest('SHA-256', await kept.clone().arrayBuffer())) === sha256) {
      return kept;
    }
  }
  // The HTTP cache first (the page has just loaded most of these files), then the
  // server, bypassing any cache, when what came back is not this build's file.
  for (const mode of ['default', 'reload']) {
    const response = await fetch(new Request(url, { cache: mode, credentials: 'same-origin' }));
    if (!response.ok) {
      throw new Error(`fromlab offline cache: ${path} answered ${response.status}`);
    }
    const bytes = await response.arrayBuffer();
    if (hex(await crypto.subtle.digest('SHA-256', bytes)) === sha256) {
      // A fresh response: no redirect flag (a redirected response cannot answer a
      // navigation) and only the header that matters, the type.
      const type = response.headers.get('content-type');
      return new Response(bytes, { headers: type ? { 'content-type': type } : {} });
    }
  }
  throw new Error(`fromlab offline cache: ${path} is not the file of build ${MANIFEST.build}`);
}

async function precache() {
  const responses = await Promise.all(
    MANIFEST.files.map(async (file) => [file.path, await fetchChecked(file.path, file.sha256)]),
  );
  // Written only once every file has arrived intact: a cache is complete or absent.
  const cache = await caches.open(CACHE);
  await Promise.all(responses.map(([path, response]) => cache.put(urlOf(path), response)));
}

async function deleteCaches(keep) {
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== keep).map((name) => caches.delete(name)),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(MANIFEST.retire ? self.skipWaiting() : precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    MANIFEST.retire
      ? deleteCaches(null).then(() => self.registration.unregister())
      : deleteCaches(CACHE).then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') {
    self.skipWaiting();
  }
});

/** The cache key for a request, or null when the request is not one of the build's files. */
function keyFor(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let path;
  try {
    path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  } catch {
    return null;
  }
  // Every route is index.html (the router reads the fragment, which is never sent).
  if (request.mode === 'navigate' && (path === '' || path === 'index.html')) return urlOf('index.html');
  return FILES.has(path) ? urlOf(path) : null;
}

async function respond(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  if (MANIFEST.retire) return;
  const key = keyFor(event.request);
  if (key) {
    event.respondWith(respond(key, event.request));
  }
});
