/*
 * npm run bench: measures what users feel, each figure next to the cheapest possible way of doing the
 * same work (its floor), in the same run on the same machine. Prints a table, writes bench/results.json
 * and the results section of BENCHMARKS.md. Not part of npm test; nothing here asserts a time.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseDocument, stringify } from 'yaml';
import { encodeShareFragment, type Model, type ModelInput } from '../src/core';
import {
  buildTracingMap,
  generateBundle,
  mergeIntoExistingMeshConfig,
  readCluster,
  validateModel,
} from '../src/core/runtime';
import { defaultModel, largeCluster, largeIstioOperator, MAXIMAL, OPERATOR_TYPICAL, TYPICAL } from './fixtures';
import { benchVerify } from './verify';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const FLOOR_DIST = join(ROOT, 'bench/.floor-dist');
// BENCH_PORT moves both servers (it and the next port), so two checkouts can measure at once without one
// measuring the other's build.
const APP_PORT = Number(process.env.BENCH_PORT ?? 4501);
const FLOOR_PORT = APP_PORT + 1;
const APP = `http://127.0.0.1:${APP_PORT}/`;
const FLOOR = `http://127.0.0.1:${FLOOR_PORT}/`;
const LINK_BASE = 'https://tools.example.com/istio-dynatrace/';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function valid(input: ModelInput): Model {
  const result = validateModel(input);
  if (!result.ok) throw new Error(`bench model invalid: ${JSON.stringify(result.issues)}`);
  return result.model;
}

/**
 * Median time per call of `work` and of `floor`, in alternating batches after a warm-up of both. Alternating puts
 * both under the same conditions (garbage collection, the JIT's tiers, whatever else the machine is doing): timed
 * one after the other, three runs in one process gave ratios of 0.97, 2.36 and 1.27 for the same code.
 */
function timePairPerCall(work: () => unknown, floor: () => unknown, batch: number, batches: number) {
  for (let i = 0; i < batch * 3; i++) {
    work();
    floor();
  }
  const workSamples: number[] = [];
  const floorSamples: number[] = [];
  const time = (f: () => unknown) => {
    const start = performance.now();
    for (let i = 0; i < batch; i++) f();
    return (performance.now() - start) / batch;
  };
  for (let b = 0; b < batches; b++) {
    workSamples.push(time(work));
    floorSamples.push(time(floor));
  }
  return { work: median(workSamples), floor: median(floorSamples) };
}

// 1. Core: the whole bundle, against yaml.stringify of the same finished documents.
function benchCore() {
  const model = valid(TYPICAL);
  const bundle = generateBundle(model);
  if (bundle.blocked) throw new Error('blocked');
  const documents: unknown[] = [
    bundle.meshConfig.document,
    ...(bundle.serviceEntry.needed ? bundle.serviceEntry.documents : []),
    bundle.telemetry.document,
  ];
  const { work: core, floor } = timePairPerCall(
    () => generateBundle(model),
    () => documents.map((doc) => stringify(doc)),
    100,
    60,
  );
  return { coreMs: round(core, 4), floorMs: round(floor, 4), ratio: round(core / floor), budget: 1.5 };
}

// 2. Merge at scale: ~1 MB, ~2,800 providers with comments, against parseDocument + toString.
function benchMerge() {
  const text = largeIstioOperator(2800);
  const model = valid(TYPICAL);
  const merges: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 7; i++) {
    let start = performance.now();
    const result = mergeIntoExistingMeshConfig(text, model);
    merges.push(performance.now() - start);
    if (!result.ok) throw new Error(result.problem.message);
    start = performance.now();
    parseDocument(text).toString();
    floors.push(performance.now() - start);
  }
  const merge = median(merges.slice(2));
  const floor = median(floors.slice(2));
  return {
    bytes: Buffer.byteLength(text),
    providers: 2800,
    mergeMs: round(merge, 1),
    floorMs: round(floor, 1),
    ratio: round(merge / floor),
    budget: 1.5,
  };
}

// 6. Share link length.
function benchLinks() {
  const link = (values: ModelInput, step: Parameters<typeof encodeShareFragment>[1]) =>
    `${LINK_BASE}#${encodeShareFragment(values, step)}`.length;
  return {
    base: LINK_BASE,
    default: link(defaultModel, 'requirements'),
    typicalOperator: link(OPERATOR_TYPICAL, 'verify'),
    typicalStandalone: link(TYPICAL, 'mesh-config'),
    maximal: link(MAXIMAL, 'verify'),
    budgetTypical: 300,
  };
}

function serve(dir: string, port: number): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'scripts/serve-static.mjs'), dir, String(port)], { stdio: 'ignore' });
}

async function waitForServer(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

function gzipSizeOf(urlPath: string, root: string): number {
  const file = join(root, decodeURIComponent(urlPath.replace(/^\//, '')));
  return existsSync(file) && statSync(file).isFile() ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
}

/**
 * Static pages with exactly the wizard's prerendered first step and no script: the floor with the
 * same stylesheet (the same form as the user sees it), and a bare one without any styles, for reference.
 */
function writeFirstScreenFloor() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const root = /<div id="root"[^>]*>([\s\S]*)<\/div>\s*<\/body>/.exec(html)?.[1];
  const style = /<style>[\s\S]*?<\/style>/.exec(html)?.[0] ?? '';
  if (!root) throw new Error('dist/index.html has no prerendered first step');
  mkdirSync(FLOOR_DIST, { recursive: true });
  writeFileSync(
    join(FLOOR_DIST, 'first-screen.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title>${style}</head><body><div id="root">${root}</div></body></html>`,
  );
  writeFileSync(
    join(FLOOR_DIST, 'first-screen-bare.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><div id="root">${root}</div></body></html>`,
  );
  writeFileSync(join(FLOOR_DIST, 'echo.html'), readFileSync(join(ROOT, 'bench/floor/echo.html')));
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

async function launch(): Promise<Browser> {
  return chromium.launch({
    ...(CHROMIUM ? { executablePath: CHROMIUM } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Records when the first field exists: polled through a MessageChannel (no timer clamping) from the
 * moment the document is created. (A MutationObserver set up this early misses the parser's nodes.)
 */
const FIRST_FIELD_PROBE = () => {
  const w = window as unknown as { __firstField?: number };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (document.getElementById('field-istio-version')) w.__firstField = performance.now();
    else channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
};

async function firstScreen(browser: Browser, url: string, root: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(FIRST_FIELD_PROBE);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __firstField?: number }).__firstField !== undefined);
  // Both halves of "accepts input" must have happened before they are read. Headless Chromium often paints a static
  // page later than its parser is done (about 200 ms here): read too early, a floor page without scripts counted only
  // its field (35-60 ms) while the app, read after it went live, always counted its paint, which made the floor look
  // 3x faster in half the runs (seen as a bimodal floor: 35-60 ms or 150-240 ms).
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  if (url.startsWith(APP)) await page.waitForFunction(() => document.documentElement.dataset.wizardReady === 'true');
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const field = (window as unknown as { __firstField: number }).__firstField;
    const ready = performance.getEntriesByName('wizard-ready')[0]?.startTime ?? 0;
    const resources = performance
      .getEntriesByType('resource')
      .map((entry) => ({ name: entry.name, end: (entry as PerformanceResourceTiming).responseEnd }));
    return { interactive: Math.max(fcp, field), fcp, ready, resources };
  });
  const readyAt = url.startsWith(APP) ? timing.ready : timing.interactive;
  await context.close();
  const size = (before: number, filter: (path: string) => boolean) =>
    timing.resources
      .filter((r) => r.end <= before && filter(new URL(r.name).pathname))
      .reduce((sum, r) => sum + gzipSizeOf(new URL(r.name).pathname, root), 0);
  const jsCss = (path: string) => /\.(js|css)$/.test(path) && !/monaco|codicon|worker/.test(path);
  const monaco = (path: string) => /monaco|codicon|editor\.worker/.test(path);
  return {
    interactive: timing.interactive,
    bytesBeforeInteractive: size(timing.interactive, jsCss),
    monacoBytesBeforeInteractive: size(timing.interactive, monaco),
    hydrated: readyAt,
    bytesUntilLive: size(readyAt, jsCss),
  };
}

// 3. First screen, cold cache, against the bare static page holding the same form.
async function benchFirstScreen(browser: Browser) {
  const app: Awaited<ReturnType<typeof firstScreen>>[] = [];
  const floor: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 15; i++) {
    app.push(await firstScreen(browser, APP, DIST));
    floor.push((await firstScreen(browser, `${FLOOR}first-screen.html`, FLOOR_DIST)).interactive);
    bare.push((await firstScreen(browser, `${FLOOR}first-screen-bare.html`, FLOOR_DIST)).interactive);
  }
  const monacoFiles = readdirSync(join(DIST, 'assets')).filter((name) => /monaco|codicon|editor\.worker/.test(name));
  const monacoBytes = monacoFiles.reduce((sum, name) => sum + gzipSizeOf(`/assets/${name}`, DIST), 0);
  // The editor's lazy chunk itself (issue 9 §3 budgets it): the largest of Monaco's script files.
  const monacoChunkBytes = Math.max(
    ...monacoFiles.filter((name) => /^monaco-.*\.js$/.test(name)).map((name) => gzipSizeOf(`/assets/${name}`, DIST)),
  );
  const interactive = median(app.map((run) => run.interactive));
  const floorMs = median(floor);
  return {
    interactiveMs: round(interactive, 1),
    floorMs: round(floorMs, 1),
    ratio: round(interactive / floorMs),
    bareFloorMs: round(median(bare), 1),
    ratioToBare: round(interactive / median(bare)),
    hydratedMs: round(median(app.map((run) => run.hydrated)), 1),
    jsCssGzipBeforeInteractive: median(app.map((run) => run.bytesBeforeInteractive)),
    jsCssGzipUntilLive: median(app.map((run) => run.bytesUntilLive)),
    monacoGzipBeforeInteractive: Math.max(...app.map((run) => run.monacoBytesBeforeInteractive)),
    monacoGzipTotal: monacoBytes,
    monacoChunkGzip: monacoChunkBytes,
    budgetBytes: 120 * 1024,
    budgetRatio: 1.3,
  };
}

/** Readies a page for typing: settled, the key's time noted, the field focused with the caret at its end. */
async function prepareTyping(page: Page, input: string) {
  await settled(page);
  await page.evaluate(() => {
    const w = window as unknown as { __keyAt: number };
    document.addEventListener('keydown', (event) => (w.__keyAt = event.timeStamp), { capture: true });
  });
  await page.locator(input).click();
  await page.locator(input).press('End');
}

/** One round: the keys typed and measured, then taken back with Backspace (not measured) so the value stays valid. */
async function typingRound(
  page: Page,
  previewSelector: string,
  prefix: string,
  keys: string,
  gapMs = 0,
): Promise<number[]> {
  await page.bringToFront();
  const latencies = await typeMeasured(page, previewSelector, prefix, keys, gapMs);
  for (let i = 0; i < keys.length; i++) await page.keyboard.press('Backspace');
  await page.waitForTimeout(200);
  return latencies;
}

async function typeMeasured(
  page: Page,
  previewSelector: string,
  prefix: string,
  keys: string,
  gapMs = 0,
): Promise<number[]> {
  const latencies: number[] = [];
  let value = prefix;
  for (const key of keys) {
    value += key;
    if (gapMs > 0) await page.waitForTimeout(gapMs);
    // Install the watcher first, then press: the key must not beat the observer. (A plain string, so
    // tsx's keep-names helper does not leak into the page.)
    await page.evaluate(`window.__wait = new Promise((done) => {
      const selector = ${JSON.stringify(previewSelector)};
      const expected = ${JSON.stringify(value)};
      const observer = new MutationObserver(() => {
        const text = (document.querySelector(selector)?.textContent ?? '').replace(/\\u00a0/g, ' ');
        if (text.includes(expected)) {
          observer.disconnect();
          done(performance.now() - window.__keyAt);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }); true`);
    await page.keyboard.press(key);
    latencies.push(await page.evaluate<number>('window.__wait'));
  }
  return latencies;
}

/**
 * Waits until a freshly opened page has finished starting: its service worker (if any) installed, which fetches and
 * stores every file of the build, and then no long task for half a second (at most 10 s each). Keystrokes are
 * measured on a page at rest, as a user types after reading it; the wizard otherwise spent its first seconds
 * installing the service worker and prefetching the other steps, and the first keys measured that instead.
 */
async function settled(page: Page) {
  // A plain string, so tsx's keep-names helper does not leak into the page.
  await page.evaluate(`(async () => {
    const within = (ms, work) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms))]);
    if (navigator.serviceWorker?.controller === null && document.documentElement.dataset.wizardReady === 'true')
      await within(10000, navigator.serviceWorker.ready);
    await within(10000, new Promise((resolve) => {
      let timer = setTimeout(resolve, 500);
      new PerformanceObserver(() => {
        clearTimeout(timer);
        timer = setTimeout(resolve, 500);
      }).observe({ type: 'longtask' });
    }));
  })()`);
}

// 4. Keystroke → preview, against a page whose pre echoes the key (4) and the same Monaco making the same edit (4b).
// Ten measured rounds of 43 keys per page: 430 samples, so p95 is the 22nd-slowest. With 5 rounds the ratio of the
// two p95s moved between 1.07 and 1.47 over 14 runs of the same build; with 10, between 0.99 and 1.22 over 6.
const KEYSTROKE_ROUNDS = 10;
const PACED_ROUNDS = 2;
const PACED_GAP_MS = 150;
async function benchKeystroke(browser: Browser) {
  const keys = 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq';
  const prefix = 'namespace: istio-system';
  // Each page in its own context, all open at once, their rounds interleaved: the pages are compared over the same
  // minutes, so a busy spell on the machine falls on all of them rather than on whichever page was measured then.
  const open = async (url: string, ready: string, input: string, preview: string) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.locator(ready).waitFor();
    return { page, input, preview, latencies: [] as number[] };
  };
  const app = await open(
    `${APP}#${encodeShareFragment({ ...OPERATOR_TYPICAL }, 'telemetry')}`,
    'section.preview .monaco-editor .view-lines',
    '#field-telemetry-namespace',
    'section.preview[data-file="dt-telemetry.yaml"] .view-lines',
  );
  const echo = await open(`${FLOOR}echo.html`, '#preview', '#value', '#preview');
  // The editor's floor: the same Monaco build making the same edit per keystroke (bench/floor/monaco/keystroke.ts).
  const monaco = await open(
    `${FLOOR}monaco/keystroke.html`,
    '#preview .monaco-editor .view-lines',
    '#value',
    '#preview .view-lines',
  );
  const pages = [app, monaco, echo];
  // Each page first types one whole round unmeasured. The first keys in a page run its code before the JIT has
  // compiled it: the first key took about 20 ms in the wizard, and with only two warm-up keys the slowest samples still
  // gathered in the first ten keys of the first round, on the wizard and on the floor alike (BENCHMARKS.md, figure 4).
  for (const typing of pages) {
    await typing.page.bringToFront();
    await prepareTyping(typing.page, typing.input);
    await typingRound(typing.page, typing.preview, prefix, keys);
  }
  await app.page.evaluate(() => performance.clearMeasures('monaco-edit'));
  for (let round = 0; round < KEYSTROKE_ROUNDS; round++)
    for (const typing of pages)
      typing.latencies.push(...(await typingRound(typing.page, typing.preview, prefix, keys)));
  const monacoEdits = await app.page.evaluate(() =>
    performance.getEntriesByName('monaco-edit').map((entry) => entry.duration),
  );
  // 4c, for information: at a person's pace (150 ms between keys) the wizard's page follows between the keys (its
  // typing pause is 100 ms), which the rounds above, typed as fast as the bench can, never let it do.
  const paced = { app: [] as number[], monaco: [] as number[] };
  for (let round = 0; round < PACED_ROUNDS; round++) {
    paced.app.push(...(await typingRound(app.page, app.preview, prefix, keys, PACED_GAP_MS)));
    paced.monaco.push(...(await typingRound(monaco.page, monaco.preview, prefix, keys, PACED_GAP_MS)));
  }
  for (const typing of pages) await typing.page.context().close();
  const floor = echo.latencies;
  const monacoFloor = monaco.latencies;
  return {
    p50Ms: round(percentile(app.latencies, 50), 1),
    p95Ms: round(percentile(app.latencies, 95), 1),
    floorP50Ms: round(percentile(floor, 50), 1),
    floorP95Ms: round(percentile(floor, 95), 1),
    ratioP95: round(percentile(app.latencies, 95) / percentile(floor, 95)),
    monacoFloorP50Ms: round(percentile(monacoFloor, 50), 1),
    monacoFloorP95Ms: round(percentile(monacoFloor, 95), 1),
    ratioMonacoP95: round(percentile(app.latencies, 95) / percentile(monacoFloor, 95)),
    pacedP50Ms: round(percentile(paced.app, 50), 1),
    pacedP95Ms: round(percentile(paced.app, 95), 1),
    pacedMonacoFloorP50Ms: round(percentile(paced.monaco, 50), 1),
    pacedMonacoFloorP95Ms: round(percentile(paced.monaco, 95), 1),
    pacedRatioMonacoP95: round(percentile(paced.app, 95) / percentile(paced.monaco, 95)),
    monacoEditP50Ms: round(percentile(monacoEdits, 50), 1),
    monacoEditP95Ms: round(percentile(monacoEdits, 95), 1),
    budget: 2,
  };
}

// 5. Monaco ready: opening a preview step (cold) until the editor shows text, against a Monaco-only page.
async function benchMonacoReady(browser: Browser) {
  // The page itself notes the frame in which the editor first holds the file (a mutation observer, then the next
  // animation frame): reading the clock from the test instead would add whatever the page runs after that moment.
  const measure = async (url: string, selector: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript((s) => {
      const w = window as unknown as { __shownAt?: number };
      const observer = new MutationObserver(() => {
        if (!(document.querySelector(s)?.textContent ?? '').includes('extensionProviders')) return;
        observer.disconnect();
        requestAnimationFrame((frame) => (w.__shownAt = frame));
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true });
    }, selector);
    await page.goto(url);
    const at = await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt);
    const shownAt = (await at.jsonValue()) as number;
    await context.close();
    return shownAt;
  };
  const app: number[] = [];
  const floor: number[] = [];
  const link = `${APP}#${encodeShareFragment(OPERATOR_TYPICAL, 'mesh-config')}`;
  for (let i = 0; i < 5; i++) {
    app.push(await measure(link, 'section.preview .monaco-editor .view-lines'));
    floor.push(await measure(`${FLOOR}monaco/index.html`, '.monaco-editor .view-lines'));
  }
  return {
    appMs: round(median(app), 1),
    floorMs: round(median(floor), 1),
    ratio: round(median(app) / median(floor)),
    budget: 1.3,
  };
}

/** The mesh-config step of a typical link, its editor drawn, `text` on the clipboard and the merge box focused. */
async function mergeBoxWithClipboard(browser: Browser, text: string) {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(`${APP}#${encodeShareFragment(OPERATOR_TYPICAL, 'mesh-config')}`);
  await page.locator('#existing-config').waitFor();
  await page.locator('section.preview .monaco-editor').waitFor();
  // At rest, as for keystrokes: not while the service worker installs or the other steps are prefetched.
  await settled(page);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.locator('#existing-config').focus();
  await page.waitForTimeout(300);
  return { context, page };
}

// 2b. The longest main-thread task while the browser merges the 1 MB config (paste → diff ready). Pasted as a user
// does (clipboard, then Ctrl+V), so the paste box's own handling of a large paste is measured with the rest.
async function benchMergeMainThread(browser: Browser) {
  const { context, page } = await mergeBoxWithClipboard(browser, largeIstioOperator(2800));
  // Installed after the clipboard is filled (the bench's own work), before the key.
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  const started = Date.now();
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(
    () => /lines? added/.test(document.querySelector('[data-testid="diff-summary"]')?.textContent ?? ''),
    undefined,
    { timeout: 120_000 },
  );
  const total = Date.now() - started;
  await page.waitForTimeout(300);
  const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
  await context.close();
  return { pasteToDiffMs: total, longestTaskMs: round(longest, 1), budgetMs: 200 };
}

// 2c. A 5 MB paste (over the 2 MB limit): Ctrl+V → the refusal on screen, and the longest main-thread task meanwhile.
// The page refuses it before it reaches the text box; a textarea holding 5 MB took Chromium seconds to lay out.
async function benchOversizedPaste(browser: Browser) {
  const huge = `meshConfig:\n${'  # padding padding padding padding padding padding padding\n'.repeat(90_000)}`;
  const { context, page } = await mergeBoxWithClipboard(browser, huge);
  // Installed after the clipboard is filled (the bench's own work), before the key. (A plain string, so tsx's
  // keep-names helper does not leak into the page.)
  await page.evaluate(`window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask' });
    document.addEventListener('keydown', (event) => (window.__keyAt = event.timeStamp), { capture: true, once: true });
    window.__refused = new Promise((done) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="input-refused"]')) {
          observer.disconnect();
          done(performance.now() - window.__keyAt);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    }); true`);
  await page.keyboard.press('ControlOrMeta+V');
  const pasteToMessage = await page.evaluate<number>('window.__refused');
  await page.waitForTimeout(300);
  const longest = await page.evaluate<number>('window.__longest');
  const kept = await page.locator('#existing-config').inputValue();
  await context.close();
  if (kept !== '') throw new Error('the oversized paste reached the text box');
  return {
    bytes: Buffer.byteLength(huge),
    pasteToMessageMs: round(pasteToMessage, 1),
    longestTaskMs: round(longest, 1),
    budgetMs: 200,
  };
}

// 8. The tracing map of a large cluster (5,000 pods, 200 namespaces, 300 Telemetries): the core alone in Node, and in the
// page from opening the files to the summary on screen, with the longest main-thread task meanwhile (the map is drawn in
// a worker; the page must never be blocked for more than 200 ms).
function benchMapCore() {
  const files = largeCluster();
  const model = valid(OPERATOR_TYPICAL);
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    buildTracingMap(readCluster(files), model);
    samples.push(performance.now() - start);
  }
  // The first runs compile the code; the median of the rest.
  return round(median(samples.slice(2)), 1);
}

async function benchMapInPage(browser: Browser) {
  const files = largeCluster();
  const dir = join(ROOT, 'bench/.map-files');
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.name), file.text);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${APP}#${encodeShareFragment(OPERATOR_TYPICAL, 'verify')}`);
  const input = page.locator('.tracing-map input[type="file"]');
  await input.waitFor({ state: 'attached' });
  await settled(page);
  await page.evaluate(`window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask' }); true`);
  const started = Date.now();
  await input.setInputFiles(files.map((file) => join(dir, file.name)));
  await page.waitForFunction(
    () => /of \d+ workloads send spans/.test(document.querySelector('.tracing-map .map-summary')?.textContent ?? ''),
    undefined,
    { timeout: 120_000 },
  );
  const total = Date.now() - started;
  await page.waitForTimeout(300);
  const longest = await page.evaluate<number>('window.__longest');
  await context.close();
  return {
    pods: 5000,
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
    filesToMapMs: total,
    longestTaskMs: round(longest, 1),
  };
}

function table(results: Record<string, unknown>): string {
  const r = results as any;
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const rows = [
    ['Figure', 'Wizard', 'Floor', 'Ratio', 'Budget', 'Status'],
    [
      '1. Core: whole bundle (median per call)',
      `${r.core.coreMs} ms`,
      `${r.core.floorMs} ms (yaml.stringify of the same documents)`,
      `${r.core.ratio}×`,
      '≤ 1.5×',
      mark(r.core.ratio <= 1.5),
    ],
    [
      '2. Merge ~1 MB, 2,800 providers',
      `${r.merge.mergeMs} ms`,
      `${r.merge.floorMs} ms (parseDocument + toString)`,
      `${r.merge.ratio}×`,
      '≤ 1.5×',
      mark(r.merge.ratio <= 1.5),
    ],
    [
      '2b. Longest main-thread task, paste → diff',
      `${r.mergeMainThread.longestTaskMs} ms`,
      '—',
      '—',
      '≤ 200 ms',
      mark(r.mergeMainThread.longestTaskMs <= 200),
    ],
    [
      '2c. 5 MB paste refused: Ctrl+V → message / longest main-thread task',
      `${r.oversizedPaste.pasteToMessageMs} / ${r.oversizedPaste.longestTaskMs} ms`,
      '—',
      '—',
      '≤ 200 ms (longest task)',
      mark(r.oversizedPaste.longestTaskMs <= 200),
    ],
    [
      '3. First step accepts input (cold)',
      `${r.firstScreen.interactiveMs} ms`,
      `${r.firstScreen.floorMs} ms (static HTML, same form and stylesheet); ${r.firstScreen.bareFloorMs} ms unstyled`,
      `${r.firstScreen.ratio}× (${r.firstScreen.ratioToBare}× unstyled)`,
      '≤ 1.3×',
      mark(r.firstScreen.ratio <= 1.3),
    ],
    ['3a. First step hydrated (every control live)', `${r.firstScreen.hydratedMs} ms`, '—', '—', '—', '—'],
    [
      '3b. JS+CSS gzip until the first step is live',
      `${(r.firstScreen.jsCssGzipUntilLive / 1024).toFixed(1)} KB`,
      '—',
      '—',
      '≤ 120 KB',
      mark(r.firstScreen.jsCssGzipUntilLive <= 120 * 1024),
    ],
    [
      '3c. Monaco gzip on that path / in total',
      `${r.firstScreen.monacoGzipBeforeInteractive} B / ${(r.firstScreen.monacoGzipTotal / 1024).toFixed(0)} KB`,
      '—',
      '—',
      '0 on the path',
      mark(r.firstScreen.monacoGzipBeforeInteractive === 0),
    ],
    [
      '3d. Monaco’s lazy chunk, gzip',
      `${(r.firstScreen.monacoChunkGzip / 1024).toFixed(1)} KB`,
      '—',
      '—',
      '≤ 700 KB',
      mark(r.firstScreen.monacoChunkGzip <= 700 * 1024),
    ],
    [
      '4. Keystroke → preview p50 / p95',
      `${r.keystroke.p50Ms} / ${r.keystroke.p95Ms} ms`,
      `${r.keystroke.floorP50Ms} / ${r.keystroke.floorP95Ms} ms (echo page)`,
      `${r.keystroke.ratioP95}× (p95)`,
      // Issue 9: the budget is against the Monaco floor (4b); the echo page's ratio is kept as information.
      'information (4b is the budget)',
      '—',
    ],
    [
      '4b. Keystroke → preview against the Monaco floor, p50 / p95',
      `${r.keystroke.p50Ms} / ${r.keystroke.p95Ms} ms`,
      `${r.keystroke.monacoFloorP50Ms} / ${r.keystroke.monacoFloorP95Ms} ms (same Monaco, same edit)`,
      `${r.keystroke.ratioMonacoP95}× (p95)`,
      '≤ 1.3× (p95)',
      mark(r.keystroke.ratioMonacoP95 <= 1.3),
    ],
    [
      '4a. … of which Monaco’s own edit + draw, p50 / p95',
      `${r.keystroke.monacoEditP50Ms} / ${r.keystroke.monacoEditP95Ms} ms`,
      '—',
      '—',
      '—',
      '—',
    ],
    [
      '4c. Keystroke → preview at a person’s pace (150 ms between keys), p50 / p95',
      `${r.keystroke.pacedP50Ms} / ${r.keystroke.pacedP95Ms} ms`,
      `${r.keystroke.pacedMonacoFloorP50Ms} / ${r.keystroke.pacedMonacoFloorP95Ms} ms (same Monaco, same edit)`,
      `${r.keystroke.pacedRatioMonacoP95}× (p95)`,
      'information',
      '—',
    ],
    [
      '5. Monaco ready (open preview step, cold)',
      `${r.monacoReady.appMs} ms`,
      `${r.monacoReady.floorMs} ms (Monaco-only page)`,
      `${r.monacoReady.ratio}×`,
      '≤ 1.3×',
      mark(r.monacoReady.ratio <= 1.3),
    ],
    [
      '8. Tracing map, 5,000 pods / 200 namespaces / 300 Telemetries: core in Node / files → map in the page',
      `${r.mapCoreMs} / ${r.mapInPage.filesToMapMs} ms`,
      '—',
      '—',
      '≤ 2,000 ms in the page',
      mark(r.mapInPage.filesToMapMs <= 2000),
    ],
    [
      '8b. Longest main-thread task while the map is drawn',
      `${r.mapInPage.longestTaskMs} ms`,
      '—',
      '—',
      '≤ 200 ms',
      mark(r.mapInPage.longestTaskMs <= 200),
    ],
    [
      '6. Share link: default / typical Operator / typical standalone / maximal',
      `${r.links.default} / ${r.links.typicalOperator} / ${r.links.typicalStandalone} / ${r.links.maximal} chars`,
      '—',
      '—',
      'typical ≤ 300',
      mark(Math.max(r.links.typicalOperator, r.links.typicalStandalone) <= 300),
    ],
    [
      '7. Verify: 2 MB istiod log / proxy-config dump of 5,000 clusters',
      `${r.verify.logMs} / ${r.verify.dumpMs} ms`,
      `${r.verify.logFloorMs} ms (split into lines) / ${r.verify.dumpFloorMs} ms (JSON.parse)`,
      '—',
      '≤ 1000 ms each',
      mark(Math.max(r.verify.logMs, r.verify.dumpMs) <= 1000),
    ],
  ];
  return rows
    .map((row, i) => `| ${row.join(' | ')} |${i === 0 ? `\n|${row.map(() => '---').join('|')}|` : ''}`)
    .join('\n');
}

/** BENCH_ONLY=first,keys,monaco,merge,paste,map runs a subset of the browser figures (for quick iterations); BENCH_PORT as above. */
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('Run npm run build first (npm run bench does).');
  console.log('Node-side figures…');
  // BENCH_ONLY runs only the browser figures it names (the Node-side ones take half a minute).
  const core = only ? undefined : benchCore();
  const merge = only ? undefined : benchMerge();
  const links = benchLinks();
  const verify = only ? undefined : benchVerify();
  writeFirstScreenFloor();
  const servers = [serve(DIST, APP_PORT), serve(FLOOR_DIST, FLOOR_PORT)];
  try {
    await Promise.all([waitForServer(APP), waitForServer(`${FLOOR}echo.html`)]);
    const browser = await launch();
    try {
      console.log('First screen…');
      const firstScreenResult = wanted('first') ? await benchFirstScreen(browser) : undefined;
      console.log('Keystroke → preview…');
      const keystroke = wanted('keys') ? await benchKeystroke(browser) : undefined;
      console.log('Monaco ready…');
      const monacoReady = wanted('monaco') ? await benchMonacoReady(browser) : undefined;
      console.log('Merge in the browser…');
      const mergeMainThread = wanted('merge') ? await benchMergeMainThread(browser) : undefined;
      console.log('Oversized paste…');
      const oversizedPaste = wanted('paste') ? await benchOversizedPaste(browser) : undefined;
      console.log('Tracing map…');
      const mapCoreMs = wanted('map') ? benchMapCore() : undefined;
      const mapInPage = wanted('map') ? await benchMapInPage(browser) : undefined;
      if (only) {
        console.log(
          JSON.stringify(
            { firstScreenResult, keystroke, monacoReady, mergeMainThread, oversizedPaste, mapCoreMs, mapInPage },
            null,
            2,
          ),
        );
        return;
      }
      const results = {
        date: new Date().toISOString(),
        machine: { cpus: (await import('node:os')).cpus().length, node: process.version, chromium: browser.version() },
        core,
        merge,
        mergeMainThread,
        oversizedPaste,
        firstScreen: firstScreenResult,
        keystroke,
        monacoReady,
        mapCoreMs,
        mapInPage,
        links,
        verify,
      };
      const rendered = table(results);
      console.log(`\n${rendered}\n`);
      writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
      const doc = join(ROOT, 'BENCHMARKS.md');
      if (existsSync(doc)) {
        const text = readFileSync(doc, 'utf8');
        const section = `<!-- results:start -->\nLatest run: ${results.date}, ${results.machine.cpus} CPUs, Node ${results.machine.node}, Chromium ${results.machine.chromium}.\n\n${rendered}\n<!-- results:end -->`;
        writeFileSync(doc, text.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/, section));
      }
      console.log('Wrote bench/results.json and the results in BENCHMARKS.md.');
    } finally {
      await browser.close();
    }
  } finally {
    for (const server of servers) server.kill();
  }
}

await main();
