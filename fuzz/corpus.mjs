// The regression corpus: fuzz/corpus/<hash>.js holds a failing input, <hash>.json how it was found,
// how it failed and whether the bug is fixed. The .js file is for people and tools; when the text
// cannot round-trip through UTF-8 (lone surrogates) the exact text is also kept in the .json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, ROOT } from './mutate.mjs';

export const CORPUS_DIR = join(ROOT, 'fuzz/corpus');

/** Every corpus entry: { id, record, text, fileName, configText }. */
export function readCorpus(dir = CORPUS_DIR) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const id = f.replace(/\.json$/, '');
    const record = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const text = typeof record.text === 'string' ? record.text : readFileSync(join(dir, `${id}.js`), 'utf8');
    return { id, record, text, fileName: record.fileName ?? `${id}.js`, configText: record.configText };
  });
}

/** A performance entry: its input is slow or hangs, so replaying it is a job for fuzz/run.mjs. */
export function isPerformanceEntry(record) {
  return (record.signatures ?? []).some((s) => /^(slow|hang)\|/.test(s));
}

/**
 * What the corpus knows: { open: Map(signature → id), fixed: Map(signature → id), slowTasks: Set } where
 * slowTasks holds `${seed}:${JSON.stringify(task)}` of every input an open performance entry lists.
 */
export function knownSignatures(entries) {
  const open = new Map();
  const fixed = new Map();
  const slowTasks = new Set();
  for (const { id, record } of entries) {
    // "limitation": a known cost outside the engine (TypeScript's own parser), replayed like a fixed entry.
    for (const s of record.signatures ?? []) (record.status === 'open' ? open : fixed).set(s, id);
    if (record.status === 'open' && isPerformanceEntry(record)) {
      for (const task of record.found?.tasks ?? [record.found?.task]) if (task) slowTasks.add(taskKey(record.found.seed, task));
    }
  }
  return { open, fixed, slowTasks };
}

export function taskKey(seed, task) {
  return `${seed}:${JSON.stringify(task)}`;
}

/** Writes one entry; returns its id (the content hash). An existing entry with the same id is kept. */
export function writeCorpusEntry({ text, fileName, configText, failures, found, note }, dir = CORPUS_DIR) {
  mkdirSync(dir, { recursive: true });
  const id = contentHash(text, fileName);
  const jsPath = join(dir, `${id}.js`);
  const jsonPath = join(dir, `${id}.json`);
  if (existsSync(jsonPath)) return id;
  writeFileSync(jsPath, text, 'utf8');
  const roundTrips = readFileSync(jsPath, 'utf8') === text;
  const record = {
    fileName,
    ...(configText !== undefined ? { configText } : {}),
    status: 'open',
    signatures: [...new Set(failures.map((f) => f.signature))],
    failures: failures.map((f) => ({ ...f, stack: f.stack?.split('\n').slice(0, 14).join('\n') })),
    found,
    ...(note ? { note } : {}),
    ...(roundTrips ? {} : { text }),
  };
  writeFileSync(jsonPath, JSON.stringify(record, null, 2) + '\n');
  return id;
}
