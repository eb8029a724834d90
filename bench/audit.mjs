// The audit with the project model on and off, on the same explicit file list (issue 12, item 10). The
// CLI always attaches the project (server/src/cli/run.ts), so both runs here call the project layer's
// own lintFile (dist/project.js) the way the CLI's main thread does, and differ only in whether a
// Project is passed: on, every analysis may resolve imports, read other modules, ask who imports the
// file (which builds the import index of the whole folder on first need) and read .env files; off,
// each file stands alone, as before the project layer. Timed from outside as a whole process
// (bench/run.mjs); prints what it found as JSON on its last line, so the two modes can be compared.
//
//   node bench/audit.mjs on|off <list file> <project root>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Project, lintFile } = createRequire(import.meta.url)(join(root, 'dist/project.js'));
const { defaultConfig } = createRequire(import.meta.url)(join(root, 'dist/core.js'));

const [mode, listFile, projectRoot] = process.argv.slice(2);
if ((mode !== 'on' && mode !== 'off') || !listFile || !projectRoot) throw new Error('usage: node bench/audit.mjs on|off <list file> <project root>');
const folder = resolve(projectRoot);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map((f) => resolve(folder, f));
const project = mode === 'on' ? new Project({ roots: [folder], ignore: { baseDir: folder, globs: [] } }) : undefined;
const options = { config: defaultConfig(), fix: false, quiet: false, maxFileSize: 0 };

const started = performance.now();
let findings = 0;
let withFindings = 0;
const byRule = {};
for (const file of files) {
  const outcome = lintFile(file, options, project);
  if (outcome.kind !== 'linted' || outcome.findings.length === 0) continue;
  withFindings++;
  for (const f of outcome.findings) {
    findings++;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ mode, files: files.length, ms, findings, withFindings, byRule, indexed: project?.isIndexed ?? false, indexedFiles: project?.index.size ?? 0 }));
