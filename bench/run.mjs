// `npm run bench`: builds the corpus (bench/corpus.mjs), then measures in one run and writes
// bench/RESULTS.md. Never part of the test suite: figures depend on the machine.
//
//   node bench/run.mjs [--runs N] [--skip-eslint] [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';
import { measureServer } from './lsp.mjs';
import { stats } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || (args.includes('--quick') ? 1 : 3);
const skipEslint = args.includes('--skip-eslint');

/** The small repository: hono's package, a few hundred files with CORS code (its cors middleware) in them. */
const SMALL_REPO = 'hono';

const EXTENSIONS = /\.(js|jsx|ts|tsx|mjs|cjs|mts|cts)$/;
const EXCLUDED = /\.d\.[mc]?ts$|\.min\.js$/;

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile() && EXTENSIONS.test(entry.name) && !EXCLUDED.test(entry.name)) out.push(path);
  }
  return out;
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const spread = (s) => `${fmt(s.median)} (min ${fmt(s.min)}, max ${fmt(s.max)}, n=${s.n})`;

/** Runs a child script that reports `{ ms, maxRssKb, ... }` as JSON on its last stdout line. */
function child(script, scriptArgs) {
  const out = execFileSync(process.execPath, [join(here, script), ...scriptArgs], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Times a Node script, with its peak RSS reported by the report-rss.cjs preload. */
function timeCommand(script, scriptArgs, env = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', join(here, 'report-rss.cjs'), script, ...scriptArgs], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  const rss = /maxrss_kb=(\d+)/.exec(result.stderr ?? '');
  return { ms, status: result.status, maxRssKb: rss ? Number(rss[1]) : undefined, stderr: result.stderr };
}

async function main() {
  execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
  const { corpus, tools } = ensureCorpus();
  const files = listFiles(corpus);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const listFile = join(here, 'corpus', 'files.txt');
  writeFileSync(listFile, files.join('\n'));
  console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);

  const results = { files: files.length, bytes };
  const sample = (name, fn) => {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(fn());
    results[name] = stats(samples.map((s) => s.ms));
    results[`${name}Rss`] = Math.max(...samples.map((s) => s.maxRssKb ?? 0));
    console.log(`${name}: ${spread(results[name])}${results[`${name}Rss`] ? `, peak RSS ${(results[`${name}Rss`] / 1024).toFixed(0)} MB` : ''}`);
  };

  sample('readFloor', () => child('baseline.mjs', ['read', listFile]));
  sample('parseBaseline', () => child('baseline.mjs', ['parse', listFile]));
  sample('parseWalkBaseline', () => child('baseline.mjs', ['parse-walk', listFile]));
  sample('cliAudit', () => timeCommand(join(root, 'dist/cli.js'), [corpus, '--format', 'json', '--output', '/dev/null', '--max-file-size', '0', '--max-warnings', '-1']));
  sample('cliAuditOneJob', () => timeCommand(join(root, 'dist/cli.js'), [corpus, '--format', 'json', '--output', '/dev/null', '--max-file-size', '0', '--max-warnings', '-1', '--jobs', '1']));

  // A small repository, start-up included: the first run after a build (V8 code cache empty), then
  // the usual case, every later run (dist/cli.js starts the bundle from the cache; code-cache.ts).
  const cacheDir = mkdtempSync(join(os.tmpdir(), 'cors-lint-bench-cache-'));
  const smallRepo = () => timeCommand(join(root, 'dist/cli.js'), [join(here, 'corpus', 'src', SMALL_REPO), '--format', 'json', '--output', '/dev/null', '--max-warnings', '-1'], { CORS_LINT_CACHE_DIR: cacheDir });
  results.smallRepoCold = smallRepo().ms;
  console.log(`smallRepoCold: ${fmt(results.smallRepoCold)}`);
  sample('smallRepo', smallRepo);
  rmSync(cacheDir, { recursive: true, force: true });
  results.smallRepoFiles = listFiles(join(corpus, SMALL_REPO)).length;

  if (!skipEslint) {
    const config = join(tools, 'eslint.config.mjs');
    writeFileSync(config, [
      "import sonarjs from 'eslint-plugin-sonarjs';",
      "import tsParser from '@typescript-eslint/parser';",
      'const rules = { \'sonarjs/cors\': \'error\' };',
      'export default [',
      "  { ignores: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/*.min.js'] },",
      "  { files: ['**/*.{js,jsx,mjs,cjs}'], plugins: { sonarjs }, rules, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },",
      "  { files: ['**/*.{ts,tsx,mts,cts}'], plugins: { sonarjs }, rules, languageOptions: { parser: tsParser } },",
      '];',
    ].join('\n'));
    const eslintRuns = Math.min(runs, 2);
    const samples = [];
    for (let i = 0; i < eslintRuns; i++) {
      const run = timeCommand(join(tools, 'node_modules/eslint/bin/eslint.js'), ['--config', config, '--no-warn-ignored', '--format', 'json', '--output-file', '/dev/null', corpus], { NODE_OPTIONS: '--max-old-space-size=8192' });
      // 0 clean, 1 findings; 2 is ESLint failing to run, which must not be timed as a result.
      if (run.status !== 0 && run.status !== 1) throw new Error(`ESLint failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
      samples.push(run);
    }
    results.eslint = stats(samples.map((s) => s.ms));
    results.eslintRss = Math.max(...samples.map((s) => s.maxRssKb ?? 0));
    console.log(`eslint: ${spread(results.eslint)}, peak RSS ${(results.eslintRss / 1024).toFixed(0)} MB`);
  }

  results.project = child('project.mjs', [corpus]);
  console.log('project (in-process):', JSON.stringify(results.project));
  results.keystroke = child('keystroke.mjs', []);
  console.log('keystroke (in-process):', JSON.stringify(results.keystroke));
  results.server = await measureServer(files, 150);
  console.log('server:', JSON.stringify(results.server));

  writeResults(results);
}

function versions() {
  const pkg = (p) => JSON.parse(readFileSync(p, 'utf8')).version;
  const v = { node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
  try { v.typescript = pkg(join(root, 'node_modules/typescript/package.json')); } catch { /* not installed */ }
  try { v.eslint = pkg(join(here, '.tools/node_modules/eslint/package.json')); v.sonarjs = pkg(join(here, '.tools/node_modules/eslint-plugin-sonarjs/package.json')); } catch { /* skipped */ }
  return v;
}

function writeResults(r) {
  const v = versions();
  const ratio = (a, b) => (a && b ? (a.median / b.median).toFixed(1) : 'n/a');
  const target = (ok) => (ok ? 'met' : '**not met**');
  const k = r.keystroke;
  const s = r.server;
  const lines = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${v.cores} cores (${v.cpu}), ${v.memoryGb} GiB, Node ${v.node}, TypeScript ${v.typescript}${v.eslint ? `, ESLint ${v.eslint} + eslint-plugin-sonarjs ${v.sonarjs}` : ''}.`,
    `Corpus: ${r.files} JS/TS files, ${(r.bytes / 1e6).toFixed(1)} MB (pinned packages from bench/corpus.mjs). Times are medians over the runs shown (min, max).`,
    '',
    '| measurement | time | peak RSS |',
    '|---|---|---|',
    `| read every file (the floor) | ${spread(r.readFloor)} | |`,
    `| TypeScript parse only (read + createSourceFile, one thread) | ${spread(r.parseBaseline)} | |`,
    `| TypeScript parse + full walk, one thread | ${spread(r.parseWalkBaseline)} | |`,
    `| **cors-lint CLI audit** (default --jobs) | ${spread(r.cliAudit)} | ${(r.cliAuditRss / 1024).toFixed(0)} MB |`,
    `| cors-lint CLI audit, --jobs 1 | ${spread(r.cliAuditOneJob)} | ${(r.cliAuditOneJobRss / 1024).toFixed(0)} MB |`,
    r.eslint ? `| ESLint + sonarjs/cors only | ${spread(r.eslint)} | ${(r.eslintRss / 1024).toFixed(0)} MB |` : '| ESLint + sonarjs/cors | skipped | |',
    `| small repository (${r.smallRepoFiles} files of ${SMALL_REPO}), start-up included | ${spread(r.smallRepo)} (first run after a build, no code cache: ${fmt(r.smallRepoCold)}) | |`,
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| audit ≥ 35× faster than ESLint + sonarjs/cors | ${ratio(r.eslint, r.cliAudit)}× | ${r.eslint ? target(r.eslint.median / r.cliAudit.median >= 35) : 'n/a'} |`,
    `| audit ≥ 5× faster than one-thread parse baseline | ${ratio(r.parseBaseline, r.cliAudit)}× (parse+walk: ${ratio(r.parseWalkBaseline, r.cliAudit)}×) | ${target(r.parseBaseline.median / r.cliAudit.median >= 5)} |`,
    `| small repository under 0.5 s, start-up included | ${fmt(r.smallRepo.median)} | ${target(r.smallRepo.median < 500)} |`,
    `| keystroke on a 5,000-line file, p95 of the server-side analysis < 5 ms | analysis: median ${fmt(k.largeAnalysis.median)}, p95 ${fmt(k.largeAnalysis.p95)} (300 lines: p95 ${fmt(k.smallAnalysis.p95)}) | ${target(k.largeAnalysis.p95 < 5)} |`,
    `| the same including TypeScript's incremental reparse (\`ts.updateSourceFile\`) | median ${fmt(k.large.median)}, p95 ${fmt(k.large.p95)} (300 lines: p95 ${fmt(k.small.p95)}) | ${target(k.large.p95 < 5)} |`,
    `| first analysis after start < 150 ms | ${s ? fmt(s.firstDiagnosticsMs) : 'n/a'} (in-process cold call: ${fmt(k.firstCallMs)}) | ${s ? target(s.firstDiagnosticsMs < 150) : 'n/a'} |`,
    `| audit peak RSS < 400 MB | ${(r.cliAuditRss / 1024).toFixed(0)} MB | ${target(r.cliAuditRss / 1024 < 400)} |`,
    `| keystroke in a module imported by 20 open files: their re-analysis, p95 < 50 ms of server time | median ${fmt(r.project.crossFile.median)}, p95 ${fmt(r.project.crossFile.p95)} | ${target(r.project.crossFile.p95 < 50)} |`,
    `| project index build for the corpus (reported) | ${fmt(r.project.index.ms)}: ${r.project.index.files} files, ${r.project.index.edges} resolved imports, ${r.project.index.heapMb} MB heap | |`,
    '',
    '## Language server (over stdio, client-observed)',
    '',
    s ? [
      `| measurement | median | p95 |`,
      '|---|---|---|',
      `| didChange → publishDiagnostics, 300-line file | ${fmt(s.small.median)} | ${fmt(s.small.p95)} |`,
      `| didChange → publishDiagnostics, 5,000-line file | ${fmt(s.large.median)} | ${fmt(s.large.p95)} |`,
      `| codeAction request, 5,000-line file | ${fmt(s.codeAction.median)} | ${fmt(s.codeAction.p95)} |`,
      '',
      `Client-observed times include the server's debounce (${s.debounceMs} ms) and JSON-RPC transport. Server peak RSS after opening ${s.opened} files: ${s.rssAfterOpenMb} MB.`,
    ].join('\n') : 'Not measured (server not built).',
    '',
  ];
  lines.push(...NOTES);
  writeFileSync(join(here, 'RESULTS.md'), lines.join('\n'));
  console.log(`wrote ${join(here, 'RESULTS.md')}`);
}

/** What the figures mean, and what would close the targets that are not met. */
const NOTES = [
  '## Notes',
  '',
  '- Every ratio compares tools measured in the same run on the same machine; absolute times move with the',
  '  machine\'s load, ratios much less.',
  '- Why the audit is fast: the text prefilter (`core/prefilter.ts`) leaves only files that mention',
  '  `Access-Control-…` or `cors` to parse; most of the corpus costs a read. On two cores, worker threads do not',
  '  pay for their start-up (each loads TypeScript), so `--jobs` defaults to one thread there (see the two CLI rows).',
  '- Keystroke latency: an edit reparses incrementally (`ts.updateSourceFile`) and re-walks only the changed',
  '  top-level statement; the candidates each adapter can use were sorted out when each statement was walked, so',
  '  the rest of the file costs a few list joins. The analysis itself meets the 5 ms p95 on the 5,000-line file.',
  '  The incremental reparse is TypeScript\'s: `ts.updateSourceFile` alone takes ~4 ms on this file here (it',
  '  visits every node after the edit to shift positions), so reparse + analysis stays above 5 ms. Closing that',
  '  would need a parser that reparses only the edited statement.',
  '- Start-up: `dist/cli.js` starts the 10 MB bundle from V8\'s code cache (`server/src/cli/code-cache.ts`), so',
  '  every run after the first skips compiling TypeScript; the first run after a build is shown apart.',
  '- Client-observed language-server times include the 150 ms typing debounce by design.',
  '- Project layer (`bench/project.mjs`, in-process): the cross-file keystroke row is the server work after the',
  '  debounce — the module\'s unsaved text replaces the disk\'s, its 20 dependents are found in the import index and',
  '  analysed again. The CLI audit attaches the project host to every file, but the import index is built only',
  '  when an analysis asks `importersOf`, so the audit rows include the project layer\'s cost as the engine uses it.',
  '',
];

mkdirSync(join(here, 'corpus'), { recursive: true });
await main();
