// A fuzz worker thread: builds each task's input itself (inputs are a pure function of the task and
// the seed, so only small task descriptions cross threads) and runs the checks on it. The main thread
// (fuzz/run.mjs) watches for hangs and terminates a worker that stops answering.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { checkInput, configFor } from './check.mjs';
import { minimize } from './minimize.mjs';
import { inputFor, loadSeeds } from './mutate.mjs';
import { withMappedStacks } from './stacks.mjs';

const core = createRequire(import.meta.url)(workerData.corePath);
const seeds = loadSeeds();

// Warm up the JIT on every seed first, so the first inputs are not timed on cold code.
for (const s of seeds) core.analyzeFile(s.text, s.fileName);

/**
 * A timing above the budget (but under three times it) is measured up to twice more and the fastest run kept: a GC pause or the
 * other threads competing for a core are not a slow input; an input that is slow every time is.
 */
function timedCheck(input, budgetMs) {
  let report = checkInput(core, input);
  // Far over budget is slow, not noise: do not spend twice as long proving it.
  for (let attempt = 0; attempt < 2 && report.ms > budgetMs && report.ms < 3 * budgetMs; attempt++) {
    const started = performance.now();
    core.analyzeFile(input.text, input.fileName, configFor(core, input.configText));
    const ms = performance.now() - started;
    if (ms < report.ms) report = { ...report, ms };
  }
  return report;
}

parentPort.on('message', (message) => {
  if (message.type === 'task') {
    const { task } = message;
    const input = inputFor(seeds, task, workerData.seed);
    const budgetMs = workerData.baseBudgetMs + workerData.msPerKb * (input.text.length / 1024);
    const report = timedCheck(input, budgetMs);
    const slow = report.ms > budgetMs;
    const failing = report.failures.length > 0 || slow;
    parentPort.postMessage({
      type: 'result',
      task,
      size: input.text.length,
      fileName: input.fileName,
      seedId: input.seedId,
      mutations: input.mutations,
      configText: input.configText,
      ms: report.ms,
      budgetMs,
      slow,
      // Mapped to server/src/core/*.ts here, after the timed call.
      failures: withMappedStacks(report.failures, workerData.corePath),
      findings: report.findings,
      ruleCounts: report.ruleCounts,
      fixesChecked: report.fixesChecked,
      fixesReparsed: report.fixesReparsed,
      skipped: report.skipped,
      parserRecursion: report.parserRecursion.length,
      // The text crosses threads only when it is needed for the corpus.
      text: failing ? input.text : undefined,
    });
  } else if (message.type === 'minimize') {
    const { input, signature, maxTries } = message;
    const text = minimize(input.text, (candidate) => checkInput(core, { ...input, text: candidate }).failures.some((f) => f.signature === signature), { maxTries });
    parentPort.postMessage({ type: 'minimized', signature, text, failures: withMappedStacks(checkInput(core, { ...input, text }).failures, workerData.corePath) });
  }
});
parentPort.postMessage({ type: 'ready' });
