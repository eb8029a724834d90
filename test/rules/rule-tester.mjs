// A small RuleTester on node:test, in the spirit of typescript-eslint's: inline valid/invalid cases with
// the exact location, message and severity of every finding, and the text after the safe fix-all and
// after each suggestion. It fails on an undeclared safe fix, a fix that does not re-parse or changes
// nothing, and duplicate cases; and it runs the fix oracle (test/core/fix-oracle.mjs) on every case.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, applyEdits, defaultConfig, parseSource, syntaxErrorCount } from '../../dist/core.js';
import { checkFixes } from '../core/fix-oracle.mjs';
import { fixedVariants, newDiagnostics } from '../core/fix-typecheck.mjs';

/** The text prefilter must never drop a file the engine reports on: every case is also run without it. */
function assertPrefilterConservative(code, filename, config, host) {
  const unfiltered = analyzeFile(code, filename, configOf(config), { noPrefilter: true, host });
  const filtered = analyzeFile(code, filename, configOf(config), { host });
  assert.deepEqual(filtered.findings.map((f) => f.ruleId), unfiltered.findings.map((f) => f.ruleId), 'the prefilter changed the findings');
}

export function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

function configOf(partial) {
  return { ...defaultConfig(), ...(partial ?? {}) };
}

function normalise(testCase) {
  return typeof testCase === 'string' ? { code: testCase } : testCase;
}

/** `host`: a ProjectHost (core/host.ts) for cases that depend on the project, e.g. package versions. */
export function run(code, { filename = 'file.ts', config, host } = {}) {
  return analyzeFile(code, filename, configOf(config), { host });
}

function assertReparses(code, output, filename, title) {
  const before = syntaxErrorCount(parseSource(code, filename));
  const after = syntaxErrorCount(parseSource(output, filename));
  assert.ok(after <= before, `fix "${title}" introduces syntax errors:\n${output}`);
  assert.notEqual(output, code, `fix "${title}" changes nothing`);
}

export function ruleTester(ruleId, { valid = [], invalid = [] }) {
  const seen = new Set();
  const guardDuplicate = (c) => {
    const key = JSON.stringify([c.code, c.filename, c.config, c.host?.name]);
    assert.ok(!seen.has(key), `duplicate test case:\n${c.code}`);
    seen.add(key);
  };
  describe(ruleId, () => {
    // Every fix of the TypeScript cases, type-checked in one program (test/core/fix-typecheck.mjs).
    it('fixed TypeScript cases add no type error', () => {
      const cases = invalid.map(normalise).filter((c) => /\.(m|c)?tsx?$/.test(c.filename ?? 'file.ts') && !c.host)
        .flatMap((c) => fixedVariants(c.code, c.filename ?? 'file.ts', configOf(c.config)).map((v) => ({ ...v, fileName: c.filename ?? 'file.ts', before: c.code })));
      const added = newDiagnostics(cases);
      const broken = cases.map((c, i) => ({ ...c, added: added[i] })).filter((c) => c.added.length > 0);
      assert.deepEqual(broken.map((c) => `${c.title}: ${c.added.join('; ')}\n${c.after}`), []);
    });
    describe('valid', () => {
      for (const raw of valid) {
        const c = normalise(raw);
        it(c.name ?? c.code.trim().split('\n').slice(-3).join(' ⏎ ').slice(0, 100), () => {
          guardDuplicate(c);
          const result = run(c.code, c);
          assert.deepEqual(result.internalErrors, [], 'internal errors');
          assertPrefilterConservative(c.code, c.filename ?? 'file.ts', c.config, c.host);
          const mine = result.findings.filter((f) => f.ruleId === ruleId);
          assert.deepEqual(mine.map((f) => `${lineColumn(c.code, f.start).line}: ${f.message}`), [], 'expected no findings');
          checkFixes(c.code, c.filename ?? 'file.ts', c.config, c.host);
        });
      }
    });
    describe('invalid', () => {
      for (const raw of invalid) {
        const c = normalise(raw);
        it(c.name ?? c.code.trim().split('\n').slice(-3).join(' ⏎ ').slice(0, 100), () => {
          guardDuplicate(c);
          const filename = c.filename ?? 'file.ts';
          const result = run(c.code, c);
          assert.deepEqual(result.internalErrors, [], 'internal errors');
          assertPrefilterConservative(c.code, filename, c.config, c.host);
          const mine = result.findings.filter((f) => f.ruleId === ruleId);
          const actual = mine.map((f) => {
            const s = lineColumn(c.code, f.start);
            const e = lineColumn(c.code, f.end);
            return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column, text: c.code.slice(f.start, f.end), severity: f.severity, message: f.message };
          });
          assert.equal(actual.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${JSON.stringify(actual, null, 1)}`);
          c.errors.forEach((expected, i) => {
            const got = actual[i];
            for (const key of ['line', 'column', 'endLine', 'endColumn', 'text', 'severity']) {
              if (expected[key] !== undefined) assert.equal(got[key], expected[key], `finding ${i}: ${key}`);
            }
            if (expected.message instanceof RegExp) assert.match(got.message, expected.message);
            else if (expected.message !== undefined) assert.equal(got.message, expected.message);
          });
          // The fix oracle: safe fixes keep every policy, suggestions give the policy their title states.
          checkFixes(c.code, filename, c.config, c.host);
          // Every fix re-parses and changes something (a fix into another file: checked by the oracle).
          for (const f of mine) for (const fix of f.fixes) if (!fix.edits.some((e) => e.file !== undefined)) assertReparses(c.code, applyEdits(c.code, fix.edits), filename, fix.title);
          // Safe fixes: the text after applying all of them (one pass), or none declared.
          const safe = mine.flatMap((f) => f.fixes.filter((x) => x.kind === 'safe').slice(0, 1));
          if (c.output === undefined) {
            assert.equal(safe.length, 0, `undeclared safe fix: ${safe.map((s) => s.title).join(', ')}`);
          } else {
            const edits = [];
            for (const fix of safe) if (!fix.edits.some((e) => edits.some((x) => x.start < e.end && e.start < x.end))) edits.push(...fix.edits);
            assert.equal(applyEdits(c.code, edits), c.output);
          }
          // Suggestions: for the finding at index i, each listed suggestion's output.
          c.errors.forEach((expected, i) => {
            if (!expected.suggestions) return;
            const suggestions = mine[i].fixes.filter((x) => x.kind === 'suggestion');
            assert.equal(suggestions.length, expected.suggestions.length, `finding ${i}: suggestions: ${suggestions.map((s) => s.title).join(' | ')}`);
            expected.suggestions.forEach((s, j) => {
              if (s.title) assert.match(suggestions[j].title, s.title);
              // `file`: the suggestion edits that file (e.g. package.json), read through the case's host.
              if (s.file !== undefined) {
                assert.ok(suggestions[j].edits.every((e) => e.file === s.file), `finding ${i}: suggestion ${j} edits ${s.file} only`);
                assert.equal(applyEdits(c.host.readFile(s.file), suggestions[j].edits), s.output);
              } else if (s.output !== undefined) assert.equal(applyEdits(c.code, suggestions[j].edits), s.output);
            });
          });
        });
      }
    });
  });
}
