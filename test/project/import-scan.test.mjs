// Issue 12 item 10 / issue 16 item 2: the project's import index scans files with core/imports.ts's own
// one-pass scanner instead of TypeScript's preProcessFile. The contract is one-sided: it must find every
// specifier preProcessFile finds (a missed one loses a cross-file finding; an extra one costs only an
// importer read). Checked here against TypeScript itself (the version in package.json) over every JS/TS
// file of the fixtures, the examples, this repository's own sources and tests (which hold imports inside
// template literals, comments and strings), and a set of written tricky cases whose exact answer is stated.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mayReexport, scanImports } from '../../dist/core.js';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function preProcessFileSpecifiers(text) {
  return [...new Set(ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName))];
}

function missedBy(text) {
  const ours = new Set(scanImports(text));
  return preProcessFileSpecifiers(text).filter((s) => !ours.has(s));
}

function codeFiles(folder) {
  const out = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...codeFiles(full));
    else if (entry.isFile() && CODE.test(entry.name)) out.push(full);
  }
  return out;
}

test('every specifier preProcessFile finds in the fixtures, examples, sources and tests is found', () => {
  const files = ['test', 'examples', 'server/src', 'client/src'].flatMap((f) => codeFiles(join(repo, f)));
  assert.ok(files.length > 300, `expected the repository's code files, found ${files.length}`);
  const missed = [];
  let specifiers = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    specifiers += preProcessFileSpecifiers(text).length;
    const missing = missedBy(text);
    if (missing.length > 0) missed.push(`${file.slice(repo.length + 1)}: ${missing.join(', ')}`);
  }
  assert.deepEqual(missed, []);
  assert.ok(specifiers > 500, `expected many specifiers to compare, found ${specifiers}`);
});

/** [name, code, exactly what our scan finds]; each must also cover whatever preProcessFile finds. */
const CASES = [
  ['default, named, namespace and side-effect imports', "import a from 'a';\nimport { b } from \"b\";\nimport * as c from 'c';\nimport 'd';\nimport e, { f } from 'e';\n", ['a', 'b', 'c', 'd', 'e']],
  ['a multi-line import clause with comments', "import {\n  a, // the first\n  /* b, */ c as d,\n} from\n  './multi';\n", ['./multi']],
  ['type-only imports and exports', "import type { A } from './types';\nimport type B from './b';\nexport type { C } from './c';\nimport { type D } from './d';\n", ['./types', './b', './c', './d']],
  ['re-exports', "export * from './all';\nexport * as ns from './ns';\nexport { a as b } from './renamed';\nexport { default } from './default';\n", ['./all', './ns', './renamed', './default']],
  ['dynamic imports, with a comment and a plain template', "const a = await import('./a');\nconst b = import(/* webpackChunkName: 'b' */ './b');\nconst c = import(`./c`);\nconst d = import(`./${name}`);\n", ['./a', './b', './c']],
  ['require, destructured, member and import-equals', "const a = require('a');\nconst { b } = require(\"b\");\nconst c = module.require('c');\nimport d = require('d');\nexport import e = require('e');\nconst f = require(`f`);\n", ['a', 'b', 'c', 'd', 'e', 'f']],
  ['imports in comments are not imports', "// import a from 'commented';\n/* require('block');\n   import b from 'block2'; */\n/** @example import c from 'doc' */\nimport real from 'real';\n", ['real']],
  ['strings holding import code are not imports', "const s = \"require('in-string')\";\nconst t = 'import x from \"y\"';\nconst u = `export * from 'in-template'`;\nimport after from 'after';\n", ['after']],
  ['a template substitution is code', "const s = `a ${require('in-substitution')} b ${`nested ${import('deeper')}`}`;\nimport after from 'after';\n", ['in-substitution', 'deeper', 'after']],
  ['regular expressions holding quotes and slashes', "const q = /['\"]/g;\nconst r = /\\/\\/ not a comment/;\nconst s = /[/'`]/;\nconst t = x.split(/`/);\nimport after from 'after';\nconst u = require('u');\n", ['after', 'u']],
  ['division is not a regular expression', "const a = b / 2; const c = require('c') / d;\nconst e = (f) / g / require('h');\n", ['c', 'h']],
  ['member names that are keywords', "obj.import('not-a-module');\nconst x = config.from;\nmodule.exports = { import: 1, require: 2 };\nimport real from 'real';\n", ['real']],
  ['JSX with apostrophes and braces', "import React from 'react';\nexport const A = () => <p title=\"it's\">Don't {value}</p>;\nimport B from './b';\n", ['react', './b']],
  ['AMD define with and without a name', "define(['dep1', './dep2'], function (a, b) {});\ndefine('named', [\"dep3\"], (c) => c);\n", ['dep1', './dep2', 'dep3']],
  ['declare module', "import x from 'x';\ndeclare module 'express-serve-static-core' { interface Request { user?: string } }\n", ['x', 'express-serve-static-core']],
  ['escapes in a specifier', "import a from './\\x61';\nconst b = require('\\u{62}');\n", ['./a', 'b']],
  ['a shebang and a BOM', "\uFEFF#!/usr/bin/env node\nconst a = require('a');\n", ['a']],
  ['an unterminated string ends at its line', "const s = 'open\nimport a from 'a';\n", ['a']],
  ['optional chaining and spread before import', "const a = x?.import('a');\nconst b = [...await import('b')];\n", ['a', 'b']],
  ['keywords before a regular expression', "function f(s) { return /'/.test(s) && typeof /\"/ === 'object'; }\nconst a = require('a');\n", ['a']],
];

for (const [name, code, expected] of CASES) {
  test(`scan: ${name}`, () => {
    assert.deepEqual(scanImports(code), expected);
    assert.deepEqual(missedBy(code), [], 'a specifier preProcessFile finds is missed');
  });
}

test('mayReexport: true for every `export {…}` and `export *` (type-only too), false without', () => {
  for (const code of ["export * from './a';", "export * as ns from './a';", "export { a } from './a';", "export {\n  a as b,\n} from './a';", "export type { A } from './a';", "export type * from './a';", "export /* c */ { a };", 'const a = 1;\nexport { a };']) {
    assert.equal(mayReexport(code), true, code);
  }
  for (const code of ["export const a = 1;", "export default { a: 1 };", "export function f() {}", "module.exports = require('./a');", "// export * from './a'", "const s = 'export { a } from \"./a\"';", "import { a } from './a';\nconsole.log(a);", 'exports.a = {};']) {
    assert.equal(mayReexport(code), false, code);
  }
});
