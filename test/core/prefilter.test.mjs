// The text prefilter is conservative: across every example, docs block and fixture file, the engine
// finds exactly the same with and without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, defaultConfig, isAnalyzableFile, mayContainCors } from '../../dist/core.js';
import { examplesOf } from './docs.test.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources() {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (isAnalyzableFile(name)) out.push({ name: path, code: readFileSync(path, 'utf8') });
    }
  };
  walk(join(root, 'examples'));
  walk(join(root, 'test/fixtures'));
  for (const file of readdirSync(join(root, 'docs/rules'))) {
    const { incorrect, correct } = examplesOf(readFileSync(join(root, 'docs/rules', file), 'utf8'));
    for (const e of [...incorrect, ...correct]) out.push({ name: `${file}:${e.line}.${e.lang === 'js' ? 'js' : 'ts'}`, code: e.code });
  }
  return out;
}

test('the prefilter never drops a file with a finding', () => {
  const all = sources();
  assert.ok(all.length > 30, `only ${all.length} sources found`);
  let withFindings = 0;
  for (const { name, code } of all) {
    const unfiltered = analyzeFile(code, name, defaultConfig(), { noPrefilter: true });
    if (unfiltered.findings.length > 0) {
      withFindings++;
      assert.ok(mayContainCors(code), `${name} has findings but fails the prefilter`);
    }
    assert.deepEqual(analyzeFile(code, name, defaultConfig()).findings, unfiltered.findings, name);
  }
  assert.ok(withFindings > 10);
});

test('the prefilter skips files without CORS code', () => {
  assert.equal(mayContainCors("export function add(a, b) { return a + b; }\nconst origin = location.origin;"), false);
  assert.equal(analyzeFile('const x = 1;', 'a.js').skipped, true);
  assert.equal(mayContainCors("res.setHeader(http2.constants.HTTP2_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, '*')"), true);
  assert.equal(mayContainCors("app.use(cors())"), true);
});

test('header names spelled with escapes pass the prefilter', () => {
  const code = "res.setHeader('\\x41ccess-Control-Allow-Origin', 'null');";
  assert.equal(mayContainCors(code), true);
  assert.deepEqual(analyzeFile(code, 'a.js').findings.map((f) => f.ruleId), ['null-origin']);
  assert.equal(mayContainCors("const s = '\\u00e9t\\u00e9';"), false);
});

test('a header name broken by a line continuation passes the prefilter', () => {
  const code = "res.setHeader('Acce\\\nss-Control-Allow-Origin', '*');";
  assert.equal(mayContainCors(code), true);
  assert.deepEqual(analyzeFile(code, 'a.js').findings.map((f) => f.ruleId), ['permissive-wildcard']);
});
