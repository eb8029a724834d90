// Large files (300 KB to 2 MB) that pass the prefilter (generated bundles with CORS header names in them): the whole
// analysis (analyzeFile: parse, facts, rules) against TypeScript's parse of the same text with parent
// pointers (parseSource: the tree every other caller of the engine gets; analyzeFile parses without them
// and sets them in its fact walk, parse.ts parseSourceForFactWalk), in one process, alternating, median of runs.
//
//   node bench/large-files.mjs <list file> <corpus folder>   prints JSON on its last line
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { analyzeFile, mayContainCors, parseSource } = createRequire(import.meta.url)(join(root, 'dist/core.js'));
const [listFile, corpus] = process.argv.slice(2);
const MIN = 300_000;
/** The CLI's default --max-file-size: larger files are skipped unless the user asks (bench/run.mjs passes 0). */
const MAX = 2_000_000;
const RUNS = 3;

const large = readFileSync(listFile, 'utf8').split('\n').filter(Boolean)
  .map((path) => ({ path, size: statSync(join(corpus, path)).size }))
  .filter((f) => f.size >= MIN && f.size <= MAX)
  .map((f) => ({ ...f, text: readFileSync(join(corpus, f.path), 'utf8') }))
  .filter((f) => mayContainCors(f.text));

const rows = [];
for (const file of large) {
  const parse = [];
  const analysis = [];
  analyzeFile(file.text, file.path); // the JIT's first look at this shape of code is not the steady state
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    parseSource(file.text, file.path);
    parse.push(performance.now() - t);
    t = performance.now();
    analyzeFile(file.text, file.path);
    analysis.push(performance.now() - t);
  }
  const p = stats(parse).median;
  const a = stats(analysis).median;
  rows.push({ path: file.path, size: file.size, parseMs: p, analysisMs: a, ratio: a / p });
  console.log(`${file.path} ${(file.size / 1e3).toFixed(0)} KB: parse ${p.toFixed(0)} ms, analysis ${a.toFixed(0)} ms, ${(a / p).toFixed(2)}×`);
}
console.log(JSON.stringify(rows));
