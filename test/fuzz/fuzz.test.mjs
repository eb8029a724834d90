// Robustness of the engine on hostile input (fuzz/README in docs/robustness.md):
//   (a) every input in fuzz/corpus/ is replayed with the fuzzer's checks — a regression suite of the
//       inputs that once broke something. Entries whose record says "status": "open" are engine bugs not
//       fixed yet: they run as TODO (reported, not failing) until the fix flips them to "fixed".
//       "limitation" marks a slow input whose time is TypeScript's own parse; it is replayed like a fixed one.
//   (b) a bounded fuzz run with a fixed seed: the unchanged seeds, one example cut at every 4th
//       position, and the first 300 random inputs of `node fuzz/run.mjs --seed 1`. A failure whose
//       signature belongs to an open corpus entry is reported as a diagnostic; any other fails the test.
//       Inputs an open performance entry lists (found.tasks) are skipped: they would take minutes.
// Correctness only: speed is measured by fuzz/run.mjs and the benchmarks, never asserted in tests.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { checkInput } from '../../fuzz/check.mjs';
import { isPerformanceEntry, knownSignatures, readCorpus, taskKey } from '../../fuzz/corpus.mjs';
import { inputFor, loadSeeds, truncationTasks } from '../../fuzz/mutate.mjs';
import { mapStack } from '../../fuzz/stacks.mjs';

const BOUNDED_SEED = '1';
const BOUNDED_RANDOM_INPUTS = 300;
/** Not a speed assertion: only stops a hung engine (an infinite loop) from stalling the whole suite. */
const HANG_GUARD = { timeout: 10 * 60 * 1000 };

const corpus = readCorpus();
const known = knownSignatures(corpus);

const bundle = fileURLToPath(new URL('../../dist/core.js', import.meta.url));
const describeFailure = (f) => `${f.signature}\n    ${String(f.message ?? '').split('\n')[0]}${f.stack ? `\n    ${mapStack(f.stack, bundle).split('\n').slice(1, 5).join('\n    ')}` : ''}`;

describe('fuzz corpus (regressions)', () => {
  it('holds a .json record for every input', () => {
    for (const entry of corpus) {
      assert.ok(['open', 'fixed', 'limitation'].includes(entry.record.status), `${entry.id}.json: status must be "open", "fixed" or "limitation"`);
      assert.ok(Array.isArray(entry.record.signatures) && entry.record.signatures.length > 0, `${entry.id}.json: no signatures`);
    }
  });
  for (const entry of corpus) {
    const open = entry.record.status === 'open';
    // An open performance bug's input takes minutes: fuzz/run.mjs replays those, with its watchdog.
    const skip = open && isPerformanceEntry(entry.record) ? `open performance bug (fuzz/corpus/${entry.id}.json)` : undefined;
    it(`${entry.id}: ${entry.record.signatures.join('; ')}`, { ...HANG_GUARD, skip, todo: open && !skip ? `open engine bug (fuzz/corpus/${entry.id}.json)` : undefined }, () => {
      const report = checkInput(core, entry);
      assert.deepEqual(report.failures.map(describeFailure), []);
    });
  }
});

test(`bounded fuzz run (seed ${BOUNDED_SEED}): seeds, truncations and ${BOUNDED_RANDOM_INPUTS} random inputs`, HANG_GUARD, (t) => {
  const seeds = loadSeeds();
  const tasks = [
    ...seeds.map((s) => ({ phase: 'seed', seedId: s.id })),
    ...truncationTasks(seeds, 1, 4),
    ...Array.from({ length: BOUNDED_RANDOM_INPUTS }, (_, index) => ({ phase: 'random', index })),
  ];
  const unexpected = [];
  const knownOpen = new Map();
  let findings = 0;
  let parserRecursion = 0;
  let skipped = 0;
  for (const task of tasks) {
    if (known.slowTasks.has(taskKey(BOUNDED_SEED, task))) {
      skipped++;
      continue;
    }
    const input = inputFor(seeds, task, BOUNDED_SEED);
    const report = checkInput(core, input);
    findings += report.findings;
    if (report.parserRecursion.length > 0) parserRecursion++;
    for (const failure of report.failures) {
      if (known.open.has(failure.signature)) knownOpen.set(failure.signature, known.open.get(failure.signature));
      else unexpected.push(`${JSON.stringify(task)} (${input.seedId}, ${input.fileName}, ${input.text.length} chars, ${JSON.stringify(input.mutations).slice(0, 300)}):\n  ${describeFailure(failure)}`);
    }
  }
  t.diagnostic(`${tasks.length - skipped} inputs, ${findings} findings, ${parserRecursion} parser recursion limit(s); ${skipped} input(s) skipped: they hit an open performance bug`);
  for (const [signature, id] of knownOpen) t.diagnostic(`known open bug seen: ${signature} (fuzz/corpus/${id}.json)`);
  assert.ok(findings > 0, 'the inputs produced no findings at all: the seeds or the engine are broken');
  assert.deepEqual(unexpected, [], `reproduce one with: node fuzz/run.mjs --seed ${BOUNDED_SEED} --only <index>`);
});
