// docs/platforms.md's examples are executed: a fence ```lang file=NAME rules=a,b``` under an Incorrect
// heading yields findings of exactly those rules; one under a Correct heading yields none.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lint } from './helpers.mjs';

const markdown = readFileSync(new URL('../../docs/platforms.md', import.meta.url), 'utf8');

function examples() {
  const out = [];
  let section;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#+\s+(.*)$/.exec(lines[i]);
    if (heading) {
      section = /^incorrect/i.test(heading[1]) ? 'incorrect' : /^correct/i.test(heading[1]) ? 'correct' : section;
      continue;
    }
    const fence = /^```\w+\s+file=(\S+)(?:\s+rules=(\S+))?\s*$/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    out.push({ section, file: fence[1], rules: fence[2]?.split(',') ?? [], code: `${lines.slice(i + 1, end).join('\n')}\n`, line: i + 2 });
    i = end;
  }
  return out;
}

describe('docs/platforms.md', () => {
  const all = examples();
  it('has an Incorrect and a Correct example for each of the six formats', () => {
    const files = (section) => [...new Set(all.filter((e) => e.section === section).map((e) => e.file))].sort();
    const expected = ['_headers', 'firebase.json', 'netlify.toml', 'serverless.yml', 'template.yaml', 'vercel.json'];
    assert.deepEqual(files('incorrect'), expected);
    assert.deepEqual(files('correct'), expected);
  });
  for (const example of all) {
    it(`${example.section} ${example.file} at line ${example.line}`, () => {
      const ids = lint(example.file, example.code).findings.map((f) => f.ruleId);
      if (example.section === 'correct') assert.deepEqual(ids, []);
      else assert.deepEqual([...new Set(ids)].sort(), [...example.rules].sort());
    });
  }
});
