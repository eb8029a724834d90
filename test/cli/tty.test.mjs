// On a terminal: a progress line on stderr, redrawn with \r and erased before the report, and
// colours. Needs a pseudo-terminal, which util-linux `script` provides; elsewhere the test is skipped.
// (Off a terminal, the other tests check that stderr stays empty.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { CLI, SNIPPETS, makeProject } from './helpers.mjs';

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

function runInTerminal(args, cwd) {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: result.stdout.replace(/\r\n/g, '\n') };
}

test('a terminal gets a progress line that is erased before the report, and colours', { skip: !hasScript && 'needs util-linux `script` for a pseudo-terminal' }, (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.clean, 'b.js': SNIPPETS.nullOrigin });
  const { code, output } = runInTerminal([], dir);
  assert.equal(code, 1, output);
  assert.ok(output.startsWith('\r\x1b[Kcors-lint 1/2 a.js'), JSON.stringify(output));
  assert.ok(output.includes('\r\x1b[Kcors-lint 2/2 b.js\r\x1b[K\x1b[4mb.js\x1b[24m\n'), JSON.stringify(output));
  assert.ok(output.includes('\x1b[33mwarning\x1b[39m'));
});

test('--no-color on a terminal: progress still shown, no colours in the report', { skip: !hasScript && 'needs util-linux `script` for a pseudo-terminal' }, (t) => {
  const dir = makeProject(t, { 'b.js': SNIPPETS.nullOrigin });
  const { output } = runInTerminal(['--no-color'], dir);
  const report = output.slice(output.lastIndexOf('\r\x1b[K') + 4);
  assert.ok(output.startsWith('\r\x1b[Kcors-lint 1/1 b.js'), JSON.stringify(output));
  assert.ok(report.startsWith('b.js\n'), JSON.stringify(report));
  assert.ok(!report.includes('\x1b['));
});
