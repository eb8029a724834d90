// The package version reader (server/src/project/packages.ts): exact versions from each lockfile format,
// the declared range without one, and "cannot tell" (undefined, never a throw) for broken files. The
// fixtures are test/fixtures/packages/*; reads outside a fixture folder answer undefined, so the
// repository's own package.json cannot leak in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'test/fixtures/packages');

// The project layer has no bundle of its own in every branch; bundle the module under test directly.
const bundle = await esbuild.build({ entryPoints: [join(root, 'server/src/project/packages.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' });
const { createPackageVersionReader } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

const reads = [];
function readerFor(folder) {
  const base = join(fixtures, folder) + sep;
  return createPackageVersionReader((file) => {
    reads.push(file);
    if (!file.startsWith(base)) return undefined;
    try {
      return readFileSync(file, 'latin1');
    } catch {
      return undefined;
    }
  });
}
const at = (folder, file = 'src/app.ts') => join(fixtures, folder, file);
const lock = (folder, name) => join(fixtures, folder, name);

test('npm package-lock.json v3: packages["node_modules/<name>"]', () => {
  const read = readerFor('npm-v3');
  assert.deepEqual(read('hono', at('npm-v3')), { version: '4.12.9', exact: true, file: lock('npm-v3', 'package-lock.json') });
  assert.deepEqual(read('@koa/cors', at('npm-v3')), { version: '4.0.0', exact: true, file: lock('npm-v3', 'package-lock.json') });
  assert.equal(read('express', at('npm-v3')), undefined);
});

test('npm package-lock.json v1: dependencies[name].version', () => {
  assert.deepEqual(readerFor('npm-v1')('@koa/cors', at('npm-v1')), { version: '3.4.3', exact: true, file: lock('npm-v1', 'package-lock.json') });
});

test('npm workspaces: the workspace\'s nested node_modules wins over the hoisted copy', () => {
  const read = readerFor('npm-workspaces');
  assert.deepEqual(read('hono', at('npm-workspaces', 'packages/api/src/index.ts')), { version: '4.12.20', exact: true, file: lock('npm-workspaces', 'package-lock.json') });
  assert.deepEqual(read('hono', at('npm-workspaces', 'scripts/x.ts')), { version: '4.12.25', exact: true, file: lock('npm-workspaces', 'package-lock.json') });
});

test('yarn.lock v1: the entry whose descriptors include the declared range', () => {
  const read = readerFor('yarn-v1');
  assert.deepEqual(read('hono', at('yarn-v1')), { version: '4.12.10', exact: true, file: lock('yarn-v1', 'yarn.lock') });
  assert.deepEqual(read('@koa/cors', at('yarn-v1')), { version: '5.0.0', exact: true, file: lock('yarn-v1', 'yarn.lock') });
});

test('yarn.lock berry: "name@npm:range" entries, `version:` lines', () => {
  assert.deepEqual(readerFor('yarn-berry')('hono', at('yarn-berry')), { version: '4.12.24', exact: true, file: lock('yarn-berry', 'yarn.lock') });
});

test('pnpm-lock.yaml v9: the importer of the nearest package.json; peer suffixes dropped', () => {
  const read = readerFor('pnpm-v9');
  assert.deepEqual(read('hono', at('pnpm-v9', 'packages/api/src/app.ts')), { version: '4.12.11', exact: true, file: lock('pnpm-v9', 'pnpm-lock.yaml') });
  assert.deepEqual(read('@elysiajs/cors', at('pnpm-v9', 'packages/api/src/app.ts')), { version: '1.2.0', exact: true, file: lock('pnpm-v9', 'pnpm-lock.yaml') });
  assert.deepEqual(read('hono', at('pnpm-v9', 'src/root.ts')), { version: '4.12.26', exact: true, file: lock('pnpm-v9', 'pnpm-lock.yaml') });
});

test('pnpm-lock.yaml v5: top-level dependencies', () => {
  assert.deepEqual(readerFor('pnpm-v5')('@koa/cors', at('pnpm-v5')), { version: '4.0.0', exact: true, file: lock('pnpm-v5', 'pnpm-lock.yaml') });
});

test('bun.lock (JSONC with comments and trailing commas)', () => {
  assert.deepEqual(readerFor('bun-text')('hono', at('bun-text')), { version: '4.12.15', exact: true, file: lock('bun-text', 'bun.lock') });
});

test('bun.lockb is binary: the range package.json declares', () => {
  assert.deepEqual(readerFor('bun-binary')('hono', at('bun-binary')), { version: '4.12.12', exact: false, file: lock('bun-binary', 'package.json') });
});

test('no lockfile: the declared range (npm: aliases unwrapped, peerDependencies too)', () => {
  const read = readerFor('range-only');
  assert.deepEqual(read('hono', at('range-only')), { version: '^4.12.3', exact: false, file: lock('range-only', 'package.json') });
  assert.deepEqual(read('@koa/cors', at('range-only')), { version: '>=4.0.0 <5.0.0', exact: false, file: lock('range-only', 'package.json') });
});

test('malformed package.json and lockfiles: undefined, never a throw', () => {
  assert.equal(readerFor('broken')('hono', at('broken')), undefined);
  const throwing = createPackageVersionReader(() => {
    throw new Error('EACCES');
  });
  assert.equal(throwing('hono', at('npm-v3')), undefined);
});

test('the reader only reads package.json and lockfiles on the way up', () => {
  reads.length = 0;
  readerFor('npm-v3')('hono', at('npm-v3'));
  assert.ok(reads.length > 0);
  assert.ok(reads.every((f) => /(package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lock)$/.test(f)), reads.join('\n'));
});
