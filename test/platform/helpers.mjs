// What a user sees for a platform configuration file: each finding's rule, severity, the exact text
// it underlines and its message; the file after a fix, which must still parse.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { analyzeFile, applyEdits, defaultConfig } from '../../dist/core.js';

export function lint(fileName, text, config = {}) {
  const result = analyzeFile(text, fileName, { ...defaultConfig(), ...config });
  assert.deepEqual(result.internalErrors, [], 'internal errors');
  return result;
}

/** [ruleId, severity, underlined text] of every finding, in document order. */
export function found(fileName, text, config) {
  return lint(fileName, text, config).findings.map((f) => [f.ruleId, f.severity, text.slice(f.start, f.end)]);
}

/** The one finding of `ruleId` (fails when there is not exactly one). */
export function only(fileName, text, ruleId, config) {
  const findings = lint(fileName, text, config).findings.filter((f) => f.ruleId === ruleId);
  assert.equal(findings.length, 1, `one ${ruleId} finding, got ${findings.length}`);
  return findings[0];
}

/** The text after applying the fix titled `title` of `finding`; it must parse and change something. */
export function applyFix(fileName, text, finding, title, config = {}) {
  const fix = finding.fixes.find((f) => f.title === title);
  assert.ok(fix, `fix "${title}" among ${JSON.stringify(finding.fixes.map((f) => f.title))}`);
  const output = applyEdits(text, fix.edits);
  assert.notEqual(output, text, 'the fix changes something');
  const after = lint(fileName, output, config).findings.filter((f) => f.ruleId === 'platform-syntax-error');
  assert.deepEqual(after, [], `the fixed file parses:\n${output}`);
  return output;
}

/** 1-based line of an offset, as messages and editors count. */
export function lineOf(text, offset) {
  return text.slice(0, offset).split('\n').length;
}

/**
 * A project host answering from memory (`{ '/p/src/items.js': text }`): modules resolve relative to the
 * importing file with the usual source extensions, as the CLI's resolver does; nothing else is known.
 */
export function memoryHost(files) {
  return {
    resolveModule(specifier, fromFile) {
      const base = posix.join(posix.dirname(fromFile), specifier);
      return ['.js', '.ts', '.mjs', '/index.js'].map((ext) => base + ext).find((f) => f in files);
    },
    readFile: (file) => files[file],
    importersOf: () => undefined,
    envValues: () => [],
    packageVersion: () => undefined,
  };
}
