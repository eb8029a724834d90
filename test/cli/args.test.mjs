// Command-line usage: --help, --version, and every kind of bad input -> exit 2 with one clear line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO, SNIPPETS, dump, makeProject, runCli } from './helpers.mjs';

const packageVersion = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

test('--help prints usage, every option and the exit-code contract, exit 0', (t) => {
  const dir = makeProject(t);
  const result = runCli(['--help'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.match(result.stdout, /^cors-lint \S+ - /);
  assert.match(result.stdout, /Usage: cors-lint \[options\] \[paths\.\.\.\]/);
  for (const option of ['--format', '--output', '--fix', '--max-warnings', '--rule', '--config', '--quiet', '--no-color', '--max-file-size', '--help', '--version']) {
    assert.ok(result.stdout.includes(option), `help mentions ${option}`);
  }
  assert.match(result.stdout, /Exit codes:\n\s+0 .*\n\s+1 .*errors.*\n(?:.*\n)*?\s+2 .*usage or configuration error/);
  assert.match(result.stdout, /infos never fail a run/);
  assert.equal(result.stderr, '');
});

test('-h is --help', (t) => {
  const dir = makeProject(t);
  assert.equal(runCli(['-h'], { cwd: dir }).stdout, runCli(['--help'], { cwd: dir }).stdout);
});

test('--version prints the package version, exit 0', (t) => {
  const dir = makeProject(t);
  const result = runCli(['--version'], { cwd: dir });
  assert.equal(result.code, 0);
  assert.equal(result.stdout, `${packageVersion}\n`);
});

/** Each case: argv -> the one stderr line (a regexp) and exit 2, no stack trace, nothing on stdout. */
const USAGE_ERRORS = [
  [['--frobnicate'], /^cors-lint: unknown option "--frobnicate" \(run cors-lint --help/],
  [['--formt', 'json'], /^cors-lint: unknown option "--formt"; did you mean --format\?/],
  [['-x'], /^cors-lint: unknown option "-x"/],
  [['--format', 'xml'], /^cors-lint: unknown format "xml" for --format \(available: text, json, sarif, github, html, markdown\)$/],
  [['--format'], /^cors-lint: --format needs a value \(text\|json\|sarif\|github\|html\|markdown\)$/],
  [['--format', '--fix'], /^cors-lint: --format needs a value/],
  [['--output'], /^cors-lint: --output needs a value \(FILE\)$/],
  [['--max-warnings', 'many'], /^cors-lint: --max-warnings expects a whole number of warnings .*got "many"$/],
  [['--max-warnings', '1.5'], /^cors-lint: --max-warnings expects a whole number/],
  [['--max-warnings=-2'], /^cors-lint: --max-warnings expects a whole number/],
  [['--max-file-size', 'huge'], /^cors-lint: --max-file-size expects a size such as 2MB.*got "huge"$/],
  [['--max-file-size', '3 parsecs'], /^cors-lint: --max-file-size expects a size/],
  [['--fix=yes'], /^cors-lint: --fix does not take a value \(got "--fix=yes"\)$/],
  [['--rule', 'no-such-rule:error'], /^cors-lint: --rule no-such-rule:error: unknown rule "no-such-rule" \(known rules: .*null-origin.*\)$/],
  [['--rule', 'null-origin:fatal'], /^cors-lint: --rule null-origin:fatal: "fatal" is not a severity for null-origin; use off, info, warning or error$/],
  [['--rule', 'null-origin'], /^cors-lint: --rule null-origin: "null-origin" is not of the form <rule-id>:<off\|info\|warning\|error>$/],
  [['--rule'], /^cors-lint: --rule needs a value/],
];

for (const [args, expected] of USAGE_ERRORS) {
  test(`usage error: cors-lint ${args.join(' ')} -> exit 2, one line`, (t) => {
    const dir = makeProject(t, { 'app.js': SNIPPETS.trailingSlash });
    const result = runCli(args, { cwd: dir });
    assert.equal(result.code, 2, dump(result));
    assert.equal(result.stderrLines.length, 1, dump(result));
    assert.match(result.stderrLines[0], expected);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(result.stdout, '');
  });
}

test('--opt=value and --opt value are the same; a later --format wins', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  const a = runCli(['--format=json'], { cwd: dir });
  const b = runCli(['--format', 'sarif', '--format', 'json'], { cwd: dir });
  assert.equal(a.code, 0, dump(a));
  assert.deepEqual(JSON.parse(a.stdout).summary, JSON.parse(b.stdout).summary);
});

test('arguments after -- are paths, even when they look like options', (t) => {
  const dir = makeProject(t, { '--weird.js': SNIPPETS.nullOrigin });
  const result = runCli(['--format', 'json', '--', '--weird.js'], { cwd: dir });
  const json = JSON.parse(result.stdout);
  assert.deepEqual(json.files.map((f) => f.path), ['--weird.js']);
  assert.equal(json.files[0].findings[0].ruleId, 'null-origin');
});

test('--rule accepts a comma-separated list and is repeatable', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.trailingSlash, 'b.js': SNIPPETS.nullOrigin });
  const result = runCli(['--rule', 'invalid-origin:off,null-origin:off', '--rule', 'multiple-origins:error'], { cwd: dir });
  assert.equal(result.code, 0, dump(result));
  assert.match(result.stdout, /^0 problems \(0 errors, 0 warnings, 0 infos\)$/m);
});

test('short options group like other CLIs (node:util parseArgs): -qf json is -q -f json', (t) => {
  const dir = makeProject(t, { 'a.js': SNIPPETS.nullOrigin, 'b.js': SNIPPETS.trailingSlash });
  const grouped = runCli(['-qf', 'json'], { cwd: dir });
  const separate = runCli(['-q', '-f', 'json'], { cwd: dir });
  assert.equal(grouped.code, 1, dump(grouped));
  // --quiet keeps the error (invalid-origin) and drops the warning (null-origin).
  assert.deepEqual(JSON.parse(grouped.stdout).files.flatMap((f) => f.findings.map((x) => x.ruleId)), ['invalid-origin']);
  assert.deepEqual(JSON.parse(grouped.stdout).summary, JSON.parse(separate.stdout).summary);
  const unknown = runCli(['-qx'], { cwd: dir });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderrLines[0], /^cors-lint: unknown option "-x"/);
});
