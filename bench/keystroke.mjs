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

function keystrokes(lines, count) {
  let text = sampleFile(lines);
  let source = parseSource(text, 'bench.js');
  analyzeFile(text, 'bench.js', config, { sourceFile: source });
  const samples = [];
  for (let i = 0; i < count; i++) {
    // Type a character inside a route near the middle, then delete it again.
    const at = text.indexOf('res.json({ ...item', Math.floor(text.length / 2));
    text = i % 2 === 0 ? `${text.slice(0, at)}x${text.slice(at)}` : `${text.slice(0, at)}${text.slice(at + 1)}`;
    const t = performance.now();
    source = reparseIncrementally(source, text);
    analyzeFile(text, 'bench.js', config, { sourceFile: source });
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

const small = keystrokes(300, 200);
const large = keystrokes(5000, 200);
console.log(JSON.stringify({ importMs, firstCallMs, small, large }));
