// In-process: the project layer's costs. (1) Building the import index of a folder (discovery, reading
// every file once, the import scan, resolution), as the language server does at start-up and the CLI
// on first need. (2) The import scan alone over the folder's indexed files: core/imports.ts's scanner
// against TypeScript's preProcessFile, which it replaced (same texts, same process, alternating, 3 rounds,
// medians of CPU time so other processes on the machine weigh less). (3) A keystroke in a module that 20 open files import: the language server's path
// after the debounce — the module's unsaved text replaces the disk's, its dependents are found in the
// index, and each is analysed again (its SourceFile unchanged, the host reading the module).
//
//   node bench/project.mjs <folder>      prints { index: {...}, scan: {...}, crossFile: {...} } as JSON on the last line
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Project } = require(join(root, 'dist/project.js'));
const { analyzeFile, defaultConfig, parseSource, scanImports } = require(join(root, 'dist/core.js'));

function indexBuild(folder) {
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const project = new Project({ roots: [folder] });
  project.ensureIndexed();
  const ms = performance.now() - t;
  let edges = 0;
  for (const file of project.index.files()) edges += project.index.importsOf(file).length;
  return { ms, files: project.index.size, edges, heapMb: Math.round((process.memoryUsage().heapUsed - before) / 2 ** 20), indexedFiles: [...project.index.files()] };
}

const ROUNDS = 3;

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function importScan(files) {
  const ts = require(join(root, 'node_modules/typescript'));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const time = (scan) => {
    const t = cpuMs();
    for (const text of texts) scan(text);
    return cpuMs() - t;
  };
  const ours = [];
  const preProcessFile = [];
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(time(scanImports));
    preProcessFile.push(time((text) => ts.preProcessFile(text, true, true)));
  }
  const oursMs = stats(ours).median;
  const preProcessFileMs = stats(preProcessFile).median;
  const mb = texts.reduce((sum, text) => sum + text.length, 0) / 1e6;
  return { files: texts.length, mb: Math.round(mb * 10) / 10, oursMs, preProcessFileMs, speedup: Math.round((preProcessFileMs / oursMs) * 10) / 10 };
}

const DEPENDENTS = 20;
const KEYSTROKES = 200;
const WARM_UP = 20;

function crossFileKeystroke() {
  const dir = mkdtempSync(join(os.tmpdir(), 'cors-lint-bench-project-'));
  try {
    const configText = "export const ORIGIN = 'https://app.example.com';\nexport const corsOptions = { origin: ORIGIN, credentials: true };\n";
    writeFileSync(join(dir, 'config.js'), configText);
    const files = [];
    for (let i = 0; i < DEPENDENTS; i++) {
      const file = join(dir, `route${i}.js`);
      const text = [
        "import express from 'express';",
        "import cors from 'cors';",
        "import { ORIGIN, corsOptions } from './config.js';",
        'export const router = express.Router();',
        'router.use(cors(corsOptions));',
        `router.put('/items/${i}', (req, res) => {`,
        "  res.setHeader('Access-Control-Allow-Origin', ORIGIN);",
        "  res.setHeader('Vary', 'Origin');",
        '  res.json({ ok: true });',
        '});',
        '',
      ].join('\n');
      writeFileSync(file, text);
      files.push({ file, text, sourceFile: parseSource(text, file) });
    }
    const project = new Project({ roots: [dir], indexing: 'background' });
    project.ensureIndexed();
    const config = defaultConfig();
    const samples = [];
    for (let i = 0; i < WARM_UP + KEYSTROKES; i++) {
      const text = i % 2 === 0 ? configText.replace('app.example', 'app2.example') : configText;
      const t = performance.now();
      project.setOverlay(join(dir, 'config.js'), text);
      const dependents = new Set(project.index.dependentsOf(join(dir, 'config.js')));
      for (const f of files) {
        if (!dependents.has(f.file)) continue;
        analyzeFile(f.text, f.file, config, { sourceFile: f.sourceFile, host: project.hostFor(new Set()) });
      }
      if (i >= WARM_UP) samples.push(performance.now() - t);
      if (dependents.size !== DEPENDENTS) throw new Error(`expected ${DEPENDENTS} dependents, found ${dependents.size}`);
    }
    return { dependents: DEPENDENTS, ...stats(samples) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const folder = process.argv[2];
const result = { crossFile: crossFileKeystroke() };
if (folder) {
  const { indexedFiles, ...index } = indexBuild(folder);
  result.index = index;
  result.scan = importScan(indexedFiles);
}
console.log(JSON.stringify(result));
