// Shared set-up for the browser tests: the course as the tests expect it (read from
// content/, never hard-coded), a static server that serves dist/ from a sub-path, and a
// Chromium page that records every console error, page error, CSP violation and request
// to another origin.

import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The sub-path the app is served from, as on a documentation site. */
export const SUB_PATH = '/docs/fromlab/';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Lessons in course order from content/SUMMARY.md, with front matter fields. */
export function readCourse() {
  const summary = readFileSync(join(ROOT, 'content/SUMMARY.md'), 'utf8');
  const lessons = [];
  for (const line of summary.split('\n')) {
    const entry = /^\s*[-*]\s+\[(.+)\]\(lessons\/([a-z0-9-]+)\.md\)\s*$/.exec(line);
    if (!entry) continue;
    const slug = entry[2];
    const text = readFileSync(join(ROOT, 'content/lessons', `${slug}.md`), 'utf8');
    const front = text.split(/^\+\+\+\s*$/m)[1] ?? '';
    // TOML basic strings escape like JSON strings, which is all the front matter uses.
    const field = (name) => {
      const match = new RegExp(`^${name}\\s*=\\s*(".*")\\s*$`, 'm').exec(front);
      return match ? JSON.parse(match[1]) : undefined;
    };
    const body = text.slice(text.indexOf('+++', 3) + 3);
    lessons.push({ slug, title: field('title'), summary: field('summary'), body });
  }
  if (lessons.length === 0) {
    throw new Error('content/SUMMARY.md lists no lessons');
  }
  return lessons;
}

/** The anchor of a heading, computed as the engine does. */
export function slugify(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `## ` headings of a lesson body with their anchors (plain text, explicit ids honoured). */
export function headingsOf(body) {
  const headings = [];
  let fenced = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = /^(#{2,6})\s+(.*?)\s*$/.exec(line);
    if (!match) continue;
    const explicit = /\{#([^}]+)\}$/.exec(match[2]);
    const text = match[2].replace(/\s*\{#[^}]+\}$/, '').replace(/[`*_]/g, '');
    headings.push({ level: match[1].length, text, anchor: explicit ? explicit[1] : slugify(text) });
  }
  return headings;
}

/** The first ```dockerfile block of a lesson body. */
export function firstDockerfile(body) {
  const match = /^```dockerfile[^\n]*\n([\s\S]*?)^```\s*$/m.exec(body);
  return match ? match[1] : undefined;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves dist/ under SUB_PATH on 127.0.0.1 at a free port. Anything outside SUB_PATH is
 * a 404, so an asset requested by absolute path fails the tests.
 *
 * `headers` are added to every file served (for example a Content-Security-Policy header).
 * The result can also serve another folder from then on (`setRoot`, a new deployment) and
 * stop answering altogether (`setDown(true)`: every connection is dropped, as when the
 * network is cut).
 */
export async function startServer({ headers = {} } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no release build in ${DIST}; run 'trunk build --release --offline' (make test does)`);
  }
  let root = DIST;
  let down = false;
  const server = createServer((request, response) => {
    if (down) {
      request.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    if (!path.startsWith(SUB_PATH)) {
      response.writeHead(404).end('not under the sub-path');
      return;
    }
    let file = normalize(join(root, path.slice(SUB_PATH.length)));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...headers,
    });
    response.end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    origin,
    base: `${origin}${SUB_PATH}`,
    setRoot: (dir) => {
      root = resolve(dir);
    },
    setDown: (value) => {
      down = value;
    },
  };
}

/** Launches Debian's Chromium; fails loudly when it is missing. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}; 'make test' installs Debian's chromium package`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens a page that records problems. Call `problems()` at the end of a test: it lists
 * console errors, uncaught errors, CSP violations and requests to other origins.
 * `options.context` is passed on to `browser.newContext`.
 */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', ...options.context });
  const page = await context.newPage();
  const found = [];
  const waiters = [];
  const record = (problem) => {
    found.push(problem);
    for (const waiter of waiters.splice(0)) waiter();
  };
  page.on('console', (message) => {
    if (message.type() === 'error') record(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => record(`page error: ${error.message}`));
  // On the context, not the page: that also hears the service worker's and workers' requests.
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) {
      record(`request to another origin: ${url}`);
    }
  });
  await page.exposeFunction('__reportCspViolation', (text) => record(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return {
    page,
    context,
    problems: () => [...found],
    /** Resolves once a problem starting with `prefix` has been recorded. */
    problemStartingWith: async (prefix) => {
      while (!found.some((problem) => problem.startsWith(prefix))) {
        await new Promise((wake) => waiters.push(wake));
      }
    },
    close: () => context.close(),
  };
}

/** Waits until the app has rendered its main landmark. */
export async function waitForApp(page) {
  await page.locator('main#main').waitFor();
}
