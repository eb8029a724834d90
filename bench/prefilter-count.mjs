// The prefilter's one-scan search (mayContainCors) against the regex per pattern it replaced
// (mayContainCorsByRegex) over a corpus list: files passing each, the files where they differ (must be
// none), and the time of each, alternating, median of runs.
//
//   node bench/prefilter-count.mjs <list file> <corpus folder>   prints JSON on its last line
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { mayContainCors, mayContainCorsByRegex } = createRequire(import.meta.url)(join(root, 'dist/core.js'));
const [listFile, corpus] = process.argv.slice(2);
const RUNS = 3;

const paths = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const texts = paths.map((path) => readFileSync(join(corpus, path), 'utf8'));
const ways = { oneScan: mayContainCors, regexPerPattern: mayContainCorsByRegex };
const times = { oneScan: [], regexPerPattern: [] };
const verdicts = {};
for (let run = 0; run < RUNS; run++) {
  for (const [name, prefilter] of Object.entries(ways)) {
    const t = performance.now();
    verdicts[name] = texts.map((text) => prefilter(text));
    times[name].push(performance.now() - t);
  }
}
const passing = (name) => verdicts[name].filter(Boolean).length;
const differ = paths.filter((_, i) => verdicts.oneScan[i] !== verdicts.regexPerPattern[i]);
const result = {
  files: paths.length, megabytes: texts.reduce((n, t) => n + t.length, 0) / 1e6,
  passing: { oneScan: passing('oneScan'), regexPerPattern: passing('regexPerPattern') }, differ,
  ms: { oneScan: stats(times.oneScan).median, regexPerPattern: stats(times.regexPerPattern).median },
};
console.log(`${result.files} files, ${result.megabytes.toFixed(1)} MB: one scan ${result.passing.oneScan} pass in ${result.ms.oneScan.toFixed(0)} ms, regex per pattern ${result.passing.regexPerPattern} pass in ${result.ms.regexPerPattern.toFixed(0)} ms, ${differ.length} differ`);
console.log(JSON.stringify(result));
