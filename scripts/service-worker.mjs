// Trunk post-build hook, run after externalize-scripts.mjs: writes the service worker
// (static/service-worker.js with its MANIFEST line filled in) into the staged build as
// `service-worker.js`.
//
// Release builds get the list of every file in the build, each with its SHA-256, and a
// build version derived from that list, so any change to any file makes a new worker and
// the browser installs it as an update. Debug builds (`trunk serve`) get a worker that
// retires itself (see the template), because a cache in front of live reload would serve
// yesterday's files.
//
// The functions are exported for the browser tests, which build a "next deployment" from
// a copy of dist/.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The worker's file name; registered by the app as `./service-worker.js`. */
export const WORKER = 'service-worker.js';
const TEMPLATE = fileURLToPath(new URL('../static/service-worker.js', import.meta.url));
const MARKER = /^const MANIFEST = \{ build: 'unbuilt', retire: true, files: \[\] \};.*$/m;

function filesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/**
 * Every file of the build in `dir` (the worker itself excepted), as URL paths relative to
 * the page, sorted, with their SHA-256; and the build version, a digest of that list.
 */
export function manifestOf(dir) {
  const files = filesUnder(dir)
    .map((path) => ({
      path: relative(dir, path).split(sep).join('/'),
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    }))
    .filter((file) => file.path !== WORKER)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!files.some((file) => file.path === 'index.html')) {
    throw new Error(`service-worker: no index.html in ${dir}`);
  }
  const build = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  return { build, retire: false, files };
}

/** Writes the worker into `dir`: the precaching worker, or the retiring one when `retire`. */
export function writeServiceWorker(dir, { retire = false } = {}) {
  const manifest = retire ? { build: 'retired', retire: true, files: [] } : manifestOf(dir);
  const template = readFileSync(TEMPLATE, 'utf8');
  if (!MARKER.test(template)) {
    throw new Error(`service-worker: the MANIFEST line is missing from ${TEMPLATE}`);
  }
  const line = `const MANIFEST = ${JSON.stringify(manifest, null, 2)};`;
  writeFileSync(join(dir, WORKER), template.replace(MARKER, () => line));
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) {
    console.error('service-worker: TRUNK_STAGING_DIR is not set; run this as a Trunk hook');
    process.exit(1);
  }
  const retire = process.env.TRUNK_PROFILE !== 'release';
  const manifest = writeServiceWorker(staging, { retire });
  console.log(
    retire
      ? `service-worker: debug build, wrote a worker that retires itself`
      : `service-worker: build ${manifest.build}, ${manifest.files.length} files to precache`,
  );
}
