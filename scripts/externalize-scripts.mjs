// Trunk post-build hook: moves every inline <script> of the staged index.html into its
// own file beside it, so the page runs under a Content-Security-Policy without
// 'unsafe-inline'.
//
// Runs after scripts/modules.mjs, which has already replaced Trunk's start-up script with
// a file of its own. What is left is the live-reload client (under `trunk serve` only):
// it has two placeholders that `trunk serve` fills in only inside HTML responses; here
// they get the values Trunk itself falls back to. A release build has no inline script.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('externalize-scripts: TRUNK_STAGING_DIR is not set; run this as a Trunk hook');
  process.exit(1);
}
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

const inline = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/g;
let moved = 0;
html = html.replace(inline, (whole, attributes = '', body) => {
  if (/\ssrc\s*=/.test(attributes)) {
    return whole;
  }
  const isModule = /type\s*=\s*["']?module/.test(attributes);
  let code = body.trim();
  if (code.includes('{{__TRUNK_ADDRESS__}}')) {
    code = code
      .replaceAll("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
      .replaceAll('`{{__TRUNK_ADDRESS__}}`', 'window.location.host')
      .replaceAll('{{__TRUNK_WS_BASE__}}', '/');
  }
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const name = `${isModule ? 'start' : 'reload'}-${hash}.js`;
  writeFileSync(join(staging, name), code + '\n');
  moved += 1;
  return `<script${isModule ? ' type="module"' : ' defer'} src="./${name}"></script>`;
});

if (/<script(?![^>]*\ssrc\s*=)[^>]*>/.test(html)) {
  console.error('externalize-scripts: an inline script is still in index.html');
  process.exit(1);
}
writeFileSync(htmlPath, html);
console.log(`externalize-scripts: moved ${moved} inline script(s) into files`);
