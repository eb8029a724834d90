#!/usr/bin/env node
// The fuzzer: `node fuzz/run.mjs [--iterations N] [--seed S] [--time-budget-ms-per-kb X] …`
// (npm run fuzz). Runs three phases over the engine bundle (dist/core.js; build first):
//   seed      every seed file unchanged, under each configuration of CONFIG_TEXTS;
//   truncate  the shortest example files cut at every position;
//   random    N inputs of 1–3 stacked mutations (fuzz/mutate.mjs).
// Every input gets the checks of fuzz/check.mjs plus a time budget (base + per-KB, per analyzeFile
// call). Inputs run in worker threads; a worker that stops answering is terminated and its input
// recorded as a hang. New failures are minimised and written to fuzz/corpus/, and the run exits 1
// when any input failed.
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { checkInput } from './check.mjs';
import { withMappedStacks } from './stacks.mjs';
import { CORPUS_DIR, knownSignatures, readCorpus, writeCorpusEntry } from './corpus.mjs';
import { CONFIG_TEXTS, inputFor, loadSeeds, ROOT, truncationTasks } from './mutate.mjs';

const USAGE = `usage: node fuzz/run.mjs [options]
  --iterations N              random inputs (default 10000)
  --seed S                    PRNG seed (default 1); the same seed gives the same inputs
  --time-budget-ms-per-kb X   per-call budget = base + X ms per KB of input (default 2)
  --time-budget-base-ms B     (default 50)
  --truncate-files K          examples cut at every position (default 3; 0 = none)
  --no-seed-phase             skip the unchanged seeds
  --jobs J                    worker threads (default: available cores)
  --hang-ms H                 a worker silent this long is terminated, its input a hang (default 60000)
  --no-minimize               write failing inputs as found
  --no-write                  do not write the corpus
  --corpus DIR                the corpus folder (default fuzz/corpus)
  --core FILE                 the engine bundle to fuzz (default dist/core.js); a copy keeps a long
                              run on one engine version while others rebuild dist/
  --report FILE               also write the summary as JSON
  --only I                    run random input I alone in this thread and print everything about it
  --dump FILE                 with --only: write the input text to FILE`;

const { values: args } = parseArgs({
  options: {
    iterations: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'time-budget-ms-per-kb': { type: 'string', default: '2' },
    'time-budget-base-ms': { type: 'string', default: '50' },
    'truncate-files': { type: 'string', default: '3' },
    'no-seed-phase': { type: 'boolean', default: false },
    jobs: { type: 'string', default: String(availableParallelism()) },
    'hang-ms': { type: 'string', default: '60000' },
    'no-minimize': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    corpus: { type: 'string', default: CORPUS_DIR },
    core: { type: 'string' },
    report: { type: 'string' },
    only: { type: 'string' },
    dump: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const number = (name) => {
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`fuzz: --${name} must be a non-negative number\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const options = {
  iterations: Math.floor(number('iterations')),
  seed: args.seed,
  msPerKb: number('time-budget-ms-per-kb'),
  baseBudgetMs: number('time-budget-base-ms'),
  truncateFiles: Math.floor(number('truncate-files')),
  jobs: Math.max(1, Math.floor(number('jobs'))),
  hangMs: number('hang-ms'),
};

const corePath = resolve(args.core ?? join(ROOT, 'dist/core.js'));
if (!existsSync(corePath)) {
  console.error(`fuzz: ${corePath} not found; run \`npm run build\` first`);
  process.exit(2);
}
const seeds = loadSeeds();

if (args.only !== undefined) process.exit(runOne(Number(args.only)));

// ---------------------------------------------------------------------------------------------------

function runOne(index) {
  const core = createRequire(import.meta.url)(corePath);
  const input = inputFor(seeds, { phase: 'random', index }, options.seed);
  if (args.dump) writeFileSync(args.dump, input.text);
  const report = checkInput(core, input);
  const budget = options.baseBudgetMs + options.msPerKb * input.text.length / 1024;
  console.log(JSON.stringify({
    seed: options.seed, index, seedFile: input.seedId, fileName: input.fileName, configText: input.configText, size: input.text.length,
    mutations: input.mutations, ms: Math.round(report.ms), budgetMs: Math.round(budget), findings: report.findings,
    parserRecursion: report.parserRecursion.length, failures: withMappedStacks(report.failures, corePath),
  }, null, 2));
  return report.failures.length > 0 ? 1 : 0;
}

function buildTasks() {
  const tasks = [];
  if (!args['no-seed-phase']) {
    for (const s of seeds) for (const configText of [undefined, ...CONFIG_TEXTS.slice(1)]) tasks.push({ phase: 'seed', seedId: s.id, configText });
  }
  tasks.push(...truncationTasks(seeds, options.truncateFiles));
  for (let index = 0; index < options.iterations; index++) tasks.push({ phase: 'random', index });
  return tasks;
}

const stats = {
  seed: options.seed,
  inputs: 0,
  byPhase: {},
  bytes: 0,
  findings: 0,
  inputsWithFindings: 0,
  findingsByRule: {},
  fixesChecked: 0,
  fixesReparsed: 0,
  skippedByPrefilter: 0,
  parserRecursion: { inputs: 0, byShape: {} },
  failingInputs: 0,
  failuresByKind: {},
  slow: [],
  slowest: [],
  slowestRelative: [],
  hangs: 0,
  signatures: new Map(), // signature → { count, smallest: { text, meta, failures } }
};

function remember(list, entry, key, limit = 5) {
  list.push(entry);
  list.sort((a, b) => b[key] - a[key]);
  if (list.length > limit) list.length = limit;
}

function describeTask(task) {
  if (task.phase === 'random') return `random #${task.index}`;
  if (task.phase === 'truncate') return `truncate ${task.seedId} at ${task.at}`;
  return `seed ${task.seedId}${task.configText ? ` with config ${task.configText.slice(0, 40)}` : ''}`;
}

function record(message) {
  const { task } = message;
  stats.inputs++;
  stats.byPhase[task.phase] = (stats.byPhase[task.phase] ?? 0) + 1;
  stats.bytes += message.size;
  stats.findings += message.findings;
  if (message.findings > 0) stats.inputsWithFindings++;
  for (const [rule, n] of Object.entries(message.ruleCounts)) stats.findingsByRule[rule] = (stats.findingsByRule[rule] ?? 0) + n;
  stats.fixesChecked += message.fixesChecked;
  stats.fixesReparsed += message.fixesReparsed;
  if (message.skipped) stats.skippedByPrefilter++;
  if (message.parserRecursion > 0) {
    stats.parserRecursion.inputs++;
    const nesting = message.mutations.find((m) => m.mutator === 'deepNesting');
    const shape = nesting ? `${nesting.kind} (depth ${nesting.depth >= 10000 ? nesting.depth : '500–5000'})` : `other (${message.seedId})`;
    stats.parserRecursion.byShape[shape] = (stats.parserRecursion.byShape[shape] ?? 0) + 1;
  }
  const timing = { ms: Math.round(message.ms), size: message.size, budgetMs: Math.round(message.budgetMs), ratio: message.ms / message.budgetMs, input: describeTask(task), mutations: message.mutations.map((m) => m.kind ? `${m.mutator}:${m.kind}` : m.mutator).join('+') };
  remember(stats.slowest, timing, 'ms');
  remember(stats.slowestRelative, timing, 'ratio');

  const failures = [...message.failures];
  if (message.slow) {
    stats.slow.push(timing);
    failures.push({ kind: 'slow', signature: `slow|${shapeOf(message.mutations)}`, message: `${Math.round(message.ms)} ms for ${message.size} characters (budget ${Math.round(message.budgetMs)} ms)` });
  }
  if (failures.length > 0) addFailure({ ...message, failures });
}

/**
 * Slow and hung inputs are told apart by the heavy mutation that made them (e.g. 'deepNesting:ifElse',
 * 'longString:origins'), so two different performance problems get two corpus entries.
 */
function shapeOf(mutations) {
  const heavy = mutations.find((m) => m.mutator === 'deepNesting' || m.mutator === 'longString');
  return heavy ? `${heavy.mutator}:${heavy.kind}` : 'other';
}

function addFailure(message) {
  stats.failingInputs++;
  const meta = { task: message.task, seedFile: message.seedId, fileName: message.fileName, configText: message.configText, mutations: message.mutations, size: message.size };
  for (const f of message.failures) stats.failuresByKind[f.kind] = (stats.failuresByKind[f.kind] ?? 0) + 1;
  for (const signature of new Set(message.failures.map((f) => f.signature))) {
    const entry = stats.signatures.get(signature) ?? { count: 0 };
    entry.count++;
    // Every input that hit a performance problem: the bounded test run skips these while it is open.
    if (/^(slow|hang)\|/.test(signature)) (entry.tasks ??= []).push(message.task);
    // The smallest input shows a bug best; for a performance problem, the worst one (time over budget).
    const ratio = message.ms / message.budgetMs;
    const better = /^(slow|hang)\|/.test(signature)
      ? !entry.smallest || (signature.startsWith('hang|') ? message.size < entry.smallest.meta.size : ratio > entry.smallest.ratio)
      : !entry.smallest || message.size < entry.smallest.meta.size;
    if (better) {
      entry.smallest = { text: message.text, meta, ratio, failures: message.failures.filter((f) => f.signature === signature), allFailures: message.failures };
    }
    stats.signatures.set(signature, entry);
  }
}

// ---------------------------------------------------------------------------------------------------
// Worker pool with a hang watchdog

const workerData = { corePath, seed: options.seed, msPerKb: options.msPerKb, baseBudgetMs: options.baseBudgetMs };

/**
 * Workers get the stack of a main thread (about 1 MB), where the language server runs the engine, so
 * recursion limits are met where an editor meets them and where test/fuzz (main thread) meets them.
 */
const WORKER_OPTIONS = { workerData, resourceLimits: { stackSizeMb: 1 } };

function startWorker(slot, onMessage) {
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), WORKER_OPTIONS);
  slot.worker = worker;
  slot.ready = false;
  worker.on('message', (m) => onMessage(slot, m));
  worker.on('error', (error) => {
    // An exception escaping the worker: a harness bug or an engine crash outside analyzeFile's guard.
    if (slot.worker !== worker) return;
    const task = slot.task;
    slot.task = undefined;
    if (task) {
      const input = inputFor(seeds, task, options.seed);
      stats.inputs++;
      addFailure({ task, seedId: input.seedId, fileName: input.fileName, configText: input.configText, mutations: input.mutations, size: input.text.length, text: input.text, failures: [{ kind: 'worker-error', signature: `worker-error|${String(error?.message).slice(0, 80)}`, message: String(error?.message), stack: error?.stack }] });
    } else console.error(`fuzz: worker error: ${error?.stack ?? error}`);
  });
  worker.on('exit', (code) => {
    if (slot.worker !== worker || slot.stopping) return;
    // Died (e.g. out of memory): replace it and go on.
    console.error(`fuzz: a worker exited with code ${code}${slot.task ? ` on ${describeTask(slot.task)}` : ''}; starting another`);
    startWorker(slot, onMessage);
  });
}

async function runPool(tasks) {
  let next = 0;
  let done = 0;
  const started = performance.now();
  let lastProgress = started;
  return new Promise((resolve) => {
    const slots = Array.from({ length: Math.min(options.jobs, Math.max(1, tasks.length)) }, () => ({}));
    const dispatch = (slot) => {
      if (next < tasks.length) {
        slot.task = tasks[next++];
        slot.sentAt = performance.now();
        slot.worker.postMessage({ type: 'task', task: slot.task });
      } else {
        slot.task = undefined;
        if (slots.every((s) => !s.task)) {
          clearInterval(watchdog);
          for (const s of slots) {
            s.stopping = true;
            s.worker.terminate();
          }
          resolve((performance.now() - started) / 1000);
        }
      }
    };
    const onMessage = (slot, m) => {
      if (m.type === 'ready') return dispatch(slot);
      if (m.type !== 'result') return;
      record(m);
      done++;
      const now = performance.now();
      if (now - lastProgress > 10000) {
        lastProgress = now;
        process.stderr.write(`fuzz: ${done}/${tasks.length} inputs, ${stats.failingInputs} failing, ${((now - started) / 1000).toFixed(0)} s\n`);
      }
      dispatch(slot);
    };
    const watchdog = setInterval(() => {
      for (const slot of slots) {
        if (!slot.task || performance.now() - slot.sentAt < options.hangMs) continue;
        const task = slot.task;
        const input = inputFor(seeds, task, options.seed);
        stats.hangs++;
        stats.inputs++;
        addFailure({ task, seedId: input.seedId, fileName: input.fileName, configText: input.configText, mutations: input.mutations, size: input.text.length, text: input.text, failures: [{ kind: 'hang', signature: `hang|${shapeOf(input.mutations)}`, message: `no answer within ${options.hangMs} ms` }] });
        const old = slot.worker;
        slot.stopping = false;
        slot.worker = undefined;
        old.terminate();
        slot.task = undefined;
        startWorker(slot, onMessage);
      }
    }, 1000);
    for (const slot of slots) startWorker(slot, onMessage);
  });
}

/** Minimises one failing input in a fresh worker; returns { text, failures } or the original. */
function minimizeInWorker(input, signature) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), WORKER_OPTIONS);
    const timer = setTimeout(() => {
      worker.terminate();
      resolve(undefined);
    }, 5 * 60 * 1000);
    worker.on('message', (m) => {
      if (m.type === 'ready') worker.postMessage({ type: 'minimize', input, signature, maxTries: 1500 });
      if (m.type === 'minimized') {
        clearTimeout(timer);
        worker.terminate();
        resolve(m);
      }
    });
    worker.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

// ---------------------------------------------------------------------------------------------------

/** Which engine this run tested: the commit, and whether server/src/core differed from it (read-only git). */
function engineVersion() {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), coreModified: git('status', '--porcelain', '--', 'server/src/core') !== '', bundle: corePath };
  } catch {
    return { bundle: corePath };
  }
}

const tasks = buildTasks();
const engine = engineVersion();
const corpus = readCorpus(args.corpus);
const known = knownSignatures(corpus);
console.log(`fuzz: seed ${options.seed}, ${tasks.length} inputs (${seeds.length} seeds; ${options.iterations} random), ${options.jobs} worker(s), budget ${options.baseBudgetMs} ms + ${options.msPerKb} ms/KB`);
const seconds = await runPool(tasks);

// New failures (not already in the corpus as open bugs) are minimised and written.
const written = [];
const knownOpen = [];
for (const [signature, entry] of stats.signatures) {
  if (known.open.has(signature)) {
    knownOpen.push({ signature, count: entry.count, corpus: known.open.get(signature) });
    continue;
  }
  entry.isNew = true;
  let { text } = entry.smallest;
  let failures = entry.smallest.allFailures;
  const meta = entry.smallest.meta;
  const input = { text, fileName: meta.fileName, configText: meta.configText };
  // Timing and recursion depth do not survive minimisation meaningfully: keep those inputs whole.
  const minimizable = !args['no-minimize'] && !/^(slow|hang)\||stack-overflow|worker-error/.test(signature) && text !== undefined;
  let minimized = false;
  if (minimizable) {
    process.stderr.write(`fuzz: minimising ${signature} (${text.length} characters)\n`);
    const m = await minimizeInWorker(input, signature);
    if (m && m.text.length < text.length) {
      text = m.text;
      failures = m.failures;
      minimized = true;
    }
  }
  if (args['no-write'] || text === undefined) continue;
  const id = writeCorpusEntry({
    text,
    fileName: meta.fileName,
    configText: meta.configText,
    failures,
    found: {
      by: 'fuzz/run.mjs', engine: engine.commit, seed: options.seed, task: meta.task, seedFile: meta.seedFile, mutations: meta.mutations, originalSize: meta.size, minimized, inputsWithThisFailure: entry.count,
      ...(entry.tasks ? { tasks: entry.tasks.slice(0, 1000) } : {}),
    },
  }, args.corpus);
  entry.corpus = id;
  written.push({ signature, id, count: entry.count, size: text.length });
}

// ---------------------------------------------------------------------------------------------------
// Summary

const fixFailures = Object.entries(stats.failuresByKind).filter(([k]) => k.startsWith('fix')).reduce((n, [, c]) => n + c, 0);
const crashes = (stats.failuresByKind.crash ?? 0) + (stats.failuresByKind['bad-result'] ?? 0) + (stats.failuresByKind['worker-error'] ?? 0);
const lines = [];
lines.push('');
lines.push(`fuzz summary (seed ${options.seed}, ${seconds.toFixed(1)} s, ${options.jobs} worker(s); engine ${engine.commit ?? '?'}${engine.coreModified ? ' + uncommitted core changes' : ''})`);
lines.push(`  inputs tried:        ${stats.inputs} (${Object.entries(stats.byPhase).map(([p, n]) => `${p} ${n}`).join(', ')}), ${(stats.bytes / 1048576).toFixed(1)} MB`);
lines.push(`  findings seen:       ${stats.findings} in ${stats.inputsWithFindings} inputs; ${stats.fixesChecked} fixes applied (${stats.fixesReparsed} re-parsed); ${stats.skippedByPrefilter} inputs skipped by the prefilter`);
lines.push(`    by rule:           ${Object.entries(stats.findingsByRule).sort().map(([r, n]) => `${r} ${n}`).join(', ')}`);
lines.push(`  crashes (throws):    ${crashes}`);
lines.push(`  internal errors:     ${stats.failuresByKind['internal-error'] ?? 0} (rules/stages that threw; parser recursion excluded)`);
lines.push(`  parser recursion limit: ${stats.parserRecursion.inputs} inputs (TypeScript parser stack overflow; known limitation)`);
for (const [shape, n] of Object.entries(stats.parserRecursion.byShape).sort((a, b) => b[1] - a[1])) lines.push(`      ${shape}: ${n}`);
lines.push(`  range failures:      ${stats.failuresByKind.range ?? 0}`);
lines.push(`  fix failures:        ${fixFailures}${fixFailures ? ` (${Object.entries(stats.failuresByKind).filter(([k]) => k.startsWith('fix')).map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`);
lines.push(`  prefilter misses:    ${stats.failuresByKind['prefilter-miss'] ?? 0}`);
lines.push(`  slow inputs:         ${stats.slow.length} (over ${options.baseBudgetMs} ms + ${options.msPerKb} ms/KB)`);
lines.push(`  hangs:               ${stats.hangs} (no answer within ${options.hangMs} ms)`);
lines.push('  slowest calls:');
for (const s of stats.slowest) lines.push(`      ${s.ms} ms, ${s.size} chars (budget ${s.budgetMs} ms): ${s.input} [${s.mutations || 'unchanged'}]`);
lines.push('  slowest relative to budget:');
for (const s of stats.slowestRelative) lines.push(`      ${(s.ratio * 100).toFixed(0)}% of budget: ${s.ms} ms, ${s.size} chars: ${s.input} [${s.mutations || 'unchanged'}]`);
lines.push(`  failing inputs:      ${stats.failingInputs}, ${stats.signatures.size} distinct failure(s)`);
for (const [signature, entry] of stats.signatures) {
  const where = entry.corpus ? `fuzz/corpus/${entry.corpus}.js (new)` : known.open.has(signature) ? `known open: fuzz/corpus/${known.open.get(signature)}.js` : '(not written)';
  lines.push(`      ${signature} × ${entry.count} → ${where}`);
  const first = entry.smallest.failures[0];
  if (first?.message) lines.push(`          ${first.message.split('\n')[0].slice(0, 200)}`);
}
console.log(lines.join('\n'));

if (args.report) {
  writeFileSync(args.report, JSON.stringify({
    ...stats,
    seconds,
    engine,
    options,
    signatures: [...stats.signatures].map(([signature, e]) => ({ signature, count: e.count, corpus: e.corpus ?? known.open.get(signature), isNew: !!e.isNew, example: { ...e.smallest.meta, failures: e.smallest.failures.map((f) => ({ ...f, stack: f.stack?.split('\n').slice(0, 8).join('\n') })) } })),
    written,
    knownOpen,
  }, null, 2));
}
process.exit(stats.failingInputs > 0 ? 1 : 0);
