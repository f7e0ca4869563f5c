// Offline use and the hardened deployment (issue 7), against the release build served from
// a sub-path: the service worker's manifest, the app working with the network cut after a
// first visit, the update notice when a new build is deployed, the dev-mode worker that
// retires itself, pages without service workers, and a walk through every page under the
// Content-Security-Policy that deploy/nginx.conf sends, with no request to another origin.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { parse as parseToml } from 'smol-toml';
import { DIST, ROOT, headingsOf, launchBrowser, openPage, readCourse, startServer, waitForApp } from './support.mjs';
import { WORKER, manifestOf, writeServiceWorker } from '../../scripts/service-worker.mjs';

const lessons = readCourse();
const quizSlugs = readdirSync(join(ROOT, 'content/quizzes'))
  .filter((name) => name.endsWith('.toml'))
  .map((name) => name.slice(0, -'.toml'.length))
  .sort();
const UPDATE_TEXT = 'A new version of fromlab is ready. Reload to use it.';

let browser;
const temporary = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The MANIFEST the build wrote into the service worker of `dir`. */
function shippedManifest(dir) {
  const worker = readFileSync(join(dir, WORKER), 'utf8');
  const match = /^const MANIFEST = (\{[\s\S]*?\n\});$/m.exec(worker);
  assert.ok(match, `no MANIFEST in ${dir}/${WORKER}`);
  return JSON.parse(match[1]);
}

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** A copy of dist/ in a temporary folder, removed after the tests. */
function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), 'fromlab-dist-'));
  temporary.push(dir);
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/**
 * The next deployment: a copy of dist/ whose index.html carries a marker the test can see,
 * with its service worker written again by the build's own hook, so its manifest and build
 * version describe the changed files.
 */
function nextDeployment() {
  const dir = copyOfDist();
  const html = join(dir, 'index.html');
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<title>/);
  writeFileSync(html, page.replace('<title>', '<meta name="fromlab-test-deployment" content="next"><title>'));
  writeServiceWorker(dir);
  return dir;
}

/** The policy in the built page's <meta> tag. */
function metaPolicy() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  // The release build minifies the page, so attributes come in any order and unquoted.
  const tag = /<meta\b[^>]*http-equiv="?Content-Security-Policy[^>]*>/.exec(html);
  const content = tag && /\scontent="([^"]+)"/.exec(tag[0]);
  assert.ok(content, 'index.html carries its policy');
  return content[1];
}

/** The header lines deploy/nginx.conf adds to every response, by name. */
function nginxHeaders() {
  const conf = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const headers = {};
  for (const match of conf.matchAll(/^\s*add_header\s+([A-Za-z-]+)\s+"([^"]*)"\s+always;/gm)) {
    headers[match[1]] = match[2];
  }
  return headers;
}

/** Runs `body` with a fresh page and server; fails on any problem the page reported. */
async function withOfflineSession(body, { headers, context, colorScheme } = {}) {
  const server = await startServer({ headers });
  const session = await openPage(browser, server.origin, { context, colorScheme });
  try {
    await body({ ...session, server });
    assert.deepEqual(session.problems(), [], 'the page reported problems');
  } finally {
    await session.close();
    await new Promise((done) => server.server.close(done));
  }
}

/** Opens the app and waits until the service worker controls the page. */
async function firstVisit(page, base) {
  await page.goto(base);
  await waitForApp(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: 30_000,
  });
}

/** Loads a route as a new document (not a fragment change), as a bookmark would. */
async function load(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  await waitForApp(page);
}

const cacheNames = async (page) => (await page.evaluate(() => caches.keys())).filter((name) => name.startsWith('fromlab:'));

/**
 * Polls `check` (which may ask the page asynchronous questions, which `waitForFunction`
 * cannot wait on) until it returns true.
 */
async function eventually(what, check, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/** The route patterns of the app (`#[at("...")]` in src/app.rs), so a new route is walked too. */
function appRoutes() {
  const source = readFileSync(join(ROOT, 'src/app.rs'), 'utf8');
  const routes = [...source.matchAll(/#\[at\("([^"]+)"\)\]/g)].map((match) => match[1]);
  assert.ok(routes.includes('/') && routes.includes('/playground'), 'routes are where the walk expects them');
  return routes;
}

/** What to put for a route parameter, given the ones already chosen. */
function valuesFor(name, pattern, chosen) {
  switch (name) {
    case 'slug':
      return lessons.map((lesson) => lesson.slug);
    case 'anchor': {
      const heading = headingsOf(lessons.find((lesson) => lesson.slug === chosen.slug).body)[0];
      return heading ? [heading.anchor] : [];
    }
    case 'question': {
      const quiz = parseToml(readFileSync(join(ROOT, 'content/quizzes', `${chosen.slug}.toml`), 'utf8'));
      return quiz.questions
        .filter((question) => !pattern.includes('challenge') || question.kind === 'challenge')
        .map((question) => question.id);
    }
    case 'rest':
      return ['no-such-page'];
    default:
      throw new Error(`the walk does not know what to put for :${name} in ${pattern}; add it to valuesFor`);
  }
}

/** Every route of the app with every value of its parameters: the walk's stops. */
function walkStops() {
  const stops = [];
  for (const pattern of appRoutes()) {
    let choices = [{}];
    for (const [, name] of pattern.matchAll(/[:*]([a-z_]+)/g)) {
      choices = choices.flatMap((chosen) => valuesFor(name, pattern, chosen).map((value) => ({ ...chosen, [name]: value })));
    }
    for (const chosen of choices) {
      stops.push({ pattern, chosen, route: pattern.replace(/[:*]([a-z_]+)/g, (_, name) => chosen[name]) });
    }
  }
  return stops;
}

/** Waits until the page of a walk stop has rendered, and does a little on the playground. */
async function readyAt(page, { pattern, chosen }) {
  const lesson = lessons.find((l) => l.slug === chosen.slug);
  switch (pattern) {
    case '/':
      return page.locator('.lesson-card').first().waitFor();
    case '/lessons/:slug':
    case '/lessons/:slug/:anchor':
      return page.locator('h1', { hasText: lesson.title }).waitFor();
    case '/playground':
      await page.getByRole('textbox', { name: 'Dockerfile', exact: true }).fill('FROM python:latest\nRUN apt-get update\n');
      return page.getByRole('list', { name: 'Feedback', exact: true }).getByRole('listitem').first().waitFor();
    case '/compare':
      return page.locator('.compare-table').waitFor();
    case '/quiz/:slug':
      return page.locator('#quiz-question-heading').waitFor();
    case '/progress':
      return page.locator('h1', { hasText: 'Your progress' }).waitFor();
    case '/not-found':
      return page.locator('h1', { hasText: 'Page not found' }).waitFor();
    default: {
      // A route this walk has no special knowledge of (the embeds): it must render
      // something, and not the not-found page unless it is a catch-all.
      await page.waitForFunction(() => document.body.innerText.trim().length > 0);
      await page.waitForLoadState('networkidle');
      if (!pattern.includes('*')) {
        assert.equal(await page.locator('h1', { hasText: 'Page not found' }).count(), 0, `#${pattern} with ${JSON.stringify(chosen)}`);
      }
    }
  }
}

describe('the precache manifest', () => {
  test('lists every file of the build with its SHA-256, except the worker itself', () => {
    const manifest = shippedManifest(DIST);
    assert.equal(manifest.retire, false, 'a release build precaches');
    const expected = listFiles(DIST).filter((path) => path !== WORKER).sort();
    assert.deepEqual(manifest.files.map((file) => file.path), expected);
    for (const kind of [/^index\.html$/, /\.js$/, /_bg\.wasm$/, /\.css$/, /\.svg$/]) {
      assert.ok(manifest.files.some((file) => kind.test(file.path)), `no file matching ${kind}`);
    }
    assert.deepEqual(manifest, manifestOf(DIST), 'the shipped manifest describes the files as they are');
  });

  test('any changed file changes the build version, and a debug build gets a worker that retires', () => {
    const dir = copyOfDist();
    const before = manifestOf(dir).build;
    const css = listFiles(dir).find((path) => path.endsWith('.css'));
    writeFileSync(join(dir, css), `${readFileSync(join(dir, css), 'utf8')}\n`);
    assert.notEqual(manifestOf(dir).build, before);
    writeServiceWorker(dir, { retire: true });
    const retired = shippedManifest(dir);
    assert.equal(retired.retire, true);
    assert.deepEqual(retired.files, []);
  });
});


/**
 * A page on another origin that frames the first lesson of `app` (a server from
 * `startServer`) in an iframe with `sandbox`; `close` stops it.
 */
async function framingHost(app, sandbox) {
  const host = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!DOCTYPE html><title>Docs</title><iframe title="fromlab" sandbox="${sandbox}" ` +
        `src="${app.base}#/lessons/${lessons[0].slug}" width="800" height="600"></iframe>`,
    );
  });
  await new Promise((done) => host.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${host.address().port}`,
    close: () => new Promise((done) => host.close(done)),
  };
}

describe('offline', () => {
  test('after the first visit, a reload with the network cut still shows every kind of page', async () => {
    await withOfflineSession(async ({ page, context, server }) => {
      await firstVisit(page, server.base);
      server.setDown(true);
      await context.setOffline(true);
      await assert.rejects(fetch(server.base), 'the server really is unreachable');

      await page.reload();
      await waitForApp(page);
      assert.equal(await page.locator('.lesson-card').count(), lessons.length, 'the home page lists the lessons');

      const lesson = lessons[lessons.length - 1];
      await load(page, `${server.base}#/lessons/${lesson.slug}`);
      await page.locator('h1', { hasText: lesson.title }).waitFor();

      await load(page, `${server.base}#/playground`);
      const editor = page.getByRole('textbox', { name: 'Dockerfile', exact: true });
      await editor.fill('FROM python:latest\n');
      await page
        .getByRole('list', { name: 'Feedback', exact: true })
        .getByRole('listitem')
        .filter({ hasText: 'latest-tag' })
        .waitFor();
      await page.locator('.size-total').waitFor();

      await load(page, `${server.base}#/quiz/${quizSlugs[0]}`);
      await page.locator('#quiz-question-heading', { hasText: /^Question 1 of \d+$/ }).waitFor();

      await load(page, `${server.base}#/compare`);
      await page.locator('.compare-table').waitFor();
    });
  });

  test('a new deployment shows the update notice in a live region; Reload switches to it', async () => {
    await withOfflineSession(async ({ page, server }) => {
      await firstVisit(page, server.base);
      const first = shippedManifest(DIST).build;
      assert.deepEqual(await cacheNames(page), [`fromlab:/docs/fromlab/:${first}`]);
      const region = page.locator('.update-notice [role="status"]');
      assert.equal((await region.textContent()).trim(), '', 'no notice before there is news');

      const next = nextDeployment();
      const second = shippedManifest(next).build;
      assert.notEqual(second, first);
      server.setRoot(next);
      // The next visit: the page still comes from the installed build (cache first),
      // while the browser finds and installs the new worker beside it.
      await page.reload();
      await waitForApp(page);
      assert.equal(await page.locator('meta[name="fromlab-test-deployment"]').count(), 0);
      await region.filter({ hasText: UPDATE_TEXT }).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.update-notice').getByRole('button', { name: 'Reload' }).count(), 1);

      // Nothing reloads by itself: text typed now stays.
      await page.goto(`${server.base}#/playground`);
      const editor = page.getByRole('textbox', { name: 'Dockerfile', exact: true });
      await editor.fill('FROM alpine:3.20\n');
      await page.waitForTimeout(500);
      assert.equal(await editor.inputValue(), 'FROM alpine:3.20\n');

      await Promise.all([
        page.waitForEvent('load'),
        page.locator('.update-notice').getByRole('button', { name: 'Reload' }).click(),
      ]);
      await waitForApp(page);
      await page.locator('meta[name="fromlab-test-deployment"]').waitFor({ state: 'attached' });
      assert.equal((await region.textContent()).trim(), '');
      await eventually('only the new build is cached', async () => (await cacheNames(page)).join() === `fromlab:/docs/fromlab/:${second}`);
    });
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`the notice passes axe (${colorScheme}), is reached by Tab, and "Not now" hides it`, async () => {
      await withOfflineSession(
        async ({ page, server }) => {
          await firstVisit(page, server.base);
          server.setRoot(nextDeployment());
          await page.reload();
          await waitForApp(page);
          const notice = page.locator('.update-notice');
          await notice.getByRole('status').filter({ hasText: UPDATE_TEXT }).waitFor({ timeout: 30_000 });
          const results = await new AxeBuilder({ page }).analyze();
          const summary = results.violations.map(
            (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
          );
          assert.deepEqual(summary, [], 'axe violations');
          let reached = false;
          for (let i = 0; i < 30 && !reached; i += 1) {
            await page.keyboard.press('Tab');
            reached = await page.evaluate(() => document.activeElement?.textContent === 'Reload');
          }
          assert.ok(reached, 'Tab reaches the Reload button');
          await notice.getByRole('button', { name: 'Not now' }).click();
          assert.equal(await notice.getByRole('button').count(), 0);
          assert.equal((await notice.getByRole('status').textContent()).trim(), '');
          assert.equal(await page.locator('meta[name="fromlab-test-deployment"]').count(), 0, 'the old build still runs');
        },
        { colorScheme },
      );
    });
  }

  test("a debug build's worker (trunk serve) retires the release worker and deletes its caches", async () => {
    await withOfflineSession(async ({ page, server }) => {
      await firstVisit(page, server.base);
      assert.equal((await cacheNames(page)).length, 1);
      const debug = copyOfDist();
      writeServiceWorker(debug, { retire: true });
      server.setRoot(debug);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      await eventually('the worker is gone', async () =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined),
      );
      assert.deepEqual(await cacheNames(page), []);
      // Now every request reaches the server again.
      await load(page, server.base);
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    });
  });

  test('with service workers blocked, the app runs online as before and reports nothing', async () => {
    await withOfflineSession(
      async ({ page, server }) => {
        await page.goto(server.base);
        await waitForApp(page);
        await page.locator('.lesson-card').first().waitFor();
        await page.waitForTimeout(500);
        assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
      },
      { context: { serviceWorkers: 'block' } },
    );
  });

  test('inside a sandboxed iframe on another origin, the app registers its worker for its own sub-path', async () => {
    const app = await startServer();
    const { origin: hostOrigin, close: closeHost } = await framingHost(app, 'allow-scripts allow-same-origin');
    const session = await openPage(browser, app.origin);
    try {
      await session.page.goto(`${hostOrigin}/`);
      const frame = session.page.frameLocator('iframe');
      await frame.locator('h1', { hasText: lessons[0].title }).waitFor();
      const scope = await session.page
        .frames()
        .find((f) => f.url().startsWith(app.base))
        .evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, app.base);
      // The host page itself is the only other origin the test loads.
      const problems = session.problems().filter((p) => !p.startsWith(`request to another origin: ${hostOrigin}/`));
      assert.deepEqual(problems, []);
    } finally {
      await session.close();
      await closeHost();
      await new Promise((done) => app.server.close(done));
    }
  });

  test('in an opaque-origin sandbox, where reading navigator.serviceWorker throws, the app still starts', async () => {
    // Without allow-same-origin the frame's origin is opaque, so every file is a
    // cross-origin request: the server must allow CORS for the app to load at all.
    const app = await startServer({ headers: { 'access-control-allow-origin': '*' } });
    const { origin: hostOrigin, close: closeHost } = await framingHost(app, 'allow-scripts');
    const session = await openPage(browser, app.origin);
    try {
      await session.page.goto(`${hostOrigin}/`);
      await session.page.frameLocator('iframe').locator('h1', { hasText: lessons[0].title }).waitFor();
      const frame = session.page.frames().find((f) => f.url().startsWith(app.base));
      const access = await frame.evaluate(() => {
        try {
          return typeof navigator.serviceWorker;
        } catch (error) {
          return error.name;
        }
      });
      assert.equal(access, 'SecurityError', 'the sandbox really refuses service workers');
      // No page error: the refusal is handled. Left aside: the host page's own requests,
      // and the stylesheet, which the browser blocks here because its integrity cannot be
      // checked on a no-cors request (the page is unstyled in such a sandbox; the
      // documented embed uses allow-same-origin).
      const problems = session
        .problems()
        .filter((p) => !p.startsWith(`request to another origin: ${hostOrigin}/`))
        .filter((p) => !/^console error: Subresource Integrity: The resource '[^']+\.css'/.test(p));
      assert.deepEqual(problems, []);
    } finally {
      await session.close();
      await closeHost();
      await new Promise((done) => app.server.close(done));
    }
  });
});

describe('the hardened deployment', () => {
  test('nginx sends exactly the policy the page carries, and the policy is strict', () => {
    const policy = metaPolicy();
    const headers = nginxHeaders();
    assert.equal(headers['Content-Security-Policy'], policy, 'deploy/nginx.conf and index.html disagree');
    const directives = new Map(
      policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
    );
    assert.deepEqual(directives.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives.get('default-src'), ["'self'"]);
    assert.deepEqual(directives.get('worker-src'), ["'self'"]);
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|https?:|\*/, 'no inline code, no eval, no other origin');
    assert.ok(!directives.has('frame-ancestors'), 'frame-ancestors is ignored in a <meta> tag');
  });

  test('nginx revalidates the page and the worker, caches hashed files for a year, and the README shows its policy', () => {
    const conf = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
    const rules = [...conf.matchAll(/^\s*"~([^"]+)"\s+"([^"]+)";/gm)].map((m) => [new RegExp(m[1]), m[2]]);
    const fallback = /^\s*default\s+"([^"]+)";/m.exec(conf)?.[1];
    assert.ok(rules.length > 0 && fallback, 'the Cache-Control map is where the test expects it');
    // The first matching line wins, as in nginx's map.
    const cacheControl = (file) => rules.find(([pattern]) => pattern.test(`/${file}`))?.[1] ?? fallback;
    assert.equal(cacheControl('index.html'), 'no-cache');
    assert.equal(cacheControl(WORKER), 'no-cache');
    // Every file the page names, and every module its start script names, is
    // content-hashed (by Trunk, or by scripts/modules.mjs for the app module).
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const named = [...html.matchAll(/(?:src|href)="?\.\/([^"\s>]+)/g)].map((m) => m[1]);
    const start = named.find((file) => /^start-[0-9a-f]+\.js$/.test(file)) ?? assert.fail('the page names no start script');
    const script = readFileSync(join(DIST, start), 'utf8');
    named.push(...[...script.matchAll(/"\.\/(fromlab-[a-z]+-[0-9a-f]+(?:_bg\.wasm|\.js))"/g)].map((m) => m[1]));
    assert.equal(named.filter((file) => file.endsWith('.wasm')).length, 2, 'two modules');
    for (const file of named) {
      assert.equal(cacheControl(file), 'public, max-age=31536000, immutable', file);
    }
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const policy = metaPolicy();
    assert.ok(readme.includes(`add_header Content-Security-Policy "${policy}" always;`), 'README: the nginx line');
    assert.ok(readme.includes(`  Content-Security-Policy: ${policy}\n`), 'README: the _headers example');
  });

  test('a walk through every route of app.rs: no CSP violation under the header policy, no request to another origin', async () => {
    const headers = nginxHeaders();
    const stops = walkStops();
    await withOfflineSession(
      async ({ page, server }) => {
        for (const stop of stops) {
          await page.goto('about:blank');
          await page.goto(`${server.base}#${stop.route}`);
          await readyAt(page, stop);
          // Let whatever the page fetches after rendering (workers, modules) arrive while
          // the recorder listens.
          await page.waitForLoadState('networkidle');
        }
        // The walk ran under the header policy (which, unlike the <meta> tag, also binds
        // the workers), with the service worker answering from its cache.
        assert.equal(
          await page.evaluate(async () => (await fetch('./index.html', { method: 'HEAD' })).headers.get('content-security-policy')),
          headers['Content-Security-Policy'],
        );
        assert.notEqual(await page.evaluate(() => navigator.serviceWorker.controller), null);
      },
      { headers },
    );
  });
});
