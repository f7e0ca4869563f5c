// Browser tests of the playground and compare mode (issue 5), against the release build
// served from a sub-path. Every test also fails on a console error, an uncaught error, a
// CSP violation or a request to another origin (see support.mjs).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, analysed, launchBrowser, openPage, readCourse, startServer, waitForApp } from './support.mjs';

const DRAFT_KEY = 'fromlab.draft.v1';
const PAIR_KEY = 'fromlab.compare.v1';
const SCREENSHOTS = join(ROOT, 'target/screenshots');
const EXAMPLES = readExamples();
const TYPICAL = readFileSync(join(ROOT, 'crates/engine/tests/fixtures/share/typical-40-lines.Dockerfile'), 'utf8');

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

/** The gallery as the tests expect it, from content/examples/index.toml. */
function readExamples() {
  const index = readFileSync(join(ROOT, 'content/examples/index.toml'), 'utf8');
  const examples = [];
  for (const block of index.split('[[examples]]').slice(1)) {
    const field = (name) => JSON.parse(new RegExp(`^${name}\\s*=\\s*(".*")\\s*$`, 'm').exec(block)[1]);
    const id = field('id');
    examples.push({
      id,
      title: field('title'),
      dockerfile: readFileSync(join(ROOT, 'content/examples', `${id}.Dockerfile`), 'utf8'),
    });
  }
  if (examples.length < 10) throw new Error('the gallery needs at least 10 examples');
  return examples;
}

/** Runs `body` with a fresh page (its own browser context) and fails on any problem. */
async function withPage(body, options) {
  const session = await openPage(browser, origin, options);
  try {
    if (options?.viewport) await session.page.setViewportSize(options.viewport);
    await body(session.page, session);
    assert.deepEqual(session.problems(), [], 'the page reported problems');
  } finally {
    await session.close();
  }
}

async function openPlayground(page, query = '') {
  await page.goto(`${base}#/playground${query}`);
  await waitForApp(page);
  await page.locator('#dockerfile').waitFor();
}

/** Replaces the editor's text, as a paste would, and waits for its analysis. */
async function setEditor(page, text, id = 'dockerfile') {
  await page.locator(`#${id}`).fill(text);
  await analysed(page);
}

const feedbackItems = (page) => page.getByRole('list', { name: 'Feedback', exact: true }).getByRole('listitem');

/** "1.1 GB on disk · 412 MB to pull" → bytes on disk. */
function parseDisk(text) {
  const match = /([\d.]+)\s*(MB|GB)\s+on disk/.exec(text);
  assert.ok(match, `no size on disk in ${JSON.stringify(text)}`);
  return Number(match[1]) * (match[2] === 'GB' ? 1e9 : 1e6);
}

async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
}

describe('the editor', () => {
  test('typing shows the right diagnostics, underlined in place and listed errors first', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const editor = page.getByRole('textbox', { name: 'Dockerfile', exact: true });
      await editor.fill('');
      await editor.pressSequentially('FROM python:latest\nFROMM x\n');
      const items = feedbackItems(page);
      await items.filter({ hasText: 'latest-tag' }).waitFor();
      await items.filter({ hasText: 'unknown-instruction' }).waitFor();
      assert.match(await items.first().textContent(), /Error/, 'errors come first');
      assert.match(await items.first().textContent(), /unknown-instruction/);
      const latest = items.filter({ hasText: 'latest-tag' });
      assert.match(await latest.textContent(), /Warning/);
      assert.match(await latest.textContent(), /uses the latest tag/);
      assert.equal(await latest.locator('.feedback-message code').first().textContent(), 'latest');
      // The tag is underlined on its own (other findings cover the whole reference), and
      // the gutter marks line 1.
      const marked = await page.locator('.code-editor-layer .code-editor-line').first().locator('.diag').allTextContents();
      assert.ok(marked.includes('latest'), JSON.stringify(marked));
      assert.equal(await page.locator('.gutter-row').first().locator('.gutter-marker').count(), 1);
      // The message is on hover (a title) and at the caret (a status line).
      await page.locator('.gutter-row').first().locator('.gutter-marker').hover();
      assert.match(await page.locator('.gutter-row').first().locator('.gutter-marker').getAttribute('title'), /latest/);
      await editor.focus();
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 14; i += 1) await page.keyboard.press('ArrowRight');
      await page.locator('.code-editor-caret', { hasText: 'latest' }).waitFor();
      // Fixing the text removes those findings.
      await editor.fill('FROM python:3.12-slim-bookworm\n');
      await page.waitForFunction(() => !/latest-tag|unknown-instruction/.test(document.querySelector('.feedback-list').textContent));
    });
  });

  test('Tab indents, Ctrl+Z undoes it, and Escape then Tab leaves the editor', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const editor = page.locator('#dockerfile');
      await editor.fill('RUN a \\\n&& b');
      await editor.focus();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      assert.equal(await editor.inputValue(), 'RUN a \\\n    && b');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'dockerfile', 'Tab stays in the editor');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await editor.inputValue(), 'RUN a \\\n&& b');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+z');
      assert.equal(await editor.inputValue(), 'RUN a \\\n&& b', 'the indent is in the undo history');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement.id), 'dockerfile', 'Escape then Tab leaves');
      assert.equal(await editor.inputValue(), 'RUN a \\\n&& b');
      await page.getByText('To leave the editor with the keyboard, press').waitFor();
    });
  });

  test('"Go to line" moves the caret to the diagnostic', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const text = '# comment\nFROM alpine:3.24\nFROM python:latest\n';
      await setEditor(page, text);
      await feedbackItems(page).filter({ hasText: 'latest-tag' }).getByRole('button', { name: /Go to line 3/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'dockerfile');
      const selection = await page.evaluate(() => {
        const area = document.getElementById('dockerfile');
        return [area.selectionStart, area.selectionEnd];
      });
      const start = text.indexOf('latest');
      assert.deepEqual(selection, [start, start + 'latest'.length]);
    });
  });

  test('a long Dockerfile is drawn where it is scrolled, lined up with the text, down to its last line', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const comments = Array.from({ length: 999 }, (_, i) => `# line ${i + 1}`).join('\n');
      const text = `${comments}\nFROM python:latest\n`;
      await setEditor(page, text);
      await feedbackItems(page).filter({ hasText: 'latest-tag' }).getByRole('button', { name: /Go to line 1000/ }).click();
      const start = text.indexOf('latest');
      assert.deepEqual(
        await page.evaluate(() => [document.getElementById('dockerfile').selectionStart, document.getElementById('dockerfile').selectionEnd]),
        [start, start + 'latest'.length],
      );
      // The line is drawn with its colours and underline where the textarea has it, in
      // view, and not hidden by the editor's box.
      const line = page.locator('.code-editor-line', { hasText: 'FROM python:latest' });
      await line.locator('.diag', { hasText: 'latest' }).waitFor();
      const placed = await page.evaluate(() => {
        const line = [...document.querySelectorAll('.code-editor-line')].find((l) => l.textContent === 'FROM python:latest');
        const box = line.getBoundingClientRect();
        const row = document.querySelector('.gutter-row:nth-child(1000)').getBoundingClientRect();
        const view = document.querySelector('.code-editor-scroll').getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 10, box.top + box.height / 2);
        return { offset: Math.abs(box.top - row.top), inView: box.top >= view.top && box.bottom <= view.bottom, hit: hit?.id, drawn: document.querySelectorAll('.code-editor-line').length };
      });
      assert.ok(placed.offset < 2, `the line is ${placed.offset}px from its number`);
      assert.ok(placed.inView, 'the line is in view');
      assert.equal(placed.hit, 'dockerfile', 'the textarea lies over the drawn line');
      // Only the lines near the view are drawn with colours; the rest is plain text.
      assert.ok(placed.drawn < 300, `${placed.drawn} lines drawn`);
      assert.ok((await page.locator('.code-editor-layer').textContent()).includes('# line 1\n# line 2\n'));
      // Back at the top, the first lines are drawn again.
      await page.keyboard.press('Control+Home');
      await page.locator('.code-editor-line', { hasText: /^# line 1$/ }).waitFor();
    });
  });

  test('the Structure panel\'s buttons move the caret to a FROM, an instruction and a copy, in the text as it is', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const text = 'FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n';
      await setEditor(page, text);
      const panel = page.getByRole('region', { name: /Structure/ });
      const caret = () => page.evaluate(() => document.getElementById('dockerfile').selectionStart);
      await panel.getByRole('button', { name: 'Go to FROM on line 4' }).click();
      assert.equal(await caret(), text.indexOf('FROM scratch'));
      await panel.getByText('2 instructions after FROM').click();
      await panel.getByRole('button', { name: 'line 3', exact: true }).click();
      assert.equal(await caret(), text.indexOf('RUN go build'));
      await panel.getByRole('listitem').filter({ hasText: 'COPY --from' }).getByRole('button', { name: 'line 5' }).click();
      assert.equal(await caret(), text.indexOf('COPY --from'));
      // Typing above moves every target with the text.
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('# built in two stages\n');
      const typed = await page.locator('#dockerfile').inputValue();
      await panel.getByRole('button', { name: 'Go to FROM on line 5' }).click();
      assert.equal(await caret(), typed.indexOf('FROM scratch'));
    });
  });

  test('"Explain" shows the rule docs as text, and the lesson link opens the lesson', async () => {
    const lessons = readCourse();
    await withPage(async (page) => {
      await openPlayground(page);
      await setEditor(page, 'FROM python:latest\n');
      const item = feedbackItems(page).filter({ hasText: 'latest-tag' });
      const explain = item.getByRole('button', { name: /Explain/ });
      assert.equal(await explain.getAttribute('aria-expanded'), 'false');
      await explain.click();
      assert.equal(await explain.getAttribute('aria-expanded'), 'true');
      for (const heading of ['What it does', 'Why it matters', 'Example', 'Use instead', 'Fix safety', 'Learn more']) {
        await item.getByRole('heading', { name: heading, exact: true }).waitFor();
      }
      const lesson = lessons.find((l) => l.slug === 'pinning-tags-and-digests');
      await item.getByRole('link', { name: `Lesson: ${lesson.title}` }).click();
      await page.locator('h1', { hasText: lesson.title }).waitFor();
    });
  });

  test('applying a safe fix changes the text, removes the finding, and Ctrl+Z takes it back', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const text = 'FROM alpine:3.24 as build\nFROM build\n';
      await setEditor(page, text);
      const item = feedbackItems(page).filter({ hasText: 'from-as-casing' });
      await item.getByRole('button', { name: /Apply fix/ }).click();
      await page.waitForFunction(() => document.getElementById('dockerfile').value.includes('AS build'));
      assert.equal(await page.locator('#dockerfile').inputValue(), 'FROM alpine:3.24 AS build\nFROM build\n');
      await page.waitForFunction(() => !/from-as-casing/.test(document.querySelector('.feedback-list').textContent));
      await page.keyboard.press('Control+z');
      assert.equal(await page.locator('#dockerfile').inputValue(), text);
      await item.waitFor();
    });
  });

  test('an unsafe fix asks first, on the page, and applies only when confirmed', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const text = 'FROM python:3.12-slim-bookworm\nCMD python3 app.py\n';
      await setEditor(page, text);
      const item = feedbackItems(page).filter({ hasText: 'shell-form-command' });
      await item.getByRole('button', { name: /Apply fix \(check first\)/ }).click();
      await item.getByRole('group', { name: 'Confirm the fix' }).waitFor();
      await item.getByRole('button', { name: 'Cancel' }).click();
      assert.equal(await page.locator('#dockerfile').inputValue(), text, 'cancel changes nothing');
      await item.getByRole('button', { name: /Apply fix/ }).click();
      await item.getByRole('button', { name: 'Apply anyway' }).click();
      await page.waitForFunction(() => document.getElementById('dockerfile').value.includes('CMD ["python3", "app.py"]'));
      await page.waitForFunction(() => !/shell-form-command/.test(document.querySelector('.feedback-list').textContent));
    });
  });

  test('a script payload in a shared Dockerfile renders as text', async () => {
    const payload = 'FROM alpine:3.24\n# <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">\nRUN echo "</textarea><b>bold</b>"\n';
    await withPage(async (page) => {
      await page.goto(base);
      await waitForApp(page);
      const code = await shareCodeFor(page, payload);
      await openPlayground(page, `?code=${code}`);
      assert.equal(await page.locator('#dockerfile').inputValue(), payload);
      const layer = await page.locator('.code-editor-layer').textContent();
      assert.ok(layer.includes('<script>window.__pwned = 1</script>'), layer);
      assert.equal(await page.locator('.code-editor-layer script, .code-editor-layer img, .code-editor-layer b').count(), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    });
  });
});

/** A share code made by the app itself: type the text, press Share, read the link. */
async function shareCodeFor(page, text) {
  await openPlayground(page);
  await setEditor(page, text);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Link to share').inputValue();
  return new URL(link).hash.replace(/^#\/playground\?code=/, '');
}

describe('the size estimate', () => {
  const full = EXAMPLES.find((e) => e.id === 'python-numpy-full').dockerfile;

  test('changing FROM python:3.12 to python:3.12-slim drops the estimate by more than 800 MB', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      await setEditor(page, full);
      const region = page.getByRole('region', { name: 'Estimated size' });
      const total = region.locator('.size-total');
      await total.waitFor();
      assert.match(await total.textContent(), /^[\d.]+ (MB|GB) on disk · [\d.]+ (MB|GB) to pull$/);
      const beforeText = await total.textContent();
      const before = parseDisk(beforeText);
      // Type "-slim" after the tag, as a learner would.
      const at = full.indexOf('FROM python:3.12\n') + 'FROM python:3.12'.length;
      await page.evaluate((at) => {
        const area = document.getElementById('dockerfile');
        area.focus();
        area.setSelectionRange(at, at);
      }, at);
      await page.keyboard.type('-slim');
      await page.waitForFunction((was) => /-slim/.test(document.getElementById('dockerfile').value) && document.querySelector('.size-total')?.textContent !== was, beforeText);
      const after = parseDisk(await total.textContent());
      assert.ok(before - after > 800e6, `the estimate went from ${before} to ${after} bytes`);
      // The chart shows the base apart, then the layers largest first, each with a reason.
      assert.equal(await region.locator('.chart-base svg.layer-bar').count(), 1);
      const sizes = await region.locator('ol.chart-rows .chart-size').allTextContents();
      assert.ok(sizes.length >= 1, 'at least one layer is drawn');
      assert.ok(await region.locator('ol.chart-rows .chart-reason').first().textContent());
      // The spectrum places the new base.
      const here = page.locator('.spectrum-point.is-current');
      assert.match(await here.textContent(), /slim/);
    });
  });

  test('a row of "Other bases" rewrites the final FROM, and Ctrl+Z takes it back', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      await setEditor(page, full);
      const table = page.getByRole('table', { name: 'Other bases' });
      const row = table.getByRole('row', { name: /python:3\.12-slim/ });
      await row.getByRole('button', { name: 'Try it: rewrite the final FROM to python:3.12-slim' }).click();
      await page.waitForFunction(() => /^FROM python:3\.12-slim$/m.test(document.getElementById('dockerfile').value));
      assert.equal(await page.locator('#dockerfile').inputValue(), full.replace('FROM python:3.12\n', 'FROM python:3.12-slim\n'));
      await page.locator('.spectrum-point.is-current', { hasText: 'slim' }).waitFor();
      await page.keyboard.press('Control+z');
      assert.equal(await page.locator('#dockerfile').inputValue(), full);
    });
  });

  test('the build-context assumption is shown and changes the estimate', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      await setEditor(page, 'FROM python:3.12-slim\nCOPY . /app\n');
      const total = page.locator('.size-total');
      await total.waitFor();
      const field = page.getByLabel('Build context copied by COPY . (MB)');
      assert.equal(await field.inputValue(), '5');
      const before = await total.textContent();
      await field.fill('500');
      await page.waitForFunction((was) => document.querySelector('.size-total').textContent !== was, before);
      assert.ok(parseDisk(await total.textContent()) - parseDisk(before) > 400e6);
    });
  });
});

describe('keeping and sharing work', () => {
  test('the draft survives a reload', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const text = 'FROM debian:bookworm-slim\nRUN echo kept\n';
      await setEditor(page, text);
      await page.waitForFunction(
        ([key, want]) => JSON.parse(localStorage.getItem(key) ?? 'null')?.dockerfile === want,
        [DRAFT_KEY, text],
      );
      await page.reload();
      await page.locator('#dockerfile').waitFor();
      assert.equal(await page.locator('#dockerfile').inputValue(), text);
    });
  });

  test('a share link round-trips in a fresh browser context and never touches the draft', async () => {
    const shared = TYPICAL;
    let link;
    await withPage(async (page) => {
      await openPlayground(page);
      await setEditor(page, shared);
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      link = await page.getByLabel('Link to share').inputValue();
      assert.ok(link.length < 2000, `a typical 40-line Dockerfile makes a ${link.length}-character link`);
      assert.match(link, /#\/playground\?code=v1\.[A-Za-z0-9_-]+$/);
    });
    await withPage(async (page) => {
      // Another learner, with a draft of their own.
      await openPlayground(page);
      const mine = 'FROM alpine:3.24\n# my own draft\n';
      await setEditor(page, mine);
      await page.goto(link);
      await page.locator('.scratch-banner', { hasText: 'shared link' }).waitFor();
      assert.equal(await page.locator('#dockerfile').inputValue(), shared);
      // Editing the copy leaves the draft alone.
      await page.locator('#dockerfile').press('Control+End');
      await page.locator('#dockerfile').pressSequentially('# edited copy');
      assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).dockerfile, mine);
      await page.getByRole('button', { name: 'Back to my draft' }).click();
      await page.waitForFunction(() => location.hash === '#/playground');
      assert.equal(await page.locator('#dockerfile').inputValue(), mine);
      // Keeping a copy asks first, then replaces the draft.
      await page.goto(link);
      await page.getByRole('button', { name: 'Keep this as my draft' }).click();
      await page.getByRole('button', { name: 'Replace my draft' }).click();
      await page.waitForFunction(() => location.hash === '#/playground');
      assert.ok((await page.locator('#dockerfile').inputValue()).startsWith(shared));
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).dockerfile;
      assert.ok(stored.startsWith(shared), 'the kept copy is saved');
    });
  });

  test('a corrupt, truncated or unknown-version link shows a notice and leaves the draft intact', async () => {
    await withPage(async (page) => {
      const code = await shareCodeFor(page, TYPICAL);
      const mine = 'FROM alpine:3.24\n# precious\n';
      await setEditor(page, mine);
      await page.waitForFunction(([key]) => localStorage.getItem(key)?.includes('precious'), [DRAFT_KEY]);
      const stored = await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY);
      for (const [bad, says] of [
        [code.slice(0, code.length - 7), 'could not be opened'],
        [`${code.slice(0, 20)}A${code.slice(21)}`, 'could not be opened'],
        ['v9.AAAA', 'cannot read'],
        ['hello', 'not a fromlab share code'],
      ]) {
        await page.goto('about:blank');
        await openPlayground(page, `?code=${bad}`);
        await page.locator('.notice', { hasText: says }).waitFor();
        await page.locator('.notice', { hasText: 'Your draft is shown instead, unchanged' }).waitFor();
        assert.equal(await page.locator('#dockerfile').inputValue(), mine);
        assert.equal(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY), stored);
      }
    });
  });

  test('a damaged saved draft is reported, shown, and only replaced when the learner says so', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const damaged = '{"dockerfile": "FROM alp';
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [DRAFT_KEY, damaged]);
      await page.reload();
      await page.locator('.notice', { hasText: 'could not be read' }).waitFor();
      await setEditor(page, 'FROM scratch\n');
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY), damaged, 'typing never overwrites it');
      await page.getByText('Show what is stored').click();
      await page.locator('.stored-value pre', { hasText: damaged }).waitFor();
      await page.getByRole('button', { name: 'Save my work over it' }).click();
      await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.dockerfile === 'FROM scratch\n', DRAFT_KEY);
      assert.equal(await page.locator('.notice', { hasText: 'could not be read' }).count(), 0);
    });
  });

  test('"Open in playground" on a lesson opens its code in the editor as a copy', async () => {
    const lesson = readCourse().find((l) => /```dockerfile/.test(l.body));
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await page.locator('h1', { hasText: lesson.title }).waitFor();
      const block = page.locator('.code-dockerfile').first();
      const code = await block.locator('pre code').textContent();
      await block.getByRole('link', { name: 'Open in playground' }).click();
      await page.locator('#dockerfile').waitFor();
      assert.equal(await page.locator('#dockerfile').inputValue(), code);
      await page.locator('.scratch-banner', { hasText: lesson.title }).waitFor();
    });
  });
});

describe('the gallery', () => {
  test('lists every example, and each opens as a copy beside the draft', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const gallery = page.getByRole('region', { name: 'Examples' });
      for (const example of EXAMPLES) {
        await gallery.getByRole('link', { name: example.title, exact: true }).waitFor();
      }
      const draft = await page.locator('#dockerfile').inputValue();
      for (const example of [EXAMPLES[0], EXAMPLES.at(-1)]) {
        await gallery.getByRole('link', { name: example.title, exact: true }).click();
        await page.locator('.scratch-banner', { hasText: example.title }).waitFor();
        assert.equal(await page.locator('#dockerfile').inputValue(), example.dockerfile);
      }
      await page.getByRole('button', { name: 'Back to my draft' }).click();
      await page.waitForFunction(() => location.hash === '#/playground');
      assert.equal(await page.locator('#dockerfile').inputValue(), draft);
    });
  });
});

describe('compare mode', () => {
  test('starts from full versus slim, shows the difference, and follows edits to either side', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/compare`);
      await waitForApp(page);
      const a = page.getByRole('textbox', { name: 'Dockerfile A' });
      const b = page.getByRole('textbox', { name: 'Dockerfile B' });
      assert.match(await a.inputValue(), /^FROM python:3\.12$/m);
      assert.match(await b.inputValue(), /^FROM python:3\.12-slim$/m);
      const table = page.getByRole('table', { name: 'A and B compared' });
      await table.waitFor();
      await analysed(page);
      // The seeds' experiment: slim saves most of a gigabyte on disk.
      const disk = await table.getByRole('row', { name: /On disk/ }).locator('td').allTextContents();
      assert.ok(parseDisk(`${disk[0]} on disk`) - parseDisk(`${disk[1]} on disk`) > 800e6, JSON.stringify(disk));
      assert.match(disk[2], /^−/);
      const warnings = async () => (await table.getByRole('row', { name: /Warnings/ }).textContent()).trim();
      const before = await warnings();
      await b.fill('FROM python:latest\nFROMM x\n');
      await analysed(page);
      assert.notEqual(await warnings(), before, 'B gained a warning');
      assert.match(await table.getByRole('row', { name: /Errors/ }).textContent(), /\+1/, 'B gained a syntax error');
      // Loading an example into a side is an ordinary, undoable edit.
      await page.getByLabel('Load an example into A').selectOption(EXAMPLES[0].id);
      assert.equal(await a.inputValue(), EXAMPLES[0].dockerfile);
      await a.focus();
      await page.keyboard.press('Control+z');
      assert.match(await a.inputValue(), /^FROM python:3\.12$/m);
    });
  });

  test('a shared pair round-trips in a fresh context, beside the learner\'s own pair', async () => {
    let link;
    await withPage(async (page) => {
      await page.goto(`${base}#/compare`);
      await waitForApp(page);
      await page.getByRole('textbox', { name: 'Dockerfile A' }).fill('FROM node:20\n');
      await page.getByRole('textbox', { name: 'Dockerfile B' }).fill('FROM node:20-alpine\n');
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      link = await page.getByLabel('Link to share').inputValue();
      assert.match(link, /#\/compare\?pair=p1\./);
    });
    await withPage(async (page) => {
      await page.goto(link);
      await page.locator('.scratch-banner').waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Dockerfile A' }).inputValue(), 'FROM node:20\n');
      assert.equal(await page.getByRole('textbox', { name: 'Dockerfile B' }).inputValue(), 'FROM node:20-alpine\n');
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), PAIR_KEY), null, 'opening saved nothing');
      await page.goto(`${base}#/compare?pair=p1.AAAA`);
      await page.locator('.notice', { hasText: 'could not be opened' }).waitFor();
    });
  });
});

describe('accessibility', () => {
  test('the keyboard alone reaches every control of the playground', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      await setEditor(page, 'FROM python:latest\nFROMM x\n');
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.getByLabel('Link to share').waitFor();
      // Every visible, enabled control in the main content.
      const wanted = await page.evaluate(() => {
        const selector = 'a[href], button:not([disabled]), textarea, input, select, summary, [tabindex="0"]';
        return [...document.querySelectorAll(`main ${selector}`)]
          .filter((el) => el.checkVisibility({ checkVisibilityCSS: true }))
          .map((el, i) => {
            el.dataset.kb = String(i);
            return el.dataset.kb;
          });
      });
      assert.ok(wanted.length > 20, `only ${wanted.length} controls found`);
      const reached = new Set();
      await page.keyboard.press('Tab');
      for (let presses = 0; presses < 600 && reached.size < wanted.length; presses += 1) {
        const at = await page.evaluate(() => ({ kb: document.activeElement?.dataset?.kb, id: document.activeElement?.id }));
        if (at.kb !== undefined) reached.add(at.kb);
        if (at.id === 'dockerfile') {
          // The documented way out of the editor.
          await page.keyboard.press('Escape');
        }
        await page.keyboard.press('Tab');
      }
      const missed = await page.evaluate(
        (ids) => ids.map((id) => document.querySelector(`[data-kb="${id}"]`)?.outerHTML.slice(0, 120)),
        wanted.filter((id) => !reached.has(id)),
      );
      assert.deepEqual(missed, [], 'controls the keyboard never reached');
    });
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds no violations in the playground and compare mode (${colorScheme})`, async () => {
      await withPage(
        async (page) => {
          await openPlayground(page);
          await setEditor(page, 'FROM python:latest\nFROMM x\nRUN pip install numpy\n');
          await feedbackItems(page).filter({ hasText: 'latest-tag' }).getByRole('button', { name: /Explain/ }).click();
          await page.getByRole('button', { name: 'Share', exact: true }).click();
          await page.getByLabel('Link to share').waitFor();
          assert.deepEqual(await axeViolations(page), [], 'axe violations in the playground');
          await openPlayground(page, `?example=${EXAMPLES[0].id}`);
          await page.locator('.scratch-banner').waitFor();
          assert.deepEqual(await axeViolations(page), [], 'axe violations with a copy open');
          await page.goto(`${base}#/compare`);
          await page.getByRole('table', { name: 'A and B compared' }).waitFor();
          assert.deepEqual(await axeViolations(page), [], 'axe violations in compare mode');
        },
        { colorScheme },
      );
    });
  }

  test('changes are announced politely once typing pauses, not on every keystroke', async () => {
    await withPage(async (page) => {
      await openPlayground(page);
      const live = page.locator('.live-summary');
      assert.equal(await live.getAttribute('role'), 'status');
      const shown = async () => (await page.locator('.feedback-panel .panel-count').textContent()).replace(/^\s*·\s*/, '');
      await setEditor(page, 'FROM alpine:3.24\n');
      const first = await shown();
      await page.waitForFunction((want) => document.querySelector('.live-summary').textContent.includes(want), first);
      await page.locator('#dockerfile').press('Control+End');
      await page.locator('#dockerfile').pressSequentially('FROMM x', { delay: 20 });
      await analysed(page);
      const second = await shown();
      assert.notEqual(second, first, 'the edit changes the findings');
      assert.ok((await live.textContent()).includes(first), 'not announced while typing');
      await page.waitForFunction((want) => document.querySelector('.live-summary').textContent.includes(want), second);
    });
  });
});

describe('screenshots', () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark']) {
    for (const [width, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1440, height: 900 }],
    ]) {
      test(`the playground and compare mode, ${colorScheme}, ${width}`, async () => {
        await withPage(
          async (page) => {
            await openPlayground(page, `?example=bad-habits`);
            await feedbackItems(page).first().waitFor();
            await page.screenshot({ path: join(SCREENSHOTS, `playground-${colorScheme}-${width}.png`), fullPage: true });
            await page.goto(`${base}#/compare`);
            await page.getByRole('table', { name: 'A and B compared' }).waitFor();
            await page.screenshot({ path: join(SCREENSHOTS, `compare-${colorScheme}-${width}.png`), fullPage: true });
          },
          { colorScheme, viewport },
        );
      });
    }
  }
});
