// Browser tests of quizzes and progress against the release build. The questions and
// answers are read from content/quizzes/*.toml, never hard-coded, so the tests follow
// the course as it changes. Every test also fails on a console error, an uncaught
// error, a CSP violation or a request to another origin.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { parse as parseToml } from 'smol-toml';
import { ROOT, launchBrowser, openPage, readCourse, startServer, waitForApp } from './support.mjs';

const PROGRESS_KEY = 'fromlab.progress.v2';
const lessons = readCourse();
// Each quiz as its TOML says, with `lesson` replaced by the lesson's slug and title.
const quizzes = lessons.map((lesson) => ({
  ...parseToml(readFileSync(join(ROOT, 'content/quizzes', `${lesson.slug}.toml`), 'utf8')),
  lesson,
}));

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
    await body(session.page, session);
    assert.deepEqual(session.problems(), [], 'the page reported problems');
  } finally {
    await session.close();
  }
}

const isChoice = (question) => question.kind !== 'challenge';

/** Letters and digits only, lower-cased, for comparing text across markup. */
function words(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * The words of Markdown as the page shows them: link targets, fence info strings and
 * numbered-list markers are not shown, so they are dropped first.
 */
function mdWords(markdown) {
  return words(
    markdown
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s*(```|~~~)\S*\s*$/gm, '')
      .replace(/^\s*\d+[.)]\s/gm, ''),
  );
}

/** Whether shown text starts a Markdown source's words (or holds its first ones). */
function shows(text, markdown, length = 60) {
  return words(text).includes(mdWords(markdown).slice(0, length));
}

/** The first quiz (in course order) with at least `count` choice questions. */
function quizWithChoices(count) {
  const found = quizzes.find((quiz) => quiz.questions.filter(isChoice).length >= count);
  return found ?? assert.fail(`no quiz has ${count} choice questions`);
}

async function openQuiz(page, quiz) {
  await page.goto(`${base}#/quiz/${quiz.lesson.slug}`);
  await page.locator('h1', { hasText: `Quiz: ${quiz.lesson.title}` }).waitFor();
}

async function stored(page) {
  const text = await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
  return text === null ? null : JSON.parse(text);
}

/** The option ids of the current choice question, in the order shown. */
async function shownOptionIds(page) {
  return page.locator('.quiz-option input').evaluateAll((inputs) => inputs.map((input) => input.value));
}

/** Which option ids answer a question rightly or wrongly. */
function answerFor(question, right) {
  const correct = question.options.filter((o) => o.correct).map((o) => o.id);
  if (right) return correct;
  const wrong = question.options.find((o) => !o.correct);
  return [wrong.id];
}

/** Presses Tab until `isTarget` (run in the page) holds. */
async function tabUntil(page, isTarget, what, arg) {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isTarget, arg)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

/**
 * Answers the current choice question with the keyboard alone: Tab into the options,
 * arrows (radios) or Space (check boxes) to choose, Tab to Submit and Enter.
 */
async function answerWithKeyboard(page, question, chosen) {
  const shown = await shownOptionIds(page);
  await tabUntil(page, () => document.activeElement?.closest('.quiz-option') !== null, 'the first option');
  if (question.kind === 'multiple') {
    for (const [position, id] of shown.entries()) {
      if (position > 0) {
        await tabUntil(page, (pos) => document.activeElement?.id?.endsWith(`-option-${pos}`), `option ${position}`, position);
      }
      if (chosen.includes(id)) await page.keyboard.press('Space');
    }
  } else {
    // Tab lands on the first radio of an unanswered group; arrows move and choose.
    const target = shown.indexOf(chosen[0]);
    if (target === 0) await page.keyboard.press('Space');
    for (let step = 0; step < target; step += 1) await page.keyboard.press('ArrowDown');
  }
  const checked = await page.locator('.quiz-option input:checked').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual([...checked].sort(), [...chosen].sort(), 'the keyboard chose the intended options');
  await tabUntil(page, () => document.activeElement?.type === 'submit', 'the Submit button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'quiz-result');
}

/** Submits the current challenge as it stands, with the keyboard. */
async function submitChallengeWithKeyboard(page) {
  await tabUntil(page, () => document.activeElement?.textContent === 'Submit my Dockerfile', 'the challenge Submit button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'quiz-result');
}

/** Moves on with the keyboard and waits for focus on the next heading. */
async function nextWithKeyboard(page, last) {
  const label = last ? 'See your score' : 'Next question';
  await tabUntil(page, (text) => document.activeElement?.textContent === text, label, label);
  await page.keyboard.press('Enter');
  const target = last ? 'quiz-review-heading' : 'quiz-question-heading';
  await page.waitForFunction((id) => document.activeElement?.id === id, target);
}

/** Answers the current question with the mouse: right, wrong, or a challenge as it is. */
async function answerWithMouse(page, question, right) {
  if (isChoice(question)) {
    for (const id of answerFor(question, right)) {
      await page.locator(`.quiz-option input[value="${id}"]`).check();
    }
    await page.getByRole('button', { name: 'Submit answer' }).click();
  } else {
    await page.getByRole('button', { name: 'Submit my Dockerfile' }).click();
  }
  await page.locator('#quiz-result').waitFor();
}

async function next(page, last) {
  await page.getByRole('button', { name: last ? 'See your score' : 'Next question' }).click();
  await page.locator(last ? '#quiz-review-heading' : '#quiz-question-heading').waitFor();
}

/** The text of the current question's prompt. */
async function shownPrompt(page) {
  return page.locator('.quiz-question .quiz-prompt').first().textContent();
}

describe('quizzes', () => {
  test('every lesson ends with its quiz, which also has its own page', async () => {
    await withPage(async (page) => {
      for (const quiz of quizzes) {
        await page.goto('about:blank');
        await page.goto(`${base}#/lessons/${quiz.lesson.slug}`);
        const section = page.locator('section.lesson-quiz');
        await section.locator('h2', { hasText: 'Check your understanding' }).waitFor();
        await section.locator('h3#quiz-question-heading', { hasText: `Question 1 of ${quiz.questions.length}` }).waitFor();
        assert.equal(
          await section.locator('a', { hasText: 'Open the quiz on its own page' }).getAttribute('href'),
          `#/quiz/${quiz.lesson.slug}`,
        );
      }
      await page.goto(`${base}#/quiz/no-such-lesson`);
      await page.locator('h1', { hasText: 'Page not found' }).waitFor();
    });
  });

  test('a quiz can be finished with the keyboard alone, one right and one wrong, with every explanation', async () => {
    const quiz = quizWithChoices(2);
    await withPage(async (page) => {
      await openQuiz(page, quiz);
      const choiceIndices = quiz.questions.map((q, i) => (isChoice(q) ? i : -1)).filter((i) => i >= 0);
      const wrongIndex = choiceIndices[1];
      let expectedScore = 0;
      for (const [index, question] of quiz.questions.entries()) {
        const heading = await page.locator('#quiz-question-heading').textContent();
        assert.equal(heading.trim(), `Question ${index + 1} of ${quiz.questions.length}`);
        if (isChoice(question)) {
          assert.ok(shows(await page.locator('legend.quiz-prompt').textContent(), question.prompt), 'the prompt is the legend');
          const right = index !== wrongIndex;
          await answerWithKeyboard(page, question, answerFor(question, right));
          if (right) expectedScore += 1;
          const result = page.locator('#quiz-result');
          assert.match(await result.textContent(), right ? /✓\s*Right\./ : /✗\s*Not quite\./);
          const status = await page.locator('.quiz > p[role="status"]').textContent();
          assert.ok(status.startsWith(right ? 'Right.' : 'Not quite.'), status);
          // Every option shows its explanation, with its verdict in words.
          const shown = await shownOptionIds(page);
          for (const [position, id] of shown.entries()) {
            const option = question.options.find((o) => o.id === id);
            const feedback = page.locator('.quiz-option').nth(position).locator('.quiz-option-feedback');
            const text = await feedback.textContent();
            assert.ok(shows(text, option.explanation), `explanation of ${id}: ${text}`);
            assert.match(text, option.correct ? /Correct|correct answer|and correct/ : /not correct|Not correct/);
          }
          assert.equal(await page.locator('.quiz-option input:not([disabled])').count(), 0, 'answers are locked in');
        } else {
          await submitChallengeWithKeyboard(page);
          assert.match(await page.locator('#quiz-result').textContent(), /Not solved yet/);
        }
        await nextWithKeyboard(page, index === quiz.questions.length - 1);
      }
      const score = await page.locator('#quiz-review-heading').textContent();
      assert.equal(score.trim(), `Your score: ${expectedScore} of ${quiz.questions.length}`);
      const verdicts = await page.locator('.quiz-verdict strong').allTextContents();
      assert.equal(verdicts.filter((v) => v === 'Missed:').length, quiz.questions.length - expectedScore);
    });
  });

  test('"Retry the ones I missed" asks only the missed questions, and the score survives a reload', async () => {
    const quiz = quizWithChoices(2);
    const missedIndex = quiz.questions.findIndex(isChoice);
    await withPage(async (page) => {
      await openQuiz(page, quiz);
      const missed = [];
      for (const [index, question] of quiz.questions.entries()) {
        const right = index !== missedIndex && isChoice(question);
        if (!right) missed.push(question);
        await answerWithMouse(page, question, right);
        await next(page, index === quiz.questions.length - 1);
      }
      const right = quiz.questions.length - missed.length;
      const stored1 = await stored(page);
      assert.deepEqual(stored1.lessons[quiz.lesson.slug].quiz.missed.sort(), missed.map((q) => q.id).sort());

      await page.reload();
      await page.locator('#quiz-review-heading', { hasText: `Your score: ${right} of ${quiz.questions.length}` }).waitFor();
      await page.locator('.quiz-review p', { hasText: `Best so far: ${right} of ${quiz.questions.length}.` }).waitFor();

      await page.getByRole('button', { name: `Retry the ones I missed (${missed.length})` }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'quiz-question-heading');
      for (const [position, question] of missed.entries()) {
        const heading = await page.locator('#quiz-question-heading').textContent();
        assert.match(heading, new RegExp(`^Question ${position + 1} of ${missed.length}`));
        assert.match(heading, /retrying the ones you missed/);
        assert.ok(shows(await shownPrompt(page), question.prompt), 'only a missed question is asked');
        await answerWithMouse(page, question, isChoice(question));
        await next(page, position === missed.length - 1);
      }
      const nowRight = right + missed.filter(isChoice).length;
      await page.locator('#quiz-review-heading', { hasText: `Your score: ${nowRight} of ${quiz.questions.length}` }).waitFor();
      await page.reload();
      await page.locator('#quiz-review-heading', { hasText: `Your score: ${nowRight} of ${quiz.questions.length}` }).waitFor();

      // "Show answers" lists every question with its correct options and explanations.
      const toggle = page.getByRole('button', { name: 'Show answers' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      await toggle.click();
      assert.equal(await page.getByRole('button', { name: 'Hide answers' }).getAttribute('aria-expanded'), 'true');
      assert.equal(await page.locator('.quiz-answer').count(), quiz.questions.length);
      const correctShown = await page.locator('.quiz-answer-option.is-correct').count();
      const correctInFile = quiz.questions.filter(isChoice).flatMap((q) => q.options.filter((o) => o.correct)).length;
      assert.equal(correctShown, correctInFile);

      // The home page shows the score too.
      await page.goto(base);
      const card = page.locator('.lesson-card', { has: page.locator(`a[href="#/lessons/${quiz.lesson.slug}"]`) });
      await card.locator('.lesson-card-meta', { hasText: `Quiz: ${nowRight} of ${quiz.questions.length}` }).waitFor();
    });
  });

  test('a quiz left half-way keeps its answers over a reload and goes on with the unanswered ones', async () => {
    const quiz = quizWithChoices(2);
    await withPage(async (page) => {
      await openQuiz(page, quiz);
      const [first, ...rest] = quiz.questions;
      await answerWithMouse(page, first, true);
      await page.reload();
      await page.locator('#quiz-review-heading', { hasText: `Your score: 1 of ${quiz.questions.length}` }).waitFor();
      assert.equal(await page.locator('.quiz-verdict', { hasText: 'Not answered:' }).count(), rest.length);
      await page.getByRole('button', { name: `Answer the ones not answered yet (${rest.length})` }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'quiz-question-heading');
      const heading = await page.locator('#quiz-question-heading').textContent();
      assert.match(heading, new RegExp(`^Question 1 of ${rest.length} · the ones not answered yet`));
      assert.ok(shows(await shownPrompt(page), rest[0].prompt), 'the first unanswered question comes next');
    });
  });

  test('options are shuffled per attempt unless the question fixes their order', async () => {
    const quiz = quizzes.find((q) => q.questions[0] && isChoice(q.questions[0]) && q.questions[0].options.length >= 3)
      ?? assert.fail('no quiz opens with a choice question of three or more options');
    const question = quiz.questions[0];
    const written = question.options.map((o) => o.id);
    await withPage(async (page) => {
      const orders = new Set();
      for (let attempt = 0; attempt < 8; attempt += 1) {
        await page.goto('about:blank');
        await openQuiz(page, quiz);
        const shown = await shownOptionIds(page);
        assert.deepEqual([...shown].sort(), [...written].sort());
        if (question.fixed_order) assert.deepEqual(shown, written);
        orders.add(shown.join(','));
      }
      if (!question.fixed_order) assert.ok(orders.size > 1, 'eight attempts showed one order only');
    });
  });

  test('a Dockerfile challenge is solved by editing, each goal turning met', async () => {
    const found = quizzes
      .flatMap((quiz) => quiz.questions.map((question, index) => ({ quiz, question, index })))
      .find(({ question }) => question.kind === 'challenge' && question.challenge.solution);
    const { quiz, question, index } = found ?? assert.fail('no challenge in content/quizzes has a `solution` to solve it with');
    await withPage(async (page) => {
      await openQuiz(page, quiz);
      for (const earlier of quiz.questions.slice(0, index)) {
        await answerWithMouse(page, earlier, isChoice(earlier));
        await next(page, false);
      }
      const editor = page.getByLabel('Your Dockerfile');
      assert.equal(await editor.inputValue(), question.challenge.dockerfile);
      const goals = page.locator('.quiz-goals .goal');
      // Goals are graded in the analysis worker: wait for the first grades.
      await page.locator('.quiz-goals[aria-busy="false"]').waitFor();
      assert.equal(await goals.count(), question.challenge.goals.length);
      const before = await goals.locator('.goal-state').allTextContents();
      assert.ok(before.includes('Not met yet'), 'the challenge starts unsolved');
      for (const [g, state] of before.entries()) {
        // Explanations show only once a goal is met.
        const explanations = await goals.nth(g).locator('.goal-explanation').count();
        assert.equal(explanations, state === 'Met' ? 1 : 0);
      }

      // Every announcement the polite status region makes is recorded.
      await page.evaluate(() => {
        window.__announced = [];
        const region = document.querySelector('.quiz-challenge > p[role="status"]');
        new MutationObserver(() => window.__announced.push(region.textContent)).observe(region, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      // Break it first, then type the solution: every goal ends met and says why.
      await editor.fill('FROM');
      await editor.fill(question.challenge.solution);
      await page.locator('.quiz-goals-title', { hasText: `Goals: ${before.length} of ${before.length} met` }).waitFor();
      const after = await goals.locator('.goal-state').allTextContents();
      assert.deepEqual(after, before.map(() => 'Met'));
      assert.equal(await goals.locator('.goal-icon').allTextContents().then((t) => t.join('')), '✓'.repeat(before.length));
      for (const [g, goal] of question.challenge.goals.entries()) {
        const text = await goals.nth(g).locator('.goal-explanation').textContent();
        assert.ok(shows(text, goal.explanation), text);
      }
      const announced = (await page.evaluate(() => window.__announced)).join(' ');
      assert.match(announced, /All goals met: challenge solved\./);
      for (const [g, goal] of question.challenge.goals.entries()) {
        if (before[g] === 'Met') continue;
        assert.ok(shows(announced, `Goal met: ${goal.text}`, 40), `goal ${g} announced: ${announced}`);
      }
      const record = await stored(page);
      assert.deepEqual(record.lessons[quiz.lesson.slug].challenges, [question.id]);

      await page.getByRole('button', { name: 'Submit my Dockerfile' }).click();
      await page.locator('#quiz-result', { hasText: 'Solved: every goal is met.' }).waitFor();
      assert.equal(await focusedId(page), 'quiz-result');
    });
  });

  test('on a lesson page, a challenge runs in a frame and counts in the learner\'s progress', async () => {
    const found = quizzes
      .flatMap((quiz) => quiz.questions.map((question, index) => ({ quiz, question, index })))
      .find(({ question }) => question.kind === 'challenge' && question.challenge.solution);
    const { quiz, question, index } = found ?? assert.fail('no challenge in content/quizzes has a `solution` to solve it with');
    const slug = quiz.lesson.slug;
    await withPage(async (page) => {
      await page.goto(`${base}#/lessons/${slug}`);
      await page.locator('#lesson-quiz-title').waitFor();
      // The lesson page runs the small lessons module, which has no editor of its own.
      assert.equal(await page.evaluate(() => document.documentElement.dataset.module), 'lessons');
      for (const earlier of quiz.questions.slice(0, index)) {
        await answerWithMouse(page, earlier, isChoice(earlier));
        await next(page, false);
      }
      const frame = page.frameLocator('.challenge-frame-view');
      const editor = frame.getByLabel('Your Dockerfile');
      assert.equal(await editor.inputValue(), question.challenge.dockerfile);
      // Only the question's own heading: the embed's is for screen readers.
      assert.equal(await frame.locator('.embed-note').count(), 0);
      await frame.locator('h1.visually-hidden').waitFor({ state: 'attached' });
      const total = question.challenge.goals.length;
      await editor.fill(question.challenge.solution);
      await frame.locator('.quiz-goals-title', { hasText: `Goals: ${total} of ${total} met` }).waitFor();
      // The frame saves nothing; the lesson page records the solve.
      await page.waitForFunction(
        ([key, lesson, id]) => JSON.parse(localStorage.getItem(key) ?? '{}').lessons?.[lesson]?.challenges?.includes(id),
        [PROGRESS_KEY, slug, question.id],
      );
      await frame.getByRole('button', { name: 'Submit my Dockerfile' }).click();
      await frame.locator('#quiz-result', { hasText: 'Solved: every goal is met.' }).waitFor();
      // The lesson's quiz moves on, and the answer is recorded as right.
      const last = index === quiz.questions.length - 1;
      await page.getByRole('button', { name: last ? 'See your score' : 'Next question' }).waitFor();
      const record = await stored(page);
      assert.ok(record.lessons[slug].quiz.right.includes(question.id), JSON.stringify(record));
      // The frame takes the height its content reports (the frame is same-origin here).
      await page.waitForFunction(() => {
        const view = document.querySelector('.challenge-frame-view');
        const root = view?.contentDocument?.querySelector('.embed-root');
        return root && Math.abs(view.clientHeight - Math.ceil(root.getBoundingClientRect().height)) <= 1;
      });
    });
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds no violations on a quiz page before and after answering (${colorScheme})`, async () => {
      const quiz = quizWithChoices(1);
      const axe = async (page, when) => {
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
        );
        assert.deepEqual(summary, [], `axe violations ${when}`);
      };
      await withPage(
        async (page) => {
          await openQuiz(page, quiz);
          await axe(page, 'before answering');
          const first = quiz.questions[0];
          await answerWithMouse(page, first, false);
          await axe(page, 'after answering');
          for (const [index, question] of quiz.questions.entries()) {
            if (index > 0) await answerWithMouse(page, question, true);
            await next(page, index === quiz.questions.length - 1);
            if (question.kind === 'challenge') await axe(page, 'on a challenge');
          }
          await page.getByRole('button', { name: 'Show answers' }).click();
          await axe(page, 'on the review with answers shown');
        },
        { colorScheme },
      );
    });
  }
});

describe('progress', () => {
  /** Makes some progress through the app: a read mark and one quiz answer. */
  async function makeProgress(page) {
    const quiz = quizWithChoices(1);
    await page.goto(`${base}#/lessons/${quiz.lesson.slug}`);
    await page.locator('.read-toggle button').click();
    await page.locator('.read-toggle button[aria-pressed="true"]').waitFor();
    await openQuiz(page, quiz);
    await answerWithMouse(page, quiz.questions[0], isChoice(quiz.questions[0]));
    return quiz;
  }

  async function openProgress(page) {
    await page.goto(`${base}#/progress`);
    await page.locator('h1', { hasText: 'Your progress' }).waitFor();
  }

  test('the progress page shows the whole course and resets one lesson after confirming', async () => {
    await withPage(async (page) => {
      const quiz = await makeProgress(page);
      await openProgress(page);
      const rows = page.locator('.progress-table tbody tr');
      assert.equal(await rows.count(), lessons.length);
      const row = rows.filter({ has: page.locator(`a[href="#/lessons/${quiz.lesson.slug}"]`) });
      await row.locator('.read-mark', { hasText: 'Read' }).waitFor();
      const reset = row.getByRole('button', { name: `Reset progress for “${quiz.lesson.title}”` });
      await reset.click();
      // Cancelling changes nothing and gives focus back.
      await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id?.startsWith('reset-'));
      assert.ok((await stored(page)).lessons[quiz.lesson.slug]);
      await reset.click();
      await row.getByRole('button', { name: 'Yes, reset' }).click();
      await page.locator('.progress-message', { hasText: `Progress for “${quiz.lesson.title}” was reset.` }).waitFor();
      assert.deepEqual((await stored(page)).lessons, {});
      await row.locator('text=Not yet').waitFor();
    });
  });

  test('export, reset everything, import: the same progress comes back', async () => {
    await withPage(async (page) => {
      await makeProgress(page);
      const before = await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
      assert.ok(before, 'progress was saved');
      await openProgress(page);
      const summary = await page.locator('.progress-summary').textContent();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export progress to a file' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'fromlab-progress.json');
      const exported = readFileSync(await download.path(), 'utf8');
      assert.deepEqual(JSON.parse(exported), JSON.parse(before));

      await page.getByRole('button', { name: 'Reset all progress' }).click();
      await page.getByRole('button', { name: 'Yes, reset everything' }).click();
      await page.locator('.progress-message', { hasText: 'All progress was reset.' }).waitFor();
      assert.deepEqual(await stored(page), { format: 'fromlab-progress', version: 2, lessons: {} });
      assert.notEqual(await page.locator('.progress-summary').textContent(), summary);

      await page.locator('#progress-import').setInputFiles({
        name: 'fromlab-progress.json',
        mimeType: 'application/json',
        buffer: Buffer.from(exported),
      });
      await page.getByRole('button', { name: 'Yes, replace my progress' }).click();
      await page.locator('.progress-message', { hasText: 'Your progress was imported from “fromlab-progress.json”.' }).waitFor();
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY), before);
      assert.equal(await page.locator('.progress-summary').textContent(), summary);
    });
  });

  test('importing an invalid file shows a message and changes nothing', async () => {
    await withPage(async (page) => {
      await makeProgress(page);
      const before = await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
      await openProgress(page);
      for (const [name, content, reason] of [
        ['notes.json', 'this is not JSON', 'it is not JSON'],
        ['package.json', '{"name": "something else"}', 'not a fromlab progress file'],
        ['future.json', '{"format": "fromlab-progress", "version": 7, "lessons": {}}', 'newer fromlab'],
      ]) {
        await page.locator('#progress-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
        const message = page.locator('.progress-message', { hasText: `“${name}” was not imported` });
        await message.waitFor();
        assert.match(await message.textContent(), new RegExp(`${reason}.*Your progress has not changed\\.`));
        assert.equal(await page.getByRole('button', { name: 'Yes, replace my progress' }).count(), 0);
        assert.equal(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY), before);
      }
      await page.reload();
      await waitForApp(page);
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY), before);
    });
  });

  test('axe finds no violations on the progress page, with a reset question open', async () => {
    await withPage(async (page) => {
      await makeProgress(page);
      await openProgress(page);
      await page.getByRole('button', { name: 'Reset all progress' }).click();
      const results = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    });
  });
});
