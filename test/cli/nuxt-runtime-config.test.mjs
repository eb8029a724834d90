// Nuxt's useRuntimeConfig() (issue 13): a value read from the runtime config is the `runtimeConfig`
// default of the nuxt.config beside the project's package.json, read through the project host, and it
// holds only while NUXT_<KEY> is unset (Nuxt overrides each key from that variable at runtime: nuxt/nuxt
// packages/schema/src/types/config.ts `Overrideable`). Fixture: test/fixtures/projects/nuxt-runtime-config.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeProject, runJson } from './helpers.mjs';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/nuxt-runtime-config/', import.meta.url));

function findings(dir) {
  const { json } = runJson([], { cwd: dir });
  return json.files.flatMap((f) => f.findings.map((x) => [f.path, x.ruleId, x.severity, x.line, x.column, x.message]));
}

test("runtimeConfig.corsOrigin '*' in nuxt.config: reported where it is read, under 'when NUXT_CORS_ORIGIN is unset'", (t) => {
  const dir = makeProject(t);
  cpSync(FIXTURE, dir, { recursive: true });
  assert.deepEqual(findings(dir), [
    ['server/api/catalog.get.ts', 'permissive-wildcard', 'info', 3, 38, "When NUXT_CORS_ORIGIN is unset: h3 appendCorsHeaders allows origin '*': every website can read these responses. Right for public data; otherwise list the allowed origins."],
    ['server/api/profile.get.ts', 'wildcard-with-credentials', 'error', 2, 35, "When NUXT_CORS_ORIGIN is unset: h3 handleCors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead."],
  ]);

  // The default set to a trusted origin in nuxt.config: nothing left to say.
  const config = join(dir, 'nuxt.config.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace("corsOrigin: '*'", "corsOrigin: 'https://shop.example.com'"));
  assert.deepEqual(findings(dir), []);

  // A value that is not a literal in nuxt.config, or no nuxt.config at all: unknown, and silent.
  writeFileSync(config, readFileSync(config, 'utf8').replace("corsOrigin: 'https://shop.example.com'", 'corsOrigin: process.env.ORIGIN'));
  assert.deepEqual(findings(dir), []);
  rmSync(config);
  assert.deepEqual(findings(dir), []);
});
