// `make bench-ui`: how long a keystroke in the playground takes to reach the panels, in
// Debian's Chromium driving the release build (dist/), for a typical 40-line Dockerfile
// and a 1,000-line one.
//
// Two figures per keystroke:
// - "to panels": the app's own measure `fromlab:keystroke`, from the editor's input event
//   to the moment every panel has been rendered with findings for the new text, the round
//   trip to the analysis worker included (services/perf.rs);
// - "to next frame": from the keyboard event's timestamp to the first animation frame
//   after it (style, layout and paint included), measured by this script in the page.
// It prints the median and the 95th percentile of each, and the median of
// `fromlab:analyse`, the worker's round trip alone (post, analysis, answer decoded). Numbers vary with the machine;
// the targets are a 95th percentile under 16 ms (40 lines) and 50 ms (1,000 lines).

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT, analysed, launchBrowser, startServer } from '../tests/e2e/support.mjs';

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 300);
// A fast typist's pace (about 150 words a minute). Typing faster than the page can draw
// would measure the queue of waiting keys instead of the work each one causes.
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 80);
const TYPICAL = readFileSync(join(ROOT, 'crates/engine/tests/fixtures/share/typical-40-lines.Dockerfile'), 'utf8');

/** 1,000 lines: the typical file 25 times over, each copy its own pair of stages. */
function thousandLines() {
  const parts = [];
  for (let i = 0; i < 25; i += 1) {
    parts.push(
      TYPICAL.replace(/AS build\b/g, `AS build${i}`)
        .replace(/--from=build\b/g, `--from=build${i}`)
        .replace(/AS runtime\b/g, `AS runtime${i}`),
    );
  }
  const text = parts.join('');
  const lines = text.split('\n').length - 1;
  if (lines !== 1000) throw new Error(`expected 1,000 lines, made ${lines}`);
  return text;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) };
}

async function measure(browser, base, name, text) {
  // No service worker: each build is measured as served, never from another's cache.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${base}#/playground`);
  const editor = page.locator('#dockerfile');
  await editor.waitFor();
  await editor.fill(text);
  // The worker starts and answers for the whole file before the typing begins.
  await analysed(page);
  // Type in the middle of the file, inside a RUN line, where every panel has work.
  const line = text.split('\n').findIndex((l, i) => i > text.split('\n').length / 2 && l.startsWith('RUN '));
  const offset = text.split('\n').slice(0, line).join('\n').length + 1 + 'RUN '.length;
  await page.evaluate((at) => {
    const area = document.getElementById('dockerfile');
    area.focus();
    area.setSelectionRange(at, at);
    window.__frames = [];
    area.addEventListener('input', (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => {
        // The frame callback runs before paint; the message after it runs once the
        // frame is out, so this includes style, layout and paint.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__frames.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    });
    performance.clearMeasures();
  }, offset);
  const word = 'echo benchmark && ';
  for (let i = 0; i < KEYSTROKES; i += 1) {
    // Mostly typing, with a deletion now and then, as people type.
    if (i % 10 === 9) await page.keyboard.press('Backspace');
    else await page.keyboard.type(word[i % word.length]);
    await page.waitForTimeout(INTERVAL_MS);
  }
  await page.waitForTimeout(200);
  const result = await page.evaluate(() => ({
    panels: performance.getEntriesByName('fromlab:keystroke').map((e) => e.duration),
    analyse: performance.getEntriesByName('fromlab:analyse').map((e) => e.duration),
    frames: window.__frames,
  }));
  await context.close();
  return { name, panels: stats(result.panels), analyse: stats(result.analyse), frames: stats(result.frames) };
}

const { server, base, setRoot } = await startServer();
// BENCH_DIST measures another build (say, one made from another commit), to compare two
// builds in alternation on the same machine.
if (process.env.BENCH_DIST) setRoot(process.env.BENCH_DIST);
const browser = await launchBrowser();
// Timings depend on what else the machine is doing: the load average is printed with them.
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');
const loadBefore = load();
try {
  const rows = [
    await measure(browser, base, '40 lines', TYPICAL),
    await measure(browser, base, '1,000 lines', thousandLines()),
  ];
  const ms = (v) => `${v.toFixed(1)} ms`;
  console.log(`keystroke to updated panels: ${KEYSTROKES} keystrokes per file, one every ${INTERVAL_MS} ms (Chromium, release build)`);
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${load()} after\n`);
  console.log('| file | to panels: median | to panels: p95 | to next frame: median | to next frame: p95 | worker round trip: median |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${ms(row.panels.median)} | ${ms(row.panels.p95)} | ${ms(row.frames.median)} | ${ms(row.frames.p95)} | ${ms(row.analyse.median)} |`,
    );
  }
  for (const row of rows) {
    // Keystrokes that arrive while the panels are still busy are measured together, from
    // the first of them; a count far below the keystrokes means the page fell behind.
    console.log(`\n${row.name}: ${row.panels.n} updates for ${KEYSTROKES} keystrokes, slowest ${ms(row.panels.max)}`);
    if (row.panels.n === 0) throw new Error(`${row.name}: no keystroke was measured`);
  }
} finally {
  await browser.close();
  server.close();
}
