// --format html and --format markdown: the audit report for CI archives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SNIPPETS, handlers, makeProject, runCli } from './helpers.mjs';

const files = {
  'src/api.js': handlers(SNIPPETS.multipleOrigins, SNIPPETS.wildcard),
  'src/clean.js': SNIPPETS.clean,
};

test('--format markdown writes totals, the findings by rule and the policy inventory', (t) => {
  const dir = makeProject(t, files);
  const result = runCli(['--format', 'markdown', '--max-warnings', '-1'], { cwd: dir });
  assert.equal(result.code, 1, result.stderr);
  const md = result.stdout;
  assert.match(md, /^# CORS audit/m);
  assert.match(md, /Scanned 2 files/);
  assert.match(md, /\*\*Findings:\*\* 2 \(1 error, 0 warnings, 1 info\) in 1 file/);
  assert.match(md, /\| \[`multiple-origins`\]\([^)]*multiple-origins\.md\) \| 1 \| 0 \| 0 \| 1 \|/);
  assert.match(md, /## CORS policy inventory/);
  assert.match(md, /`src\/api\.js:2` .*`https:\/\/a\.com`, `https:\/\/b\.com`/);
  assert.match(md, /`src\/api\.js:5` .*any \(\\\*\)/);
});

test('--format html -o writes one self-contained page with a strict CSP', (t) => {
  const dir = makeProject(t, files);
  const result = runCli(['--format', 'html', '--output', 'report.html', '--max-warnings', '-1'], { cwd: dir });
  assert.equal(result.code, 1, result.stderr);
  const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-/);
  assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)="https?:/, 'no external resources');
  assert.match(html, /src\/api\.js/);
  assert.match(html, /multiple-origins/);
});
