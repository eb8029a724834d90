// docs/platforms.md's examples are executed: a fence ```lang file=NAME rules=a,b``` under an Incorrect
// heading yields findings of exactly those rules; one under a Correct heading yields none. A fence
// ```lang file=NAME host``` is a project file (a handler) the next example's analysis can read through
// the host, as the CLI's project would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeFile, defaultConfig } from '../../dist/core.js';
import { memoryHost } from './helpers.mjs';

const markdown = readFileSync(new URL('../../docs/platforms.md', import.meta.url), 'utf8');

function examples() {
  const out = [];
  let section;
  let hostFiles = {};
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#+\s+(.*)$/.exec(lines[i]);
    if (heading) {
      section = /^incorrect/i.test(heading[1]) ? 'incorrect' : /^correct/i.test(heading[1]) ? 'correct' : section;
      continue;
    }
    const fence = /^```\w+\s+file=(\S+)(?:\s+rules=(\S+))?(\s+host)?\s*$/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const code = `${lines.slice(i + 1, end).join('\n')}\n`;
    if (fence[3]) hostFiles[fence[1]] = code;
    else {
      out.push({ section, file: fence[1], rules: fence[2]?.split(',') ?? [], code, line: i + 2, hostFiles });
      hostFiles = {};
    }
    i = end;
  }
  return out;
}

describe('docs/platforms.md', () => {
  const all = examples();
  it('has an Incorrect and a Correct example for each of the six formats, routeRules and next.config headers()', () => {
    const files = (section) => [...new Set(all.filter((e) => e.section === section).map((e) => e.file))].sort();
    const expected = ['_headers', 'firebase.json', 'netlify.toml', 'next.config.js', 'nuxt.config.ts', 'serverless.yml', 'template.yaml', 'vercel.json'];
    assert.deepEqual(files('incorrect'), expected);
    assert.deepEqual(files('correct'), expected);
  });
  for (const example of all) {
    it(`${example.section} ${example.file} at line ${example.line}`, () => {
      const result = analyzeFile(example.code, example.file, defaultConfig(), { host: memoryHost(example.hostFiles) });
      assert.deepEqual(result.internalErrors, []);
      const ids = result.findings.map((f) => f.ruleId);
      if (example.section === 'correct') assert.deepEqual(ids, []);
      else assert.deepEqual([...new Set(ids)].sort(), [...example.rules].sort());
    });
  }
});
