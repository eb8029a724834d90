// In-process: the server-side cost of one keystroke (incremental reparse + analysis) on a 300-line
// and a 5,000-line file, and the first (cold) analysis of the process.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats } from './stats.mjs';
import { sampleFile } from './keystroke-file.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const core = await import(join(root, 'dist/core.js'));
const { analyzeFile, parseSource, reparseIncrementally, defaultConfig } = core.default ?? core;
const importMs = performance.now() - started;

const config = defaultConfig();
const cold = performance.now();
analyzeFile(sampleFile(300), 'cold.js', config);
const firstCallMs = performance.now() - cold;

/** Keystrokes typed before measuring: a server that has been running has its analysis code compiled by the JIT. */
const WARM_UP = 20;

function keystrokes(lines, count) {
  let text = sampleFile(lines);
  let source = parseSource(text, 'bench.js');
  analyzeFile(text, 'bench.js', config, { sourceFile: source });
  const samples = [];
  const analysis = [];
  // Type a character inside a route near the middle, then delete that character again.
  const at = text.indexOf('res.json({ ...item', Math.floor(text.length / 2));
  if (at < 0) throw new Error('the sample file has no route after its middle');
  for (let i = 0; i < WARM_UP + count; i++) {
    text = i % 2 === 0 ? `${text.slice(0, at)}x${text.slice(at)}` : `${text.slice(0, at)}${text.slice(at + 1)}`;
    const t = performance.now();
    source = reparseIncrementally(source, text);
    const parsed = performance.now();
    analyzeFile(text, 'bench.js', config, { sourceFile: source });
    const done = performance.now();
    if (i < WARM_UP) continue;
    samples.push(done - t);
    analysis.push(done - parsed);
  }
  return { total: stats(samples), analysis: stats(analysis) };
}

const small = keystrokes(300, 200);
const large = keystrokes(5000, 200);
console.log(JSON.stringify({ importMs, firstCallMs, small: small.total, large: large.total, smallAnalysis: small.analysis, largeAnalysis: large.analysis }));
