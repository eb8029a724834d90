// `npm run bench`: builds the corpus (bench/corpus.mjs), then measures in one run and writes
// bench/RESULTS.md. Never part of the test suite: figures depend on the machine.
//
//   node bench/run.mjs [--runs N] [--skip-eslint] [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';
import { measureServer } from './lsp.mjs';
import { stats } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || (args.includes('--quick') ? 1 : 3);
const skipEslint = args.includes('--skip-eslint');

/** Files without any CORS code: the start-up of a run where the engine (and TypeScript) need not load. */
const NO_CORS_REPO = 'express';

const EXTENSIONS = /\.(js|jsx|ts|tsx|mjs|cjs|mts|cts)$/;
/** Declarations hold no code that runs; every other JS/TS file is in "every file", bundles included. */
const DECLARATIONS = /\.d\.[mc]?ts$/;

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile() && EXTENSIONS.test(entry.name) && !DECLARATIONS.test(entry.name)) out.push(path);
  }
  return out;
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const spread = (s) => `${fmt(s.median)} (min ${fmt(s.min)}, max ${fmt(s.max)}, n=${s.n})`;
const load = () => os.loadavg()[0];

/** Times a Node script as a whole process, with its peak RSS and GC time reported by the report-rss.cjs preload. */
function timeCommand(script, scriptArgs, { env = {}, cwd = root } = {}) {
  const loadBefore = load();
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', join(here, 'report-rss.cjs'), script, ...scriptArgs], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  const rss = /maxrss_kb=(\d+) gc_ms=([\d.]+)/.exec(result.stderr ?? '');
  return { ms, status: result.status, maxRssKb: rss ? Number(rss[1]) : undefined, gcMs: rss ? Number(rss[2]) : undefined, stdout: result.stdout, stderr: result.stderr, load: loadBefore };
}

/** Runs a child script that reports its results as JSON on its last stdout line. */
function child(script, scriptArgs) {
  const out = execFileSync(process.execPath, [join(here, script), ...scriptArgs], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

/** The CLI as a user runs it: exit 0 or 1 (findings); anything else is a failure that must not be timed. */
function cli(args, options) {
  const run = timeCommand(join(root, 'dist/cli.js'), ['--format', 'json', '--output', '/dev/null', '--max-file-size', '0', '--max-warnings', '-1', ...args], options);
  if (run.status !== 0 && run.status !== 1) throw new Error(`cors-lint failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
  return run;
}

async function main() {
  execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
  const { corpus, tools } = ensureCorpus();
  const results = { rows: {} };
  const sample = (name, count, fn) => {
    const samples = [];
    for (let i = 0; i < count; i++) samples.push(fn());
    const row = { ...stats(samples.map((s) => s.ms)), rssKb: Math.max(...samples.map((s) => s.maxRssKb ?? 0)), gcMs: stats(samples.map((s) => s.gcMs ?? 0)).median, load: stats(samples.map((s) => s.load)).median };
    results.rows[name] = row;
    console.log(`${name}: ${spread(row)}, peak RSS ${(row.rssKb / 1024).toFixed(0)} MB, GC ${fmt(row.gcMs)}, load ${row.load.toFixed(2)}`);
    return row;
  };

  // The two inputs, as explicit lists of paths relative to the corpus (every tool runs there):
  // "source" is what the CLI's discovery keeps (it skips dist/, build/, *.min.js…), read back from
  // its JSON report; "all" is every JS/TS file, bundles included.
  const all = listFiles(corpus).map((f) => relative(corpus, f)).sort();
  const discovered = cli(['.', '--output', join(here, 'corpus', 'discovered.json')], { cwd: corpus });
  const report = JSON.parse(readFileSync(join(here, 'corpus', 'discovered.json'), 'utf8'));
  const skipped = report.notices.filter((n) => n.path !== undefined && /^skipped/.test(n.message)).map((n) => n.path);
  const source = [...report.files.map((f) => f.path), ...skipped].sort();
  if (discovered.status > 1) throw new Error('discovery failed');
  const lists = {};
  for (const [name, files] of Object.entries({ source, all })) {
    lists[name] = join(here, 'corpus', `${name}.txt`);
    writeFileSync(lists[name], files.join('\n'));
    const bytes = files.reduce((n, f) => n + statSync(join(corpus, f)).size, 0);
    results[name] = { files: files.length, bytes };
    console.log(`${name}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
  }

  const eslintConfig = join(tools, 'eslint.config.mjs');
  writeFileSync(eslintConfig, [
    "import sonarjs from 'eslint-plugin-sonarjs';",
    "import tsParser from '@typescript-eslint/parser';",
    'const rules = { \'sonarjs/cors\': \'error\' };',
    'export default [',
    "  { files: ['**/*.{js,jsx,mjs,cjs}'], plugins: { sonarjs }, rules, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },",
    "  { files: ['**/*.{ts,tsx,mts,cts}'], plugins: { sonarjs }, rules, languageOptions: { parser: tsParser } },",
    '];',
  ].join('\n'));
  const eslint = (files) => {
    const run = timeCommand(join(tools, 'node_modules/eslint/bin/eslint.js'), ['--config', eslintConfig, '--no-ignore', '--format', 'json', '--output-file', '/dev/null', ...files], { cwd: corpus, env: { NODE_OPTIONS: '--max-old-space-size=8192' } });
    // 0 clean, 1 findings; 2 is ESLint failing to run, which must not be timed as a result.
    if (run.status !== 0 && run.status !== 1) throw new Error(`ESLint failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
    return run;
  };

  for (const name of ['source', 'all']) {
    const files = name === 'source' ? source : all;
    if (name === 'source') {
      // The audit as users run it (discovery included) against the floor that walks the same folders.
      sample('source.floorWalk', runs, () => timeCommand(join(here, 'floor.mjs'), ['walk', '.'], { cwd: corpus }));
      sample('source.cliFolder', runs, () => cli(['.'], { cwd: corpus }));
    }
    sample(`${name}.floorList`, runs, () => timeCommand(join(here, 'floor.mjs'), ['list', lists[name]], { cwd: corpus }));
    sample(`${name}.cliList`, runs, () => cli(files, { cwd: corpus }));
    sample(`${name}.parse`, Math.min(runs, 2), () => timeCommand(join(here, 'baseline.mjs'), ['parse', lists[name]], { cwd: corpus }));
    if (!skipEslint) sample(`${name}.eslint`, Math.min(runs, 2), () => eslint(files));
  }

  // Start-up: examples/ (CORS code in every file, so the engine loads), a package without CORS code
  // (the engine never loads), and `node -e 0`. Warm: every run after the first (the V8 code cache is
  // filled); cold: a fresh cache folder each run, as after an install or a build.
  const startupRuns = Math.max(runs * 3, 5);
  const warmCache = mkdtempSync(join(os.tmpdir(), 'cors-lint-bench-cache-'));
  sample('startup.node', startupRuns, () => timeCommand('-e', ['0']));
  cli([join(root, 'examples')], { env: { CORS_LINT_CACHE_DIR: warmCache } });
  sample('startup.examplesWarm', startupRuns, () => cli([join(root, 'examples')], { env: { CORS_LINT_CACHE_DIR: warmCache } }));
  sample('startup.examplesCold', startupRuns, () => {
    const cold = mkdtempSync(join(os.tmpdir(), 'cors-lint-bench-cache-'));
    try {
      return cli([join(root, 'examples')], { env: { CORS_LINT_CACHE_DIR: cold } });
    } finally {
      rmSync(cold, { recursive: true, force: true });
    }
  });
  sample('startup.noCorsWarm', startupRuns, () => cli([join(corpus, NO_CORS_REPO)], { env: { CORS_LINT_CACHE_DIR: warmCache } }));
  rmSync(warmCache, { recursive: true, force: true });
  results.noCorsFiles = listFiles(join(corpus, NO_CORS_REPO)).length;
  results.examplesFiles = listFiles(join(root, 'examples')).length;

  results.largeFiles = child('large-files.mjs', [lists.all, corpus]);
  results.project = child('project.mjs', [corpus]);
  console.log('project (in-process):', JSON.stringify(results.project));
  results.keystroke = child('keystroke.mjs', []);
  console.log('keystroke (in-process):', JSON.stringify(results.keystroke));
  results.server = await measureServer(all.map((f) => join(corpus, f)));
  console.log('server:', JSON.stringify(results.server));
  results.uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();

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
  const row = (name) => r.rows[name];
  const ratio = (a, b) => (row(a) && row(b) ? row(a).median / row(b).median : undefined);
  const x = (value) => (value === undefined ? 'n/a' : `${value.toFixed(2)}×`);
  const target = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : '**not met**');
  const line = (label, name) => {
    const m = row(name);
    return m ? `| ${label} | ${spread(m)} | ${(m.rssKb / 1024).toFixed(0)} MB | ${fmt(m.gcMs)} | ${m.load.toFixed(2)} |` : `| ${label} | not measured | | | |`;
  };
  const size = (c) => `${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB`;
  const k = r.keystroke;
  const s = r.server;
  const eslintAll = ratio('all.eslint', 'all.cliList');
  const floorSource = ratio('source.cliFolder', 'source.floorWalk');
  const startup = ratio('startup.examplesWarm', 'startup.node');
  const startupCold = ratio('startup.examplesCold', 'startup.node');
  const auditRss = Math.max(row('source.cliFolder').rssKb, row('all.cliList').rssKb) / 1024;
  const header = ['| measurement | time | peak RSS | GC | load (1 min) |', '|---|---|---|---|---|'];
  const lines = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${v.cores} cores (${v.cpu}), ${v.memoryGb} GiB, Node ${v.node}, TypeScript ${v.typescript}${v.eslint ? `, ESLint ${v.eslint} + eslint-plugin-sonarjs ${v.sonarjs}` : ''}.`,
    `Corpus: the pinned packages of bench/corpus.mjs. Times are whole processes (Node's start-up included), medians over the runs shown (min, max); \`load\` is the machine's 1-minute load average when the runs started (the machine is shared: compare ratios within one run). \`uptime\` at the end: \`${r.uptime}\`.`,
    '',
    'Every tool gets the **same explicit list of files** (paths relative to the corpus, on the command line).',
    '',
    `### Source files as discovered (${size(r.source)}: what the CLI's discovery keeps; it skips \`dist/\`, \`build/\`, \`*.min.js\`…)`,
    '',
    ...header,
    line('floor: walk the same folders, read every file, parse with TypeScript only what mentions CORS', 'source.floorWalk'),
    line('**cors-lint audit of the folder** (discovery included)', 'source.cliFolder'),
    line('floor over the list (read every file, parse what mentions CORS)', 'source.floorList'),
    line('cors-lint, the list', 'source.cliList'),
    line('TypeScript parse of every file (read + createSourceFile, one thread)', 'source.parse'),
    line('ESLint + sonarjs/cors only, the list', 'source.eslint'),
    '',
    `### Every file, bundles included (${size(r.all)}; declaration files excepted)`,
    '',
    ...header,
    line('floor over the list (read every file, parse what mentions CORS)', 'all.floorList'),
    line('**cors-lint, the list**', 'all.cliList'),
    line('TypeScript parse of every file (read + createSourceFile, one thread)', 'all.parse'),
    line('ESLint + sonarjs/cors only, the list', 'all.eslint'),
    '',
    `### Start-up (examples/: ${r.examplesFiles} files with CORS code, so the engine loads; ${NO_CORS_REPO}: ${r.noCorsFiles} files without CORS code)`,
    '',
    ...header,
    line('`node -e 0`', 'startup.node'),
    line('cors-lint examples/, warm (code cache filled)', 'startup.examplesWarm'),
    line('cors-lint examples/, cold (empty code cache, as after an install)', 'startup.examplesCold'),
    line(`cors-lint ${NO_CORS_REPO}, warm`, 'startup.noCorsWarm'),
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| same-input audit ≥ 35× faster than ESLint + sonarjs/cors, every file, bundles included | ${x(eslintAll)} (source files: ${x(ratio('source.eslint', 'source.cliList'))}) | ${target(eslintAll === undefined ? undefined : eslintAll >= 35)} |`,
    `| source-corpus audit ≤ 1.25× the floor script | ${x(floorSource)} (same list, no walk: ${x(ratio('source.cliList', 'source.floorList'))}; every file: ${x(ratio('all.cliList', 'all.floorList'))}) | ${target(floorSource <= 1.25)} |`,
    `| examples/ start-up ≤ 2.5× \`node -e 0\` | warm ${x(startup)}, cold ${x(startupCold)} (no CORS code, warm: ${x(ratio('startup.noCorsWarm', 'startup.node'))}) | ${target(startup <= 2.5)} |`,
    `| audit peak RSS ≤ 300 MB | ${auditRss.toFixed(0)} MB | ${target(auditRss <= 300)} |`,
    `| analysis of a large bundle ≤ 1.3× TypeScript's parse of it | ${r.largeFiles.map((f) => `${basename(f.path)} (${(f.size / 1e3).toFixed(0)} KB): ${x(f.ratio)}`).join('; ')} | ${target(r.largeFiles.every((f) => f.ratio <= 1.3))} |`,
    `| didChange → diagnostics on a 5,000-line file ≤ 100 ms, p95, client-observed | ${s ? `p95 ${fmt(s.large.p95)}` : 'n/a'} | ${s ? target(s.large.p95 <= 100) : 'n/a'} |`,
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
      `| first diagnostics after start | ${fmt(s.firstDiagnosticsMs)} | |`,
      '',
      `Client-observed times include the server's typing debounce and JSON-RPC transport. Server peak RSS after opening ${s.opened} files: ${s.rssAfterOpenMb} MB.`,
    ].join('\n') : 'Not measured (server not built).',
    '',
    '## In-process keystroke cost (server side)',
    '',
    `Incremental reparse + analysis, 5,000-line file: median ${fmt(k.large.median)}, p95 ${fmt(k.large.p95)} (analysis alone: p95 ${fmt(k.largeAnalysis.p95)}); 300-line file: p95 ${fmt(k.small.p95)}. First analysis of the process: ${fmt(k.firstCallMs)}.`,
    '',
  ];
  lines.push(...NOTES);
  writeFileSync(join(here, 'RESULTS.md'), lines.join('\n'));
  writeFileSync(join(here, 'corpus', 'results.json'), JSON.stringify(r, null, 2));
  console.log(`wrote ${join(here, 'RESULTS.md')}`);
}

/** What the figures mean; the targets' reasons are in the hand-written section of RESULTS.md below these. */
const NOTES = [
  '## Notes',
  '',
  '- Every ratio compares tools measured in the same run on the same machine; absolute times move with the',
  '  machine\'s load, ratios much less.',
  '- "floor" is bench/floor.mjs: the least any CORS linter must do (walk, read each file once, parse what',
  '  mentions CORS). cors-lint does that plus the analysis, the report, and config/ignore handling.',
  '- Project layer (`bench/project.mjs`, in-process): the cross-file keystroke row is the server work after the',
  '  debounce — the module\'s unsaved text replaces the disk\'s, its 20 dependents are found in the import index and',
  '  analysed again. The CLI audit attaches the project host to every file, but the import index is built only',
  '  when an analysis asks `importersOf`, so the audit rows include the project layer\'s cost as the engine uses it.',
  '',
];

mkdirSync(join(here, 'corpus'), { recursive: true });
await main();
