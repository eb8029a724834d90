// The CLI finds platform configuration by name, reports it like code, fixes it with --fix, and the audit
// report (--format html / json) lists platform policies next to the code's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engine } from '../lsp/helpers.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
/** The glob in server/src/lsp/protocol.ts (bundled into the client and the server, so read from the source). */
const PLATFORM_FILES_GLOB = /PLATFORM_FILES_GLOB =\s*'([^']+)'/.exec(readFileSync(join(ROOT, 'server/src/lsp/protocol.ts'), 'utf8'))[1];

function project(t) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-platform-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, 'examples/vercel'), join(dir, 'web'), { recursive: true });
  cpSync(join(ROOT, 'examples/serverless'), join(dir, 'api'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/platform'), join(dir, 'site'), { recursive: true });
  return dir;
}

function cli(dir, ...args) {
  return spawnSync(process.execPath, [CLI, '--no-color', ...args], { cwd: dir, encoding: 'utf8' });
}

test('cli: platform files are discovered by name and reported with their positions', (t) => {
  const dir = project(t);
  const run = cli(dir, '--format', 'json');
  assert.equal(run.status, 1);
  const report = JSON.parse(run.stdout);
  const files = Object.fromEntries(report.files.map((f) => [f.path, f.findings.map((x) => `${x.line}:${x.column} ${x.ruleId}`)]));
  assert.deepEqual(Object.keys(files).sort(), ['api/serverless.yml', 'api/src/products.js', 'api/template.yaml', 'site/_headers', 'site/netlify.toml', 'web/api/profile.js', 'web/vercel.json']);
  assert.deepEqual(files['web/vercel.json'], ['8:58 wildcard-with-credentials', '16:58 multiple-origins', '22:58 invalid-origin']);
  assert.deepEqual(files['api/serverless.yml'], ['19:11 multiple-origins', '33:11 missing-preflight', '34:21 wildcard-with-credentials', '39:13 insecure-origin']);
  assert.deepEqual(files['api/template.yaml'], ['17:11 null-origin', '25:22 invalid-origin']);
  assert.deepEqual(files['site/netlify.toml'], ['13:35 duplicate-origin-header']);
  assert.deepEqual(files['site/_headers'], ['3:32 permissive-wildcard', '6:32 invalid-origin']);
});

test('cli --fix: safe fixes are written in the file\'s syntax (SAM quoting, a trailing slash)', (t) => {
  const dir = project(t);
  cli(dir, '--fix');
  assert.match(readFileSync(join(dir, 'api/template.yaml'), 'utf8'), /        AllowOrigin: "'https:\/\/app\.example\.com'"\n/);
  assert.match(readFileSync(join(dir, 'web/vercel.json'), 'utf8'), /"value": "https:\/\/partner\.example\.com" \}/);
  assert.match(readFileSync(join(dir, 'site/_headers'), 'utf8'), /Access-Control-Allow-Origin: https:\/\/app\.example\.com\n/);
  // Suggestions (credentials, several origins) are left for a person to choose.
  assert.match(readFileSync(join(dir, 'web/vercel.json'), 'utf8'), /"value": "\*"/);
});

test('cli: a platform file that does not parse fails the run with one finding', (t) => {
  const dir = project(t);
  writeFileSync(join(dir, 'web/vercel.json'), '{ "headers": [ }');
  const run = cli(dir, 'web/vercel.json');
  assert.equal(run.status, 1);
  assert.match(run.stdout, /web\/vercel\.json:1:16 +error +vercel\.json does not parse \(value expected\), so the platform cannot use it and cors-lint cannot check its CORS settings\. Fix the syntax\. +platform-syntax-error/);
});

test('audit report: platform policies appear in the inventory, labelled by platform and path', (t) => {
  const dir = project(t);
  const html = cli(dir, '--format', 'html').stdout;
  for (const label of ['Vercel (vercel.json) headers', 'SAM Api Cors (template.yaml)', 'Serverless http event cors (serverless.yml)', 'Netlify (netlify.toml)', 'Netlify / Cloudflare Pages (_headers)']) {
    assert.ok(html.includes(label.replace(' headers', '')), `${label} in the report`);
  }
  assert.ok(html.includes('/api/(.*)'));
  assert.ok(html.includes('PUT /products/{id} (functions.updateProduct)'));
});

test('the glob the client and the watcher use names exactly the files the engine treats as platform configuration', () => {
  const names = PLATFORM_FILES_GLOB.replace(/^\*\*\/\{|\}$/g, '').split(',');
  for (const name of names) {
    const file = `project/${name.replace('*', 'api')}`;
    assert.ok(engine.isPlatformConfigFile(file), `${file} is platform configuration`);
  }
  for (const file of ['vercel.json', 'now.json', 'firebase.json', 'netlify.toml', '_headers', 'serverless.yml', 'serverless.yaml', 'template.yaml', 'template.yml', 'template.json', 'stack.template.json', 'api.cfn.yaml']) {
    assert.ok(names.some((n) => n === file || (n.startsWith('*') && file.endsWith(n.slice(1)))), `${file} is in the glob`);
  }
  for (const file of ['package.json', 'tsconfig.json', 'config.yaml', 'docker-compose.yml', 'Cargo.toml', 'headers']) assert.equal(engine.isPlatformConfigFile(file), false, file);
});
