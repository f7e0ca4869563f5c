// Trunk post-build hook, run first: sets up the page's two wasm modules (src/lib.rs).
//
// Trunk builds the lessons module as the page's main module, with hashed file names, an
// inline start-up script that imports it, and preload links for it; and the app module
// like a worker, as `fromlab-app.js` and `fromlab-app_bg.wasm` with nothing in the page.
// This hook
// - minifies both modules' wasm-bindgen glue in release builds (Trunk's own minifier
//   cannot read their `export default` and leaves them as they are), with terser from
//   tools/ (installed by `make` with wasm-opt);
// - gives the app module hashed names, so a new build is never mixed with a cached one;
// - removes Trunk's start-up script and the lessons module's preload links (a page of the
//   app module must not download the lessons module);
// - writes static/start.js, with both modules' names filled in, as `start-<hash>.js`, and
//   loads it from the page.

import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('modules: TRUNK_STAGING_DIR is not set; run this as a Trunk hook');
  process.exit(1);
}
const fail = (message) => {
  console.error(`modules: ${message}`);
  process.exit(1);
};

const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

// Trunk's start-up script names the lessons module's files.
// (Release builds minify the page, so attribute values may have no quotes.)
const startup = /<script type="?module"?>([\s\S]*?)<\/script>/;
const found = html.match(startup);
if (!found) fail("found no start-up script in index.html; Trunk's output changed?");
const lessonsJs = found[1].match(/from '\.\/(fromlab-lessons-[0-9a-f]+\.js)'/)?.[1];
const lessonsWasm = found[1].match(/'\.\/(fromlab-lessons-[0-9a-f]+_bg\.wasm)'/)?.[1];
if (!lessonsJs || !lessonsWasm) fail("the start-up script does not name the lessons module; Trunk's output changed?");
html = html.replace(startup, '');
const preloads = /<link\b[^>]*\bhref="?\.\/fromlab-lessons-[0-9a-f]+(?:\.js|_bg\.wasm)\b[^>]*>/g;
if ((html.match(preloads) ?? []).length !== 2) fail('expected two preload links for the lessons module');
html = html.replace(preloads, '');

// The glue, minified. Its names stay: the lessons module's are Trunk's, and the app
// module's are made from the minified text below.
if (process.env.TRUNK_PROFILE === 'release') {
  const { minify } = await import(new URL('../tools/node_modules/terser/main.js', import.meta.url));
  for (const file of [lessonsJs, 'fromlab-app.js']) {
    const path = join(staging, file);
    const result = await minify(readFileSync(path, 'utf8'), { module: true, compress: true, mangle: true });
    if (!result.code) fail(`terser returned nothing for ${file}`);
    writeFileSync(path, result.code);
  }
}

// The app module, renamed after a digest of both its files.
const appFiles = ['fromlab-app.js', 'fromlab-app_bg.wasm'];
const digest = createHash('sha256');
for (const file of appFiles) digest.update(readFileSync(join(staging, file)));
const appHash = digest.digest('hex').slice(0, 16);
const appJs = `fromlab-app-${appHash}.js`;
const appWasm = `fromlab-app-${appHash}_bg.wasm`;
renameSync(join(staging, appFiles[0]), join(staging, appJs));
renameSync(join(staging, appFiles[1]), join(staging, appWasm));

// The start script, with both modules.
const template = readFileSync(fileURLToPath(new URL('../static/start.js', import.meta.url)), 'utf8');
const marker = /^const MODULES = \{ lessons: null, app: null \};.*$/m;
if (!marker.test(template)) fail('the MODULES line is missing from static/start.js');
const modules = {
  lessons: { js: `./${lessonsJs}`, wasm: `./${lessonsWasm}` },
  app: { js: `./${appJs}`, wasm: `./${appWasm}` },
};
const start = template.replace(marker, `const MODULES = ${JSON.stringify(modules)};`);
const startName = `start-${createHash('sha256').update(start).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, startName), start);
if (!html.includes('</head>')) fail('index.html has no </head>');
html = html.replace('</head>', `<script type="module" src="./${startName}"></script></head>`);
writeFileSync(htmlPath, html);
console.log(`modules: ${lessonsJs} for the lessons, ${appJs} for the app, started by ${startName}`);
