// Options objects built with a spread (`cors({ ...corsOptions, origin })`, issue 12: options from a config
// module merged where they are applied): the library receives the merged object, so a property comes from
// the last place that writes it, the spread object's included (object spread semantics, ECMA-262
// CopyDataProperties), here or in another module.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../dist/core.js';
import { analyzeProject, shown } from '../helpers/memory-host.mjs';

function seen(text) {
  const result = analyzeFile(text, 'app.js');
  assert.deepEqual(result.internalErrors, []);
  return result.findings.map((f) => [f.ruleId, f.severity, text.slice(f.start, f.end), f.related.map((r) => text.slice(r.start, r.end))]);
}

test('a spread gives the properties the object literal does not write after it', () => {
  assert.deepEqual(seen("import cors from 'cors';\nconst base = { origin: '*', credentials: true };\napp.use(cors({ ...base }));\n"), [
    ['wildcard-with-credentials', 'error', "'*'", ['credentials: true']],
  ]);
  // Credentials from the spread make the weak check an error (without them it is a warning).
  const weak = (spread) => `import cors from 'cors';\nconst base = { credentials: true };\napp.use(cors({ ${spread}origin: (origin, callback) => { callback(null, !origin || origin.endsWith('example.com')); } }));\n`;
  assert.deepEqual(seen(weak('...base, ')).map(([rule, severity, text]) => [rule, severity, text]), [['weak-origin-check', 'error', "origin.endsWith('example.com')"]]);
  assert.deepEqual(seen(weak('')).map(([rule, severity, text]) => [rule, severity, text]), [['weak-origin-check', 'warning', "origin.endsWith('example.com')"]]);
});

test('the last write wins: an origin after the spread replaces it, a spread after an origin replaces that', () => {
  assert.deepEqual(seen("import cors from 'cors';\nconst base = { origin: '*', credentials: true };\napp.use(cors({ ...base, origin: ['https://a.com'] }));\n"), []);
  assert.deepEqual(seen("import cors from 'cors';\nconst base = { origin: '*' };\napp.use(cors({ origin: ['https://a.com'], ...base, credentials: true }));\n"), [
    ['wildcard-with-credentials', 'error', "'*'", ['credentials: true']],
  ]);
});

test('options spread from another module: their credentials count where they are applied', () => {
  const files = {
    'config.ts': "export const corsOptions = { origin: ['https://a.com'], credentials: true, methods: ['GET', 'PUT'] };\n",
    'app.ts': "import cors from 'cors';\nimport { corsOptions } from './config';\napp.use(cors({ ...corsOptions, origin: true }));\n",
  };
  const result = analyzeProject(files, 'app.ts');
  assert.deepEqual(shown(result, files, 'app.ts').map((f) => [f.rule, f.severity, f.text, f.related]), [
    ['reflected-origin', 'error', 'origin: true', ["config.ts:1 credentials: true — Credentials are allowed here."]],
  ]);
  assert.deepEqual(result.policies.map((p) => [p.origins.kind, p.credentials, p.methods]), [['reflected', true, ['GET', 'PUT']]]);
});
