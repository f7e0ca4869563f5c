// Browser tests of the classroom features: presenter mode (large type, high contrast,
// persisted), quiz answers hidden until revealed, single-key shortcuts that can be
// turned off (WCAG 2.1.4), "Reset all", and the app with storage blocked. Questions
// and answers are read from content/quizzes/*.toml, never hard-coded.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { parse as parseToml } from 'smol-toml';
import { ROOT, headingsOf, launchBrowser, openPage, readCourse, startServer, waitForApp } from './support.mjs';

const PROGRESS_KEY = 'fromlab.progress.v2';
const DRAFT_KEY = 'fromlab.draft.v1';
const SETTINGS_KEY = 'fromlab.settings.v1';
const lessons = readCourse();
const quizzes = lessons.map((lesson) => ({
  ...parseToml(readFileSync(join(ROOT, 'content/quizzes', `${lesson.slug}.toml`), 'utf8')),
  lesson,
}));
const isChoice = (question) => question.kind !== 'challenge';
// A quiz whose first two questions are choices, so both can be answered or revealed.
const quiz =
  quizzes.find((q) => q.questions.length >= 2 && isChoice(q.questions[0]) && isChoice(q.questions[1])) ??
  assert.fail('no quiz starts with two choice questions');
// A lesson with at least two `##` sections.
const lesson =
  lessons.find((l) => headingsOf(l.body).filter((h) => h.level === 2).length >= 2) ??
  assert.fail('no lesson has two sections');

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

async function withPage(body, options) {
  const session = await openPage(browser, origin, options);
  try {
    await body(session.page, session);
    assert.deepEqual(session.problems(), [], 'the page reported problems');
  } finally {
    await session.close();
  }
}

async function openQuiz(page) {
  await page.goto(`${base}#/quiz/${quiz.lesson.slug}`);
  await page.locator('h1', { hasText: `Quiz: ${quiz.lesson.title}` }).waitFor();
}

async function openClassroom(page) {
  const toggle = page.getByRole('button', { name: 'Classroom' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#classroom-panel:not([hidden])').waitFor();
}

const storedJson = async (page, key) => JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key)) ?? 'null');

async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
}

describe('presenter mode', () => {
  test('the header toggle enlarges the type, and the choice survives a reload', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await waitForApp(page);
      const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const before = await rootSize();
      const toggle = page.getByRole('button', { name: 'Presenter mode' });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      await page.locator('html.presenter').waitFor({ state: 'attached' });
      assert.ok((await rootSize()) >= before * 1.2, 'the type is at least a fifth larger');
      assert.equal((await storedJson(page, SETTINGS_KEY)).presenter, true);
      await page.reload();
      await waitForApp(page);
      await page.locator('html.presenter').waitFor({ state: 'attached' });
      assert.equal(await page.getByRole('button', { name: 'Presenter mode' }).getAttribute('aria-pressed'), 'true');
      await page.getByRole('button', { name: 'Presenter mode' }).click();
      await page.waitForFunction(() => !document.documentElement.classList.contains('presenter'));
    });
  });

  test('hidden answers wait for "Reveal the answer", after an answer or before one', async () => {
    const [first, second] = quiz.questions;
    await withPage(async (page) => {
      await openQuiz(page);
      await openClassroom(page);
      await page.getByLabel('Hide quiz answers until I reveal them').check();
      // First question: answered rightly, verdict hidden, then revealed.
      for (const option of first.options.filter((o) => o.correct)) {
        await page.locator(`.quiz-option input[value="${option.id}"]`).check();
      }
      await page.getByRole('button', { name: 'Submit answer' }).click();
      await page.locator('#quiz-result', { hasText: 'Answer recorded' }).waitFor();
      assert.equal(await page.locator('.quiz-option-feedback').count(), 0, 'no explanation before the reveal');
      assert.equal(await page.locator('.quiz-question', { hasText: 'Right.' }).count(), 0, 'no verdict before the reveal');
      await page.getByRole('button', { name: 'Reveal the answer' }).click();
      await page.locator('#quiz-result', { hasText: 'Right.' }).waitFor();
      assert.equal(await page.locator('.quiz-option-feedback').count(), first.options.length);
      // Second question: revealed before anyone answers; nothing is recorded.
      await page.getByRole('button', { name: 'Next question' }).click();
      await page.locator('#quiz-question-heading', { hasText: 'Question 2' }).waitFor();
      assert.equal(await page.locator('.quiz-option-feedback').count(), 0);
      await page.getByRole('button', { name: 'Reveal the answer' }).click();
      await page.locator('#quiz-result', { hasText: 'Revealed.' }).waitFor();
      assert.equal(await page.locator('.quiz-option-feedback').count(), second.options.length);
      assert.equal(await page.locator('.quiz-option input:enabled').count(), 0, 'options are closed after a reveal');
      await page.getByRole('button', { name: /Next question|See your score/ }).waitFor();
      const record = (await storedJson(page, PROGRESS_KEY)).lessons[quiz.lesson.slug].quiz;
      assert.deepEqual(record.right, [first.id]);
      assert.ok(!(record.missed ?? []).includes(second.id), 'a reveal records no answer');
    });
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds no violations in presenter mode with hidden answers (${colorScheme})`, async () => {
      await withPage(
        async (page) => {
          await page.goto(`${base}#/lessons/${lesson.slug}`);
          await waitForApp(page);
          await page.getByRole('button', { name: 'Presenter mode' }).click();
          await openClassroom(page);
          await page.getByLabel('Hide quiz answers until I reveal them').check();
          await page.locator('html.presenter').waitFor({ state: 'attached' });
          assert.deepEqual(await axeViolations(page), [], 'axe violations on a lesson');
          await openQuiz(page);
          await page.locator('.quiz-option input').first().check();
          await page.getByRole('button', { name: 'Submit answer' }).click();
          await page.locator('#quiz-result', { hasText: 'Answer recorded' }).waitFor();
          assert.deepEqual(await axeViolations(page), [], 'axe violations on a quiz, answer hidden');
          await page.getByRole('button', { name: 'Reveal the answer' }).click();
          await page.locator('.quiz-option-feedback').first().waitFor();
          assert.deepEqual(await axeViolations(page), [], 'axe violations on a quiz, answer revealed');
        },
        { colorScheme },
      );
    });
  }
});

describe('single-key shortcuts', () => {
  test('j and k step through a lesson\'s sections', async () => {
    const sections = headingsOf(lesson.body).filter((h) => h.level === 2);
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await waitForApp(page);
      await page.keyboard.press('j');
      await page.waitForFunction((id) => document.activeElement?.id === id, `section-${sections[0].anchor}`);
      await page.keyboard.press('j');
      await page.waitForFunction((id) => document.activeElement?.id === id, `section-${sections[1].anchor}`);
      await page.keyboard.press('k');
      await page.waitForFunction((id) => document.activeElement?.id === id, `section-${sections[0].anchor}`);
    });
  });

  test('j and k step through a quiz\'s questions, are listed, and can be turned off for good', async () => {
    await withPage(async (page) => {
      await openQuiz(page);
      const heading = page.locator('#quiz-question-heading');
      await page.keyboard.press('j');
      await heading.filter({ hasText: 'Question 2 of' }).waitFor();
      await page.keyboard.press('k');
      await heading.filter({ hasText: 'Question 1 of' }).waitFor();
      await openClassroom(page);
      await page.locator('.shortcut-list kbd', { hasText: /^j$/ }).waitFor();
      await page.getByLabel('Single-key shortcuts (j and k)').uncheck();
      await heading.focus();
      await page.keyboard.press('j');
      await page.reload();
      await openQuiz(page);
      await page.locator('#quiz-question-heading').focus();
      await page.keyboard.press('j');
      // A shortcut that acted would have moved on by now; Alt+Shift shortcuts still work.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      assert.match(await heading.textContent(), /Question 1 of/);
      assert.equal((await storedJson(page, SETTINGS_KEY)).single_keys, false);
    });
  });

  test('typing j in a text field is never taken', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/playground`);
      await page.locator('#dockerfile').waitFor();
      await page.locator('#dockerfile').fill('');
      await page.locator('#dockerfile').pressSequentially('jk');
      assert.equal(await page.locator('#dockerfile').inputValue(), 'jk');
    });
  });
});

describe('reset all', () => {
  test('forgets progress, read marks and the draft after a question on the page', async () => {
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await waitForApp(page);
      await page.locator('.read-toggle button').click();
      await page.locator('.read-toggle button[aria-pressed="true"]').waitFor();
      await page.goto(`${base}#/playground`);
      await page.locator('#dockerfile').fill('FROM scratch\n# mine\n');
      await page.waitForFunction((k) => localStorage.getItem(k)?.includes('# mine'), DRAFT_KEY);
      await openClassroom(page);
      await page.getByRole('button', { name: 'Reset all for the next class' }).click();
      await page.getByRole('button', { name: 'Yes, reset all' }).click();
      await page.locator('.reset-all-status', { hasText: 'Everything was reset' }).waitFor();
      await page.waitForFunction((k) => !localStorage.getItem(k)?.includes('# mine'), DRAFT_KEY);
      assert.deepEqual((await storedJson(page, PROGRESS_KEY)).lessons, {});
      assert.doesNotMatch(await page.locator('#dockerfile').inputValue(), /# mine/);
    });
  });
});

describe('storage blocked', () => {
  test('a notice says nothing is kept, and marks, settings and the playground still work', async () => {
    await withPage(async (page, session) => {
      await session.context.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            throw new DOMException('storage is blocked', 'SecurityError');
          },
        });
      });
      await page.goto(`${base}#/lessons/${lesson.slug}`);
      await waitForApp(page);
      await page.locator('.notice', { hasText: 'does not let fromlab save here' }).waitFor();
      await page.locator('.read-toggle button').click();
      await page.locator('.read-toggle button[aria-pressed="true"]').waitFor();
      await page.getByRole('button', { name: 'Presenter mode' }).click();
      await page.locator('html.presenter').waitFor({ state: 'attached' });
      await openClassroom(page);
      await page.locator('.classroom-note', { hasText: 'last only until you close this page' }).waitFor();
      await page.goto(`${base}#/playground`);
      await page.locator('.notice', { hasText: 'does not let fromlab save here' }).waitFor();
      await page.locator('#dockerfile').fill('FROM python:latest\n');
      await page.locator('.feedback-list', { hasText: 'latest-tag' }).waitFor();
    });
  });
});
