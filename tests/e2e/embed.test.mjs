// Browser tests of the embeds. Each embed runs inside a sandboxed iframe
// (`allow-scripts allow-same-origin`) of a host page served from a different port, so a
// different origin, under its own strict CSP, with the documented host script; the
// tests check that the host script applies the embed's height, that the embed works
// there, that the "Embed" action's snippet makes a working embed, that bad parameters
// give notices with their text shown as text, and that axe finds nothing. Lessons,
// quizzes and examples are read from content/, never hard-coded.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { parse as parseToml } from 'smol-toml';
import { ROOT, launchBrowser, openPage, readCourse, startServer, waitForApp } from './support.mjs';

const lessons = readCourse();
const quizzes = lessons.map((lesson) => ({
  ...parseToml(readFileSync(join(ROOT, 'content/quizzes', `${lesson.slug}.toml`), 'utf8')),
  lesson,
}));
const examples = parseToml(readFileSync(join(ROOT, 'content/examples/index.toml'), 'utf8')).examples;
const firstChoiceQuiz =
  quizzes.find((quiz) => quiz.questions[0]?.kind !== 'challenge') ?? assert.fail('no quiz starts with a choice question');
const challenge = (() => {
  for (const quiz of quizzes) {
    const question = quiz.questions.find((q) => q.kind === 'challenge' && q.challenge?.solution);
    if (question) return { quiz, question };
  }
  return assert.fail('no challenge has a solution');
})();

/** A share code as the engine writes it: `v1.` and base64url of zlib. */
const shareCode = (text) => `v1.${deflateSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64url')}`;

let server;
let browser;
let base;
let origin;
let host;
let hostOrigin;
const hostPages = new Map();
let hostSerial = 0;

before(async () => {
  ({ server, base, origin } = await startServer());
  browser = await launchBrowser();
  // The documentation site: another port of 127.0.0.1 is another origin.
  host = createServer((request, response) => {
    const page = hostPages.get(new URL(request.url, 'http://127.0.0.1').pathname);
    if (!page) {
      response.writeHead(404).end('no such host page');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The host runs under a strict policy too: the host script needs no inline code.
      'content-security-policy': `default-src 'none'; script-src ${origin}; frame-src ${origin}; style-src 'self'`,
    });
    response.end(page);
  });
  await new Promise((done) => host.listen(0, '127.0.0.1', done));
  hostOrigin = `http://127.0.0.1:${host.address().port}`;
  assert.notEqual(hostOrigin, origin);
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
  await new Promise((done) => (host ? host.close(done) : done()));
});

/** Serves `body` on the host as a page of its own and returns its address. */
function hostPage(body) {
  hostSerial += 1;
  const path = `/docs/page-${hostSerial}.html`;
  hostPages.set(
    path,
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host documentation</title></head>
<body><main><h1>Documentation that embeds fromlab</h1>
${body}
</main></body></html>`,
  );
  return `${hostOrigin}${path}`;
}

/** A host page with one sandboxed embed of `route` and the host script. */
function hostWith(route) {
  return hostPage(`<iframe data-fromlab-embed title="fromlab embed" src="${base}${route}"
  sandbox="allow-scripts allow-same-origin" width="100%" height="150"></iframe>
<script src="${base}embed-host.js"></script>`);
}

/** Runs `body` with a fresh page and fails if the page or its frames reported a problem. */
async function withPage(body, options = {}) {
  const session = await openPage(browser, options.host ? hostOrigin : origin, {
    ...options,
    alsoAllowed: options.host ? [origin] : [],
  });
  try {
    await body(session.page, session);
    assert.deepEqual(session.problems(), [], 'the page reported problems');
  } finally {
    await session.close();
  }
}

/** The embed's frame, once the app has rendered in it. */
async function embedFrame(page, selector = 'iframe[data-fromlab-embed]') {
  const frame = await (await page.locator(selector).elementHandle()).contentFrame();
  assert.ok(frame, 'the iframe has a frame');
  await frame.locator('#embed-title').waitFor();
  return frame;
}

/**
 * Waits until the iframe's height is its content's height (as the embed measures it)
 * and differs from `than`; returns it.
 */
async function heightApplied(page, frame, than = 150, selector = 'iframe[data-fromlab-embed]') {
  const deadline = Date.now() + 15_000;
  let last;
  for (;;) {
    const content = await frame.evaluate(() => Math.ceil(document.querySelector('.embed-root').getBoundingClientRect().height));
    const applied = await page.locator(selector).evaluate((iframe) => iframe.clientHeight);
    last = { content, applied };
    if (applied !== than && Math.abs(applied - content) <= 1) return applied;
    if (Date.now() > deadline) assert.fail(`the iframe's height never followed its content: ${JSON.stringify(last)}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
}

describe('embeds in a sandboxed iframe on another origin', () => {
  test('the playground: the code from the address, chosen panels, live feedback, and its height', async () => {
    const example = examples[0];
    const route = `#/embed/playground?example=${example.id}&panels=code,feedback,size&id=docs-1`;
    await withPage(
      async (page) => {
        await page.goto(hostWith(route));
        const frame = await embedFrame(page);
        const want = readFileSync(join(ROOT, 'content/examples', `${example.id}.Dockerfile`), 'utf8');
        assert.equal(await frame.locator('#embed-dockerfile').inputValue(), want.replace(/\r\n?/g, '\n'));
        await frame.locator('.size-total').waitFor();
        assert.equal(await frame.getByRole('heading', { name: 'Structure' }).count(), 0, 'only the chosen panels');
        const before = await heightApplied(page, frame);
        // The height message has the documented shape and echoes the id.
        await page.evaluate(() => {
          window.heightMessages = [];
          window.addEventListener('message', (event) => window.heightMessages.push(event.data));
        });
        await frame.locator('#embed-dockerfile').fill('FROM python:latest\nRUN apt-get update && apt-get install -y curl\n');
        await frame.locator('.feedback-list', { hasText: 'latest-tag' }).waitFor();
        await page.locator('iframe[data-fromlab-embed]').evaluate((iframe) => { iframe.width = '60%'; });
        await heightApplied(page, frame, before);
        await page.waitForFunction(() => window.heightMessages.length > 0);
        const message = await page.evaluate(() => window.heightMessages.at(-1));
        assert.deepEqual(Object.keys(message).sort(), ['height', 'id', 'type']);
        assert.equal(message.type, 'fromlab:height');
        assert.equal(message.id, 'docs-1');
        assert.ok(Number.isInteger(message.height) && message.height > 150, JSON.stringify(message));
        assert.deepEqual(await frame.evaluate(() => Object.keys(localStorage)), [], 'the embed saved nothing');
      },
      { host: true },
    );
  });

  test('a quiz: answering works, nothing is saved, and the height follows the content', async () => {
    const quiz = firstChoiceQuiz;
    await withPage(
      async (page) => {
        await page.goto(hostWith(`#/embed/quiz/${quiz.lesson.slug}`));
        const frame = await embedFrame(page);
        assert.equal((await frame.locator('h1').textContent()).trim(), `Quiz: ${quiz.lesson.title}`);
        assert.equal(await frame.locator('.site-header, .site-footer, .lesson-sidebar').count(), 0, 'no site chrome');
        const before = await heightApplied(page, frame);
        await frame.locator('.quiz-option input').first().check();
        await frame.getByRole('button', { name: 'Submit answer' }).click();
        await frame.locator('#quiz-result').waitFor();
        const afterAnswer = await heightApplied(page, frame, before);
        assert.ok(afterAnswer > before, `the explanations made it taller (${before} → ${afterAnswer})`);
        assert.deepEqual(await frame.evaluate(() => Object.keys(localStorage)), [], 'the embed saved nothing');
      },
      { host: true },
    );
  });

  test('a challenge: solving it turns every goal met', async () => {
    const { quiz, question } = challenge;
    await withPage(
      async (page) => {
        await page.goto(hostWith(`#/embed/challenge/${quiz.lesson.slug}/${question.id}`));
        const frame = await embedFrame(page);
        await heightApplied(page, frame);
        const goals = question.challenge.goals.length;
        await frame.locator('.quiz-goals-title', { hasText: `of ${goals} met` }).waitFor();
        await frame.locator(`#quiz-${quiz.lesson.slug}-${question.id}-editor`).fill(question.challenge.solution);
        await frame.locator('.quiz-goals-title', { hasText: `Goals: ${goals} of ${goals} met` }).waitFor();
        assert.equal(await frame.getByRole('button', { name: /^Embed/ }).count(), 0, 'no Embed action inside an embed');
      },
      { host: true },
    );
  });

  test('a lesson: its text without the quiz when quiz=off, sized to its full length', async () => {
    const lesson = lessons[1] ?? lessons[0];
    await withPage(
      async (page) => {
        await page.goto(hostWith(`#/embed/lesson/${lesson.slug}?quiz=off`));
        const frame = await embedFrame(page);
        assert.equal((await frame.locator('h1').textContent()).trim(), lesson.title);
        assert.equal(await frame.locator('.lesson-quiz').count(), 0);
        const height = await heightApplied(page, frame);
        assert.ok(height > 800, `a whole lesson is tall (${height})`);
        // A link inside the embed leads to another embed, never to the whole site.
        await frame.locator('.code-dockerfile a', { hasText: 'Open in playground' }).first().click();
        await frame.locator('#embed-dockerfile').waitFor();
        await frame.waitForFunction(() => document.activeElement?.id === 'embed-title');
        await frame.locator('.embed-note', { hasText: `An example from the lesson “${lesson.title}”` }).waitFor();
        assert.equal(await frame.locator('.site-header').count(), 0);
        assert.equal(await frame.locator('.notice').count(), 0, 'the link\'s parameters are all understood');
      },
      { host: true },
    );
  });

  test('the host script ignores height messages from any other window', async () => {
    await withPage(
      async (page) => {
        await page.goto(hostWith(`#/embed/quiz/${firstChoiceQuiz.lesson.slug}`));
        const frame = await embedFrame(page);
        const applied = await heightApplied(page, frame);
        // The host script listened first, so it has handled the forged message by the
        // time this listener hears it.
        await page.evaluate(
          () =>
            new Promise((done) => {
              window.addEventListener('message', () => setTimeout(done, 0), { once: true });
              window.postMessage({ type: 'fromlab:height', height: 4321, id: null }, '*');
            }),
        );
        assert.equal(await page.locator('iframe[data-fromlab-embed]').evaluate((iframe) => iframe.clientHeight), applied);
      },
      { host: true },
    );
  });
});

describe('the Embed action', () => {
  test('on a quiz page: the snippet is text, the preview works, and pasted into a host it works', async () => {
    const quiz = firstChoiceQuiz;
    let snippet;
    await withPage(async (page) => {
      await page.goto(`${base}#/quiz/${quiz.lesson.slug}`);
      await waitForApp(page);
      await page.getByRole('button', { name: 'Embed this quiz' }).click();
      const code = page.getByLabel('HTML to paste into your page');
      snippet = await code.inputValue();
      assert.notEqual(await code.getAttribute('readonly'), null, 'the snippet is read-only text');
      assert.match(snippet, new RegExp(`src="${base.replace(/[.]/g, '\\.')}#/embed/quiz/${quiz.lesson.slug}"`));
      assert.match(snippet, /sandbox="allow-scripts allow-same-origin"/);
      assert.match(snippet, /title="Quiz: /);
      assert.ok(snippet.includes(`<script src="${base}embed-host.js" defer></script>`), snippet);
      const preview = await embedFrame(page, '.embed-preview');
      assert.equal((await preview.locator('h1').textContent()).trim(), `Quiz: ${quiz.lesson.title}`);
      await heightApplied(page, preview, 0, '.embed-preview');
    });
    await withPage(
      async (page) => {
        await page.goto(hostPage(snippet));
        const frame = await embedFrame(page);
        assert.equal((await frame.locator('h1').textContent()).trim(), `Quiz: ${quiz.lesson.title}`);
        await heightApplied(page, frame, 480);
      },
      { host: true },
    );
  });

  test('in the playground: chosen panels and read-only carry into the snippet and the embed', async () => {
    let snippet;
    let draft;
    await withPage(async (page) => {
      await page.goto(`${base}#/playground`);
      await page.locator('#dockerfile').waitFor();
      draft = await page.locator('#dockerfile').inputValue();
      await page.getByRole('button', { name: 'Embed this Dockerfile' }).click();
      await page.locator('#embed-panel-feedback').uncheck();
      await page.getByLabel('Read-only').check();
      const code = page.getByLabel('HTML to paste into your page');
      await page.waitForFunction(() => /mode=read/.test(document.querySelector('.embed-code').value));
      snippet = await code.inputValue();
      assert.match(snippet, /#\/embed\/playground\?code=v1\.[A-Za-z0-9_-]+&amp;mode=read&amp;panels=code,size"/);
    });
    await withPage(
      async (page) => {
        await page.goto(hostPage(snippet));
        const frame = await embedFrame(page);
        const editor = frame.locator('#embed-dockerfile');
        assert.equal(await editor.inputValue(), draft);
        assert.notEqual(await editor.getAttribute('readonly'), null, 'read-only');
        await frame.locator('.size-total').waitFor();
        assert.equal(await frame.locator('.feedback-panel').count(), 0);
        await heightApplied(page, frame, 480);
      },
      { host: true },
    );
  });
});

describe('bad embed addresses', () => {
  test('HTML and script in parameters render as text, with a notice for each bad one', async () => {
    const payload = '<img src="x" onerror="window.pwned=1"><script>window.pwned=1</script>';
    const query = [
      `title=${encodeURIComponent(payload)}`,
      `panels=size,${encodeURIComponent('<b>bold</b>')}`,
      'code=v1.not-a-real-code',
      'colour=red',
    ].join('&');
    await withPage(async (page) => {
      await page.goto(`${base}#/embed/playground?${query}`);
      await page.locator('#embed-title').waitFor();
      assert.equal(await page.locator('#embed-title').textContent(), payload);
      const notice = page.locator('.notice');
      await notice.filter({ hasText: 'no panel called “<b>bold</b>”' }).waitFor();
      await notice.filter({ hasText: 'could not be read' }).waitFor();
      await notice.filter({ hasText: 'no parameter called “colour”' }).waitFor();
      assert.equal(await page.locator('main img, main b, main script').count(), 0, 'nothing became markup');
      assert.equal(await page.evaluate(() => window.pwned), undefined);
      await page.locator('.size-total').waitFor();
    });
  });

  for (const [what, route, words] of [
    ['an unknown lesson', '#/embed/lesson/no-such-lesson', 'There is no lesson called “no-such-lesson”'],
    ['an unknown quiz', '#/embed/quiz/no-such-lesson', 'There is no lesson called “no-such-lesson”'],
    ['an unknown challenge', `#/embed/challenge/${challenge.quiz.lesson.slug}/no-such-question`, 'no challenge called “no-such-question”'],
    ['an unknown embed', '#/embed/slides/3', 'There is no embed at “embed/slides/3”'],
  ]) {
    test(`${what} gives a notice, not a blank page`, async () => {
      await withPage(async (page) => {
        await page.goto(`${base}${route}`);
        await page.locator('#embed-title').waitFor();
        await page.locator('.notice', { hasText: words }).waitFor();
      });
    });
  }
});

describe('an embedded playground without its code panel', () => {
  test('names lines as text, with no button that would lead to a missing editor', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/embed/playground?example=${examples[0].id}&panels=size,structure`);
      await page.locator('.size-total').waitFor();
      await page.locator('.chart-line').first().waitFor();
      assert.equal(await page.locator('.size-panel button', { hasText: /^line \d+$/ }).count(), 0);
      const structure = page.locator('.structure-panel');
      await structure.locator('.stage-goto .goto-text').first().waitFor();
      await structure.locator('summary').first().click();
      await structure.locator('.stage-instructions li .goto-text').first().waitFor();
      assert.equal(await structure.locator('button').count(), 0, 'no go-to buttons');
      // With the code panel, the same lines are buttons.
      await page.goto('about:blank');
      await page.goto(`${base}#/embed/playground?example=${examples[0].id}&panels=code,size,structure`);
      await page.locator('.size-panel button', { hasText: /^line \d+$/ }).first().waitFor();
      await page.locator('.structure-panel .stage-goto button').first().waitFor();
    });
  });
});

describe('embeds with storage blocked', () => {
  test('a quiz embed still works when localStorage throws', async () => {
    await withPage(
      async (page, session) => {
        await session.context.addInitScript(() => {
          Object.defineProperty(window, 'localStorage', {
            configurable: true,
            get() {
              throw new DOMException('storage is blocked', 'SecurityError');
            },
          });
        });
        await page.goto(hostWith(`#/embed/quiz/${firstChoiceQuiz.lesson.slug}`));
        const frame = await embedFrame(page);
        await frame.locator('.quiz-option input').first().check();
        await frame.getByRole('button', { name: 'Submit answer' }).click();
        await frame.locator('#quiz-result').waitFor();
        await heightApplied(page, frame);
      },
      { host: true },
    );
  });
});

describe('accessibility of embeds', () => {
  const routes = [
    ['the playground with every panel', `#/embed/playground?example=${examples[0].id}&panels=code,feedback,size,spectrum,alternatives,structure`],
    ['a read-only playground', `#/embed/playground?example=${examples[0].id}&mode=read&panels=code,feedback,alternatives`],
    ['a quiz', `#/embed/quiz/${firstChoiceQuiz.lesson.slug}`],
    ['a challenge', `#/embed/challenge/${challenge.quiz.lesson.slug}/${challenge.question.id}`],
    ['a lesson', `#/embed/lesson/${lessons[0].slug}`],
    ['bad parameters', '#/embed/playground?panels=nothing&mode=write'],
  ];
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, route] of routes) {
      test(`axe finds no violations on ${name} (${colorScheme})`, async () => {
        await withPage(
          async (page) => {
            await page.goto(`${base}${route}`);
            await page.locator('#embed-title').waitFor();
            await page.locator('main').waitFor();
            assert.deepEqual(await axeViolations(page), [], 'axe violations');
          },
          { colorScheme },
        );
      });
    }
  }
});
