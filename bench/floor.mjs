// The floor: the least work any CORS linter must do on a corpus. Walk the folders (or take an explicit
// list), read every file once, and parse with TypeScript only the files whose text mentions CORS at all
// (`cors` or `access-control` in any case). Nothing else: no rules, no report. Timed from outside as a
// whole process (bench/run.mjs), so Node's start-up and TypeScript's load are included, as they are for
// the CLI it is compared with.
//
//   node bench/floor.mjs walk <folder>    the folders the CLI's discovery walks (same skipped folders)
//   node bench/floor.mjs list <file>      one path per line
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The folders and names the CLI's discovery skips (server/src/cli/discover.ts, SKIPPED_DIRECTORIES and
// MINIFIED; declaration files are not code), so `walk` visits exactly the files the CLI lints.
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.svelte-kit', '.output', '.vercel', '.turbo', '.cache']);
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const NOT_SOURCE = /\.d\.[cm]?ts$|\.min\.[cm]?js$/i;
const MENTIONS_CORS = /cors|access-control/i;

const [mode, target] = process.argv.slice(2);
let ts;
let files = 0;
let parsed = 0;

function visit(file) {
  files++;
  const text = readFileSync(file, 'utf8');
  if (!MENTIONS_CORS.test(text)) return;
  // TypeScript is loaded on the first file that mentions CORS, as the CLI does.
  ts ??= createRequire(import.meta.url)('typescript');
  parsed++;
  ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, /\.tsx$/i.test(file) ? ts.ScriptKind.TSX : /\.[cm]?ts$/i.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
}

function walk(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) walk(join(folder, entry.name));
    } else if (entry.isFile() && SOURCE.test(entry.name) && !NOT_SOURCE.test(entry.name)) {
      visit(join(folder, entry.name));
    }
  }
}

if (mode === 'walk') walk(target);
else if (mode === 'list') for (const file of readFileSync(target, 'utf8').split('\n')) { if (file) visit(file); }
else throw new Error('usage: node bench/floor.mjs walk <folder> | list <file>');
console.log(JSON.stringify({ files, parsed, maxRssKb: process.resourceUsage().maxRSS }));
