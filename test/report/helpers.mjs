// Shared by the report tests: the built renderer (dist/report.js, from the esbuild entry
// server/src/report/index.ts) and the engine run over the repo's examples/ folder the way the
// workspace audit runs it (the examples' .corslintrc.json applies), turned into an AuditReport.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLES = join(REPO, 'examples');
export const GENERATED_AT = '2025-01-02T03:04:05.000Z';

const REPORT_BUNDLE = join(REPO, 'dist/report.js');
if (!existsSync(REPORT_BUNDLE)) {
  throw new Error(
    `${REPORT_BUNDLE} does not exist: esbuild.mjs builds it from server/src/report/index.ts ` +
      '(or: npx esbuild server/src/report/index.ts --bundle --platform=node --outfile=dist/report.js)',
  );
}
const require = createRequire(import.meta.url);
/** The renderer as shipped: dist/report.js. */
export const report = require(REPORT_BUNDLE);
/** The engine as shipped: dist/core.js. */
export const core = require(join(REPO, 'dist/core.js'));

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** Every analysable file under examples/ with its analysis, and the AuditReport built from them. */
export function examplesAudit() {
  const { config, problems } = core.parseConfig(readFileSync(join(EXAMPLES, '.corslintrc.json'), 'utf8'));
  if (problems.length > 0) throw new Error(`examples/.corslintrc.json: ${JSON.stringify(problems)}`);
  const entries = filesUnder(EXAMPLES)
    .filter((file) => core.isAnalyzableFile(file))
    .map((file) => {
      const text = readFileSync(file, 'utf8');
      return { path: file, text, result: core.analyzeFile(text, file, config) };
    });
  return { entries, audit: report.buildAuditReport(EXAMPLES, entries, 1234, { generatedAt: GENERATED_AT }) };
}

/** A finding as analyzeFile returns it, covering the first occurrence of `needle` in `text`. */
export function findingAt(text, needle, ruleId, severity, message = `${ruleId} here`) {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in text`);
  return { ruleId, severity, start, end: start + needle.length, message, related: [], fixes: [] };
}

/** A policy as analyzeFile returns it, covering the first occurrence of `needle` in `text`. */
export function policyAt(text, needle, fields = {}) {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in text`);
  return {
    start,
    end: start + needle.length,
    source: 'header',
    framework: 'express',
    origins: { kind: 'list', origins: ['https://a.example'] },
    credentials: false,
    preflight: 'not-needed',
    vary: 'not-needed',
    findings: [],
    ...fields,
  };
}

/** Strings a hostile repository could put in a path or (through its code) a message. */
export const HOSTILE = {
  path: 'src/<img src=x onerror=alert(1)>"\'&.js',
  message: 'bad `</code><script>alert(2)</script>` and <img src=x onerror=alert(3)> | pipe',
  origin: '"><svg onload=alert(4)>',
  framework: '<b onmouseover=alert(5)>x</b>',
};

/** A report with one file whose path, message, origin and framework are all hostile. */
export function hostileReport() {
  const text = "res.setHeader('Access-Control-Allow-Origin', x);\n";
  const needle = "res.setHeader('Access-Control-Allow-Origin', x)";
  return report.buildAuditReport('/repo', [{
    path: `/repo/${HOSTILE.path}`,
    text,
    result: {
      findings: [findingAt(text, 'x)', 'reflected-origin', 'error', HOSTILE.message)],
      policies: [policyAt(text, needle, { framework: HOSTILE.framework, route: HOSTILE.path, origins: { kind: 'list', origins: [HOSTILE.origin, 'null'] }, findings: ['reflected-origin'] })],
    },
  }], 5, { generatedAt: GENERATED_AT });
}
