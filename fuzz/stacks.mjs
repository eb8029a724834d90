// Stack traces from the bundle (dist/core.js:LINE:COL) mapped to the sources (server/src/core/*.ts,
// typescript.js) through the bundle's source map. Done after the timed call, never during it:
// node's own source-map support formats stacks lazily and its first use costs several hundred
// milliseconds, which would be charged to the engine.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { ROOT } from './mutate.mjs';

const maps = new Map();

function mapFor(bundlePath) {
  if (!maps.has(bundlePath)) {
    const mapPath = `${bundlePath}.map`;
    let map;
    try {
      if (existsSync(mapPath)) map = new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(bundlePath, map);
  }
  return maps.get(bundlePath);
}

/** `stack` with every frame in `bundlePath` rewritten to its original file:line:column. */
export function mapStack(stack, bundlePath) {
  if (typeof stack !== 'string' || !stack.includes(bundlePath)) return stack;
  const map = mapFor(bundlePath);
  if (!map) return stack;
  const escaped = bundlePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return stack.replace(new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g'), (whole, line, column) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !entry.originalSource) return whole;
    // Sources are relative to the bundle's folder (../server/src/core/x.ts); show them from the repo root
    // as if the bundle were dist/core.js, wherever the copy being fuzzed lives.
    const source = entry.originalSource.startsWith('file://') ? new URL(entry.originalSource).pathname : resolve(dirname(bundlePath), entry.originalSource);
    const shown = relative(resolve(dirname(bundlePath), '..'), source);
    return `${shown.startsWith('..') ? relative(ROOT, source) : shown}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/** The failures of a check report with mapped stacks. */
export function withMappedStacks(failures, bundlePath) {
  return failures.map((f) => (f.stack ? { ...f, stack: mapStack(f.stack, bundlePath) } : f));
}
