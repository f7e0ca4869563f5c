// Browser tests against the release build, served from a sub-path as a documentation
// site would serve it, in Debian's Chromium. Every test also fails on a console error,
// an uncaught error, a CSP violation or a request to another origin.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  DIST,
  SUB_PATH,
  analysed,
  firstDockerfile,
  headingsOf,
  launchBrowser,
  openPage,
  readCourse,
  startServer,
  waitForApp,
} from './support.mjs';

const lessons = readCourse();
const PROGRESS_KEY = 'fromlab.progress.v2';
let server;
let browser;
let base;
let origin;

before(async () => {
  ({ server, base, origin } = await startServer());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

/** Runs `body` with a fresh page and fails if the page reported any problem. */
async function withPage(body, options) {
  const session = await openPage(browser, origin, options);
  try {
    await body(session.page);
    assert.deepEqual(session.problems(), [], 'the page reported problems');
  } finally {
    await session.close();
  }
}

async function expectLessonTitle(page, lesson) {
  const h1 = page.locator('h1');
  await h1.filter({ hasText: lesson.title }).waitFor();
  assert.equal(await h1.count(), 1, 'the title is the only h1');
  assert.equal((await h1.textContent()).trim(), lesson.title);
  await page.waitForFunction((title) => document.title.startsWith(title), lesson.title);
}

describe('the built page', () => {
  test('ships no inline script and only relative asset URLs', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const inline = html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? [];
    assert.deepEqual(inline, [], 'inline scripts would need unsafe-inline');
    assert.match(html, /http-equiv="?Content-Security-Policy/);
    assert.match(html, /script-src 'self' 'wasm-unsafe-eval'/);
    const absolute = [...html.matchAll(/(?:src|href)="?(\/[^"\s>]*)/g)].map((m) => m[1]);
    assert.deepEqual(absolute, [], 'absolute paths break serving from a sub-path');
  });

  test('the stylesheet closes every rule', () => {
    // A missing `}` does not break the build: the minifier reads what follows as rules
    // nested in the unclosed one (written with `&`), which then match nothing.
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const css = /href="?\.\/(app-[0-9a-f]+\.css)/.exec(html)?.[1] ?? assert.fail('the page names no stylesheet');
    const built = readFileSync(join(DIST, css), 'utf8');
    assert.equal(built.match(/[^{};]*&[^{};]*\{/g), null, 'the stylesheet has nested rules');
  });
});

describe('the problem recorder', () => {
  test('hears a CSP violation, so the other tests can fail on one', { timeout: 30_000 }, async () => {
    const session = await openPage(browser, origin);
    try {
      await session.page.goto(base);
      await waitForApp(session.page);
      await session.page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true';
        document.body.append(script);
      });
      await session.problemStartingWith('CSP violation');
      assert.ok(session.problems().some((p) => p.startsWith('CSP violation: script-src')), session.problems().join('\n'));
      assert.equal(await session.page.evaluate(() => window.__ran), undefined, 'the inline script must not run');
    } finally {
      await session.close();
    }
  });
});

describe('home page', () => {
  test('lists every lesson from SUMMARY.md in order, with its summary', async () => {
    await withPage(async (page) => {
      await page.goto(base);
      await waitForApp(page);
      const cards = page.locator('.lesson-card');
      await cards.first().waitFor();
      assert.equal(await cards.count(), lessons.length);
      for (const [index, lesson] of lessons.entries()) {
        const card = cards.nth(index);
        assert.equal((await card.locator('h3 a').textContent()).trim(), lesson.title);
        assert.equal(await card.locator('h3 a').getAttribute('href'), `#/lessons/${lesson.slug}`);
        assert.equal((await card.locator('.lesson-card-summary').textContent()).trim(), lesson.summary);
      }
      assert.equal(await page.locator('h1').count(), 1);
    });
  });

  test('a first Tab reaches the skip link, which moves focus to the main content', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lessons[0].slug}`);
      await waitForApp(page);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      assert.equal(new URL(page.url()).hash, `#/lessons/${lessons[0].slug}`, 'the route is unchanged');
    });
  });
});

describe('lesson pages', () => {
  test('every lesson opens by deep link with its title', async () => {
    await withPage(async (page) => {
      for (const lesson of lessons) {
        // A new document each time, as when a link is opened from outside.
        await page.goto('about:blank');
        await page.goto(`${base}#/lessons/${lesson.slug}`);
        await expectLessonTitle(page, lesson);
        const current = page.locator('nav[aria-label="Lessons"] a[aria-current="page"]');
        assert.equal(await current.count(), 1);
        assert.equal(await current.getAttribute('href'), `#/lessons/${lesson.slug}`);
      }
    });
  });

  test('every lesson opens by navigation, and back returns home', async () => {
    await withPage(async (page) => {
      await page.goto(base);
      await waitForApp(page);
      for (const lesson of lessons) {
        await page.locator('.lesson-card h3 a', { hasText: lesson.title }).click();
        await expectLessonTitle(page, lesson);
        await page.goBack();
        await page.locator('.lesson-card').first().waitFor();
      }
      await page.goForward();
      await expectLessonTitle(page, lessons.at(-1));
    });
  });

  test('the keyboard alone reaches every lesson', async () => {
    await withPage(async (page) => {
      await page.goto(base);
      await waitForApp(page);
      const tabTo = async (isTarget, what) => {
        for (let presses = 0; presses < 400; presses += 1) {
          await page.keyboard.press('Tab');
          if (await page.evaluate(isTarget)) return;
        }
        assert.fail(`Tab never reached ${what}`);
      };
      const first = lessons[0];
      await tabTo(`document.activeElement?.closest('.lesson-card') && document.activeElement.getAttribute('href') === '#/lessons/${first.slug}'`, 'the first lesson');
      await page.keyboard.press('Enter');
      await expectLessonTitle(page, first);
      for (const lesson of lessons.slice(1)) {
        await tabTo(`document.activeElement?.classList.contains('pager-next')`, `the link to ${lesson.slug}`);
        assert.equal(
          await page.evaluate(() => document.activeElement.getAttribute('href')),
          `#/lessons/${lesson.slug}`,
        );
        await page.keyboard.press('Enter');
        await expectLessonTitle(page, lesson);
      }
    });
  });

  test('Alt+Shift+arrows move between lessons', async () => {
    if (lessons.length < 2) return;
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lessons[0].slug}`);
      await expectLessonTitle(page, lessons[0]);
      await page.keyboard.press('Alt+Shift+ArrowRight');
      await expectLessonTitle(page, lessons[1]);
      await page.keyboard.press('Alt+Shift+ArrowLeft');
      await expectLessonTitle(page, lessons[0]);
    });
  });

  test('a section link focuses its heading, and heading links point to it', async () => {
    await withPage(async (page) => {
      const lesson = lessons.find((l) => headingsOf(l.body).length > 1) ?? lessons[0];
      const heading = headingsOf(lesson.body).at(-1);
      await page.goto(`${base}#/lessons/${lesson.slug}/${heading.anchor}`);
      await expectLessonTitle(page, lesson);
      await page.waitForFunction((id) => document.activeElement?.id === id, `section-${heading.anchor}`);
      const link = page.locator(`#section-${heading.anchor} + a.heading-anchor`);
      assert.equal(await link.getAttribute('href'), `#/lessons/${lesson.slug}/${heading.anchor}`);
    });
  });

  test('an unknown lesson shows a not-found page', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/no-such-lesson`);
      await page.locator('h1', { hasText: 'Page not found' }).waitFor();
    });
  });
});

describe('read marks', () => {
  const LEGACY_KEY = 'fromlab.progress.v1';
  const SET_ASIDE_KEY = 'fromlab.progress.unreadable.1';
  const EMPTY = '{"format":"fromlab-progress","version":2,"lessons":{}}';
  const get = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

  test('a read mark survives a reload and shows on the home page', async () => {
    const lesson = lessons[1] ?? lessons[0];
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await expectLessonTitle(page, lesson);
      const toggle = page.locator('.read-toggle button');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await page.locator('.read-toggle button[aria-pressed="true"]').waitFor();
      await page.reload();
      await expectLessonTitle(page, lesson);
      await page.locator('.read-toggle button[aria-pressed="true"]').waitFor();
      const stored = JSON.parse(await get(page, PROGRESS_KEY));
      assert.deepEqual(stored, { format: 'fromlab-progress', version: 2, lessons: { [lesson.slug]: { read: true } } });
      await page.goto(base);
      const card = page.locator('.lesson-card', { has: page.locator(`a[href="#/lessons/${lesson.slug}"]`) });
      await card.locator('.read-mark', { hasText: 'Read' }).waitFor();
      assert.equal(await page.locator('.lesson-card .read-mark').count(), 1);
    });
  });

  test('read marks of the older format are migrated, and the old value is left alone', async () => {
    const [first, second] = [lessons[0], lessons[1] ?? lessons[0]];
    const old = JSON.stringify({ read: [first.slug, 'a-lesson-that-was-removed'] });
    await withPage(async (page) => {
      await page.goto(base);
      await waitForApp(page);
      await page.evaluate(([key, v]) => localStorage.setItem(key, v), [LEGACY_KEY, old]);
      await page.reload();
      const card = page.locator('.lesson-card', { has: page.locator(`a[href="#/lessons/${first.slug}"]`) });
      await card.locator('.read-mark', { hasText: 'Read' }).waitFor();
      assert.equal(await get(page, PROGRESS_KEY), null, 'nothing is written before the learner acts');
      await page.goto(`${base}#/lessons/${second.slug}`);
      await expectLessonTitle(page, second);
      await page.locator('.read-toggle button').click();
      await page.waitForFunction((key) => localStorage.getItem(key) !== null, PROGRESS_KEY);
      const lessonsStored = JSON.parse(await get(page, PROGRESS_KEY)).lessons;
      assert.ok(lessonsStored[first.slug].read && lessonsStored[second.slug].read);
      assert.ok(lessonsStored['a-lesson-that-was-removed'].read, 'marks of unknown lessons are kept');
      assert.equal(await get(page, LEGACY_KEY), old);
    });
  });

  for (const [what, value] of [
    ['damaged JSON', '{"format":"fromlab-progress","version":2,"lessons":{"distroless"'],
    ['a value of another shape', '{"read": 5, "theme": "dark"}'],
  ]) {
    test(`${what} in storage is set aside with a notice, and never breaks the page`, async () => {
      await withPage(async (page) => {
        await page.goto(base);
        await waitForApp(page);
        await page.evaluate(([key, v]) => localStorage.setItem(key, v), [PROGRESS_KEY, value]);
        await page.reload();
        const notice = page.locator('.notice', { hasText: 'could not be read' });
        await notice.waitFor();
        assert.match(await notice.textContent(), new RegExp(`kept in this browser under “${SET_ASIDE_KEY.replaceAll('.', '\\.')}”`));
        assert.equal(await get(page, SET_ASIDE_KEY), value, 'a copy is set aside before anything else');
        assert.equal(await page.locator('.lesson-card').count(), lessons.length);
        assert.equal(await get(page, PROGRESS_KEY), value);
        await page.goto(`${base}#/lessons/${lessons[0].slug}`);
        await expectLessonTitle(page, lessons[0]);
        assert.equal(await get(page, PROGRESS_KEY), value);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('.notice button', { hasText: 'Download that copy' }).click(),
        ]);
        assert.equal(readFileSync(await download.path(), 'utf8'), value);
        await page.locator('.notice button', { hasText: 'Start fresh' }).click();
        await page.waitForFunction(([key, empty]) => localStorage.getItem(key) === empty, [PROGRESS_KEY, EMPTY]);
        assert.equal(await page.locator('.notice').count(), 0);
        assert.equal(await get(page, SET_ASIDE_KEY), value, 'the set-aside copy stays');
      });
    });
  }
});

describe('the two modules', () => {
  const moduleOf = (page) => page.evaluate(() => document.documentElement.dataset.module);
  const appModuleRequests = (urls) => urls.filter((url) => /\/fromlab-app-[0-9a-f]+(_bg\.wasm|\.js)$/.test(url));

  test('each address starts with the module that has its page', async () => {
    const quizSlug = lessons[0].slug;
    const cases = [
      ['', 'lessons', 'main#main .lesson-card'],
      [`#/lessons/${lessons[0].slug}`, 'lessons', 'main#main h1'],
      [`#/lessons/${lessons[0].slug}/no-such-section`, 'lessons', 'main#main h1'],
      ['#/no/such/page', 'lessons', 'h1:has-text("Page not found")'],
      [`#/embed/lesson/${lessons[0].slug}`, 'lessons', '.embed-root h1'],
      ['#/embed/nothing', 'lessons', 'h1:has-text("No such embed")'],
      ['#/playground', 'app', '#dockerfile'],
      ['#/compare', 'app', 'main#main h1'],
      [`#/quiz/${quizSlug}`, 'app', `h1:has-text("Quiz: ${lessons[0].title}")`],
      ['#/progress', 'app', 'main#main h1'],
      ['#/embed/playground', 'app', '#embed-dockerfile'],
      [`#/embed/quiz/${quizSlug}`, 'app', '.embed-root h1'],
    ];
    await withPage(async (page) => {
      const urls = [];
      page.on('request', (request) => urls.push(request.url()));
      for (const [hash, module, shown] of cases) {
        urls.length = 0;
        await page.goto('about:blank');
        await page.goto(`${base}${hash}`);
        await page.locator(shown).first().waitFor();
        assert.equal(await moduleOf(page), module, `${hash || 'the home page'} runs the ${module} module`);
        const appFetched = appModuleRequests(urls).length > 0;
        assert.equal(appFetched, module === 'app', `${hash || 'the home page'} fetches the app module: ${appFetched}`);
      }
    });
  });

  test('a lesson hands over to the app module for the playground, and back returns to the lesson', async () => {
    const lesson = lessons.find((l) => firstDockerfile(l.body)) ?? assert.fail('no lesson has a dockerfile block');
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await expectLessonTitle(page, lesson);
      assert.equal(await moduleOf(page), 'lessons');
      await page.locator('.code-dockerfile a', { hasText: 'Open in playground' }).first().click();
      await page.locator('#dockerfile').waitFor();
      assert.equal(await moduleOf(page), 'app');
      assert.equal(new URL(page.url()).searchParams.get('module'), 'app');
      assert.equal(await page.locator('#dockerfile').inputValue(), firstDockerfile(lesson.body));
      // A share link made here does not carry the hand-over.
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      const link = await page.getByLabel('Link to share').inputValue();
      assert.equal(new URL(link).search, '', link);
      await page.goBack();
      await expectLessonTitle(page, lesson);
      assert.equal(await moduleOf(page), 'lessons');
      // The app module has every page: from the playground, lessons open without a reload.
      await page.goForward();
      await page.locator('#dockerfile').waitFor();
      await page.evaluate(() => { window.__sameDocument = true; });
      await page.locator('.site-nav a', { hasText: 'Lessons' }).click();
      await page.locator('.lesson-card').first().waitFor();
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload inside the app module');
    });
  });
});

describe('playground links', () => {
  test('"Open in playground" carries a lesson\'s Dockerfile to the playground', async () => {
    const lesson = lessons.find((l) => firstDockerfile(l.body)) ?? assert.fail('no lesson has a dockerfile block');
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await expectLessonTitle(page, lesson);
      await page.locator('.code-dockerfile a', { hasText: 'Open in playground' }).first().click();
      await page.locator('h1', { hasText: 'Playground' }).waitFor();
      const code = await page.locator('#dockerfile').inputValue();
      assert.equal(code, firstDockerfile(lesson.body));
      // The text itself travels, percent-encoded: the lessons module has no compressor.
      assert.match(new URL(page.url()).hash, /^#\/playground\?text=[A-Za-z0-9%._~-]+&from=/);
      await page.locator('a', { hasText: `Back to “${lesson.title}”` }).click();
      await expectLessonTitle(page, lesson);
    });
  });

  test('a damaged share link shows a notice instead of code', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/playground?code=v1.AAAA`);
      await page.locator('.notice', { hasText: 'could not be opened' }).waitFor();
      await page.goto('about:blank');
      await page.goto(`${base}#/playground?code=v9.AAAA`);
      await page.locator('.notice', { hasText: 'cannot read' }).waitFor();
      assert.equal(await page.locator('.scratch-banner').count(), 0, 'nothing was opened');
    });
  });
});

describe('the analysis worker', () => {
  const WORKER_FILES = ['fromlab-worker-loader.js', 'fromlab-worker.js', 'fromlab-worker_bg.wasm'];
  const workerRequests = (urls) => urls.filter((url) => WORKER_FILES.some((file) => url.endsWith(`/${file}`)));

  test('is fetched by the playground, not by the home page or a lesson', async () => {
    const session = await openPage(browser, origin);
    const { page } = session;
    const urls = [];
    page.on('request', (request) => urls.push(request.url()));
    try {
      await page.goto(base);
      await waitForApp(page);
      await page.locator('.lesson-card').first().waitFor();
      await page.goto(`${base}#/lessons/${lessons[0].slug}`);
      await expectLessonTitle(page, lessons[0]);
      await page.locator('.code-dockerfile').first().waitFor();
      assert.ok(urls.some((url) => /\/fromlab-lessons-[0-9a-f]+_bg\.wasm$/.test(url)), 'the lessons module was fetched');
      assert.deepEqual(workerRequests(urls), [], 'the home page and a lesson fetch no worker');

      await page.goto(`${base}#/playground`);
      await page.locator('#dockerfile').waitFor();
      await analysed(page);
      await feedbackList(page).waitFor();
      const fetched = workerRequests(urls);
      for (const file of WORKER_FILES) {
        const url = fetched.find((u) => u.endsWith(`/${file}`));
        assert.ok(url, `the playground fetched ${file}`);
        // Resolved against the page, so it works from any sub-path.
        assert.equal(new URL(url).pathname, `${SUB_PATH}${file}`);
      }
      assert.deepEqual(session.problems(), [], 'the page reported problems');
    } finally {
      await session.close();
    }
  });

  for (const [what, file] of [
    ['its script', 'fromlab-worker-loader.js'],
    ['its module', 'fromlab-worker_bg.wasm'],
  ]) {
    test(`that cannot load ${what} is reported in a notice, and the editor keeps working`, async () => {
      const session = await openPage(browser, origin);
      const { page } = session;
      try {
        await page.route(`**/${file}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
        await page.goto(`${base}#/playground`);
        const editor = page.locator('#dockerfile');
        await editor.waitFor();
        await page.locator('.notice', { hasText: 'The analysis could not run' }).waitFor();
        await page.locator('.feedback-panel', { hasText: 'Feedback is unavailable' }).waitFor();
        await page.locator('.size-panel', { hasText: 'Unavailable: the analysis could not run' }).waitFor();
        await editor.fill('FROM alpine:3.24\nRUN echo kept\n');
        await page.waitForFunction(() => document.querySelector('.code-editor-layer').textContent.includes('echo kept'));
        // The only problems are the missing file itself.
        const others = session.problems().filter((p) => !/404|Failed to load|could not be loaded|NetworkError|failed to fetch/i.test(p));
        assert.deepEqual(others, []);
      } finally {
        await session.close();
      }
    });
  }
});

function feedbackList(page) {
  return page.getByRole('list', { name: 'Feedback', exact: true });
}

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, hash] of [
      ['home', ''],
      ['a lesson', `#/lessons/${lessons[0].slug}`],
      ['the playground with code', null],
    ]) {
      test(`axe finds no violations on ${name} (${colorScheme})`, async () => {
        await withPage(
          async (page) => {
            if (hash === null) {
              await page.goto(`${base}#/lessons/${lessons[0].slug}`);
              await page.locator('.code-dockerfile a', { hasText: 'Open in playground' }).first().click();
              await page.locator('#dockerfile').waitFor();
            } else {
              await page.goto(`${base}${hash}`);
              await waitForApp(page);
            }
            const results = await new AxeBuilder({ page }).analyze();
            const summary = results.violations.map(
              (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
            );
            assert.deepEqual(summary, [], 'axe violations');
          },
          { colorScheme },
        );
      });
    }
  }
});
