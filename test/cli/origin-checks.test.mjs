// The CLI on test/fixtures/projects/origin-checks (issue 14, item 3): checks exported by config modules
// are reported where they are written, judged as the app and its routes apply them, and every message
// names an origin that the check as written accepts (the fixture's own modules are run on it).
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeProject, runJson } from './helpers.mjs';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/origin-checks/', import.meta.url));

test('origin checks in config modules: reported where written, related to where applied, raised by the applying credentials', async (t) => {
  const dir = makeProject(t);
  cpSync(FIXTURE, dir, { recursive: true });
  const { json, code } = runJson(['.'], { cwd: dir });
  assert.equal(code, 1);
  const findings = json.files.flatMap((f) => f.findings.map((x) => ({ path: f.path, ...x })));
  assert.deepEqual(findings.map((f) => [f.path, f.line, f.column, f.ruleId, f.severity, f.message, f.related.map((r) => `${r.path}:${r.line}:${r.column} ${r.message}`)]), [
    ['src/config/checks.js', 3, 10, 'weak-origin-check', 'error',
      "Weak origin check: https://evilexample.com passes (suffix match). Credentials are allowed where it is applied, so that site can read users' data. Compare against exact origins or an anchored, escaped pattern.",
      ['src/app.js:9:61 Applied here (cors, credentials: true).']],
    ['src/config/checks.js', 6, 44, 'weak-origin-check', 'warning',
      'Weak origin check: https://partner.example.com.evil.net passes (prefix match). Compare against exact origins or an anchored, escaped pattern.',
      ['src/routes/partner.js:7:7 Applied here.']],
    ['src/config/origins.js', 2, 59, 'weak-origin-check', 'warning',
      'Weak origin check: https://evilexample.org passes (suffix match). Compare against exact origins or an anchored, escaped pattern.',
      []],
  ]);

  // The repair is offered where the check is written (a suggestion: it changes who passes).
  assert.deepEqual(findings[0].fixes.map((f) => [f.kind, f.edits.map((e) => [e.line, e.column, e.newText])]), [
    ['suggestion', [[3, 10, String.raw`/^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(origin)`]]],
  ]);
  assert.deepEqual(findings[1].fixes.map((f) => [f.kind, f.edits.map((e) => [e.line, e.column, e.newText])]), [
    ['suggestion', [[6, 44, "origin === 'https://partner.example.com'"]]],
  ]);

  // The property: each named origin passes the fixture's check as written (the modules themselves, run
  // here: fixture code, never workspace code) and is not a host the check trusts.
  const checks = await import(pathToFileURL(join(dir, 'src/config/checks.js')).href);
  const origins = await import(pathToFileURL(join(dir, 'src/config/origins.js')).href);
  const named = findings.map((f) => /^Weak origin check: (\S+) passes/.exec(f.message)[1]);
  assert.equal(checks.isAllowedOrigin(named[0]), true);
  assert.equal(checks.isPartnerOrigin(named[1]), true);
  assert.equal(origins.allowedOrigins.some((e) => (e instanceof RegExp ? e.test(named[2]) : e === named[2])), true);
  for (const origin of named) assert.doesNotMatch(new URL(origin).hostname, /(^|\.)example\.(com|org)$/);

  // The inventory: the cors callback and the partner route are weakly checked (with the bypass), the admin
  // route's imported exact check is a proven list.
  const policies = json.files.flatMap((f) => f.policies.map((p) => [f.path, p.line, p.origins.kind, p.origins.bypass?.origin ?? p.origins.origins]));
  assert.deepEqual(policies, [
    ['src/app.js', 9, 'weakly-checked', 'https://evilexample.com'],
    ['src/routes/partner.js', 8, 'weakly-checked', 'https://partner.example.com.evil.net'],
    ['src/routes/partner.js', 17, 'list', ['https://admin.example.com', 'https://ops.example.com']],
  ]);
  assert.equal(readFileSync(join(dir, 'src/config/checks.js'), 'utf8').split('\n')[2].slice(9), "origin.endsWith('example.com');");
});
