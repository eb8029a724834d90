// analyzeFile parses without TypeScript's parent pass and sets the parents in its fact walk
// (parse.ts parseSourceForFactWalk, setParent). Given a tree TypeScript parented itself (parseSource, as
// the language server passes one), every file must give exactly the same result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, defaultConfig, isPlatformConfigFile, parseSource } from '../../dist/core.js';
import { analyzableFilesUnder } from '../helpers/analyzable-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function codeFiles() {
  const all = [...analyzableFilesUnder(join(root, 'examples')), ...analyzableFilesUnder(join(root, 'test/fixtures'))];
  return all.filter((path) => !isPlatformConfigFile(path));
}

test('the fact walk parents the tree as TypeScript does: same findings and policies on every example and fixture', () => {
  const files = codeFiles();
  assert.ok(files.length > 30, `only ${files.length} files`);
  let withFindings = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const walked = analyzeFile(text, file, defaultConfig(), { noPrefilter: true });
    const parented = analyzeFile(text, file, defaultConfig(), { noPrefilter: true, sourceFile: parseSource(text, file) });
    assert.deepEqual(walked, parented, file);
    assert.deepEqual(walked.internalErrors, [], file);
    if (walked.findings.length > 0) withFindings++;
  }
  assert.ok(withFindings > 10, `${withFindings} files with findings`);
});

test('JSDoc types read from a tree the fact walk parented', () => {
  // exported.ts takes an object for cors options only by its JSDoc `@type` here (the name says nothing); the
  // JSDoc nodes, which forEachChild does not visit, need their parents too.
  const cases = {
    'an exported const': ["/** @type {import('cors').CorsOptions} */\nexport const settings = { origin: true, credentials: true };\n", 68],
    'module.exports': ["/** @type {import('cors').CorsOptions} */\nmodule.exports = { origin: true, credentials: true };\n", 61],
  };
  for (const [name, [text, start]] of Object.entries(cases)) {
    const walked = analyzeFile(text, 'options.js');
    assert.deepEqual(walked.findings.map((f) => [f.ruleId, f.start]), [['reflected-origin', start]], name);
    assert.deepEqual(walked, analyzeFile(text, 'options.js', defaultConfig(), { sourceFile: parseSource(text, 'options.js') }), name);
  }
  // Without the JSDoc type the same object is no cors options.
  assert.deepEqual(analyzeFile('export const settings = { origin: true, credentials: true };\n', 'options.js').findings, []);
});
