// The Incorrect/Correct examples in docs/rules/<id>.md are executed: every Incorrect block yields
// findings of its rule and of no other rule; every Correct block yields no finding at all.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, defaultConfig } from '../../dist/core.js';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

/** Code blocks by section: { incorrect: [{lang, code, line}], correct: [...] } */
export function examplesOf(markdown) {
  const out = { incorrect: [], correct: [] };
  let section;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^##\s+(.*)$/.exec(lines[i]);
    if (heading) {
      section = /^incorrect/i.test(heading[1]) ? 'incorrect' : /^correct/i.test(heading[1]) ? 'correct' : undefined;
      continue;
    }
    const fence = /^```(js|javascript|ts|typescript|jsx|tsx)\s*$/.exec(lines[i]);
    if (fence && section) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      out[section].push({ lang: fence[1], code: lines.slice(start, end).join('\n'), line: start });
      i = end;
    }
  }
  return out;
}

const extension = { js: 'js', javascript: 'js', jsx: 'jsx', ts: 'ts', typescript: 'ts', tsx: 'tsx' };

for (const file of readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort()) {
  const id = file.replace(/\.md$/, '');
  const { incorrect, correct } = examplesOf(readFileSync(join(docsDir, file), 'utf8'));
  describe(`docs/rules/${file}`, () => {
    it('has Incorrect and Correct examples', () => {
      assert.ok(incorrect.length > 0, 'no Incorrect example');
      assert.ok(correct.length > 0, 'no Correct example');
    });
    for (const example of incorrect) {
      it(`Incorrect example at line ${example.line} is reported as ${id} only`, () => {
        const result = analyzeFile(example.code, `example.${extension[example.lang]}`, defaultConfig());
        const ids = result.findings.map((f) => f.ruleId);
        assert.ok(ids.includes(id), `expected ${id}, got ${JSON.stringify(ids)}`);
        assert.deepEqual([...new Set(ids)], [id], `other rules fired: ${result.findings.filter((f) => f.ruleId !== id).map((f) => `${f.ruleId}: ${f.message}`).join('\n')}`);
      });
    }
    for (const example of correct) {
      it(`Correct example at line ${example.line} has no finding`, () => {
        const result = analyzeFile(example.code, `example.${extension[example.lang]}`, defaultConfig());
        assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      });
    }
  });
}
