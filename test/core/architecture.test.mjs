// The engine is pure: server/src/core imports only 'typescript' and itself (DESIGN §2). And the rule
// folder, the registry, the docs pages and the config schema agree on the rule ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { RULES, RULE_IDS } from '../../dist/core.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const core = join(root, 'server/src/core');

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// Pure parsing libraries core may use besides typescript: regexes as automata (DESIGN §12), and JSON,
// YAML and TOML with positions for platform configuration (DESIGN §13).
const CORE_LIBRARIES = new Set(['typescript', 'refa', '@eslint-community/regexpp', 'jsonc-parser', 'yaml', 'toml-eslint-parser']);

test('server/src/core imports nothing but typescript, pure parsing libraries and itself', () => {
  const offenders = [];
  for (const file of filesUnder(core).filter((f) => f.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const specs = [];
    const visit = (node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) specs.push(node.moduleSpecifier.text);
      if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
        specs.push(node.arguments[0]?.getText() ?? '');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const spec of specs) {
      if (CORE_LIBRARIES.has(spec)) continue;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (relative(core, target).startsWith('..')) offenders.push(`${relative(root, file)} -> ${spec}`);
        continue;
      }
      offenders.push(`${relative(root, file)} -> ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('rule files, registry, docs pages and the config schema list the same rule ids', () => {
  const files = readdirSync(join(core, 'rules')).filter((f) => f.endsWith('.ts') && !['index.ts', 'rule.ts'].includes(f)).map((f) => f.replace(/\.ts$/, '')).sort();
  const registry = RULES.map((r) => r.meta.id);
  assert.deepEqual(registry, [...registry].sort(), 'the registry is sorted');
  assert.deepEqual(registry, files);
  assert.deepEqual([...RULE_IDS].sort(), files);
  const docs = readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();
  assert.deepEqual(docs, files);
  const schema = JSON.parse(readFileSync(join(root, 'schemas/corslintrc.schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), files);
});

test('every rule has metadata a SARIF report and the README need', () => {
  for (const { meta } of RULES) {
    assert.ok(meta.description.length > 20, meta.id);
    assert.ok(['error', 'warning', 'info'].includes(meta.defaultSeverity), meta.id);
    assert.ok(meta.cwe.length > 0 && meta.cwe.every((c) => /^CWE-\d+$/.test(c)), meta.id);
    assert.ok(meta.fixKinds.length > 0, `${meta.id} ships a fix`);
  }
});
