// Baselines over the corpus file list, one thread: `read` (the I/O floor), `parse` (read +
// ts.createSourceFile), `parse-walk` (plus a full forEachChild walk). Prints { ms, maxRssKb } as JSON.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const [mode, listFile] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const kind = (f) => (/\.tsx$/.test(f) ? ts.ScriptKind.TSX : /\.[mc]?ts$/.test(f) ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
let nodes = 0;
const walk = (node) => {
  nodes++;
  ts.forEachChild(node, walk);
};
const started = performance.now();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (mode === 'read') continue;
  let source;
  try {
    source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind(file));
  } catch {
    continue; // the parser's own recursion limit on a few generated files
  }
  if (mode === 'parse-walk') {
    try { walk(source); } catch { /* deep nesting */ }
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, nodes }));
