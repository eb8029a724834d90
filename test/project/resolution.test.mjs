// The project layer on disk: which file an import names (ESM, CommonJS, dynamic import, tsconfig paths
// with extends, package.json imports, workspace packages, .js→.ts, index files), who imports a file,
// and the values .env files give a variable. Fixture projects: test/fixtures/projects/.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Project, pnpmWorkspaceGlobs, scanImports, parseEnvFile } = require('../../dist/project.js');
const PROJECTS = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

function projectAt(name) {
  const root = join(PROJECTS, name);
  const project = new Project({ roots: [root] });
  const host = project.hostFor();
  const at = (file) => join(root, file);
  const resolve = (specifier, from) => {
    const found = host.resolveModule(specifier, at(from));
    return found === undefined ? undefined : found.slice(root.length + 1).split('\\').join('/');
  };
  return { root, project, host, at, resolve };
}

/** A throw-away project: { 'path': 'text' }. */
function tempProject(t, files) {
  const root = mkdtempSync(join(tmpdir(), 'cors-lint-project-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

test('ESM in TypeScript: .js specifiers name the .ts source, folders their index file', () => {
  const { resolve } = projectAt('esm-ts');
  assert.equal(resolve('./config/index.js', 'src/app.ts'), 'src/config/index.ts');
  assert.equal(resolve('./cors.js', 'src/config/index.ts'), 'src/config/cors.ts');
  assert.equal(resolve('../constants', 'src/config/cors.ts'), 'src/constants/index.ts');
  assert.equal(resolve('./cycle-b.js', 'src/lib/cycle-a.ts'), 'src/lib/cycle-b.ts');
  assert.equal(resolve('./missing.js', 'src/app.ts'), undefined);
});

test('tsconfig paths and baseUrl come through extends (get-tsconfig 4.14.3 createPathsMatcher)', () => {
  const { resolve } = projectAt('esm-ts');
  // tsconfig.json extends tsconfig.base.json, which holds baseUrl "." and the paths.
  assert.equal(resolve('@/config/cors', 'src/routes/users.ts'), 'src/config/cors.ts');
  assert.equal(resolve('@lib', 'src/routes/users.ts'), 'src/lib/origin.ts');
  // baseUrl alone: a bare specifier that is a project folder resolves, a package does not.
  assert.equal(resolve('src/constants', 'src/app.ts'), 'src/constants/index.ts');
  assert.equal(resolve('express', 'src/app.ts'), undefined);
  assert.equal(resolve('node:fs', 'src/app.ts'), undefined);
});

test('jsconfig.json paths apply to JavaScript projects', (t) => {
  const root = tempProject(t, {
    'jsconfig.json': '{ "compilerOptions": { "baseUrl": "src", "paths": { "~/*": ["./*"] } } }',
    'src/config/cors.js': 'export const corsOptions = {};\n',
    'src/app.js': "import { corsOptions } from '~/config/cors';\n",
  });
  const host = new Project({ roots: [root] }).hostFor();
  assert.equal(host.resolveModule('~/config/cors', join(root, 'src/app.js')), join(root, 'src/config/cors.js'));
});

test('CommonJS and package.json imports (#alias, with conditions)', () => {
  const { resolve } = projectAt('cjs-express');
  assert.equal(resolve('#config/cors', 'server/index.js'), 'config/cors.js');
  assert.equal(resolve('#routes', 'server/index.js'), 'server/routes/index.js');
  assert.equal(resolve('#nothing', 'server/index.js'), undefined);
  assert.equal(resolve('./items', 'server/routes/index.js'), 'server/routes/items.js');
  assert.equal(resolve('./origins', 'config/cors.js'), 'config/origins.js');
});

test('workspace packages resolve to their source: exports conditions, subpaths, main', () => {
  const { resolve } = projectAt('monorepo');
  // exports "." → { types, import: ./dist/index.js } → the source src/index.ts (dist/ is not built).
  assert.equal(resolve('@acme/cors-config', 'apps/api/src/server.ts'), 'packages/cors-config/src/index.ts');
  assert.equal(resolve('@acme/cors-config/origins', 'apps/api/src/server.ts'), 'packages/cors-config/src/origins.ts');
  assert.equal(resolve('@acme/shared', 'apps/api/src/server.ts'), 'packages/shared/index.js');
  // A package that is not in the workspace is a library: unknown, never a guess.
  assert.equal(resolve('@fastify/cors', 'apps/api/src/server.ts'), undefined);
  assert.equal(resolve('@acme/unknown', 'apps/api/src/server.ts'), undefined);
});

test('pnpm workspaces: pnpm-workspace.yaml lists the package folders', (t) => {
  assert.deepEqual(pnpmWorkspaceGlobs("packages:\n  - 'packages/*'\n  - \"apps/*\" # deployables\n  - '!**/test/**'\nother: 1\n"), ['packages/*', 'apps/*', '!**/test/**']);
  const root = tempProject(t, {
    'pnpm-workspace.yaml': 'packages:\n  - libs/**\n',
    'package.json': '{ "name": "root" }',
    'libs/web/cors/package.json': '{ "name": "@x/cors", "source": "src/cors.ts", "main": "lib/cors.js" }',
    'libs/web/cors/src/cors.ts': 'export const origins = [];\n',
    'app/main.ts': "import { origins } from '@x/cors';\n",
  });
  const host = new Project({ roots: [root] }).hostFor();
  assert.equal(host.resolveModule('@x/cors', join(root, 'app/main.ts')), join(root, 'libs/web/cors/src/cors.ts'));
});

test('the import index: static, re-export, require and dynamic import edges; importers; cycles end', () => {
  assert.deepEqual(
    scanImports("import a from './a';\nexport * from './b';\nconst c = require('./c');\napp.register(import('@fastify/cors'));\nexport { d } from './d';\n").sort(),
    ['./a', './b', './c', './d', '@fastify/cors'],
  );
  const esm = projectAt('esm-ts');
  assert.deepEqual(esm.host.importersOf(esm.at('src/config/cors.ts')), [esm.at('src/config/index.ts'), esm.at('src/routes/users.ts')]);
  assert.deepEqual(esm.host.importersOf(esm.at('src/routes/users.ts')), [esm.at('src/app.ts')]);
  // Dependents are transitive and a cycle is visited once.
  assert.deepEqual(esm.project.index.dependentsOf(esm.at('src/lib/cycle-a.ts')), [esm.at('src/lib/cycle-b.ts')]);
  assert.deepEqual(esm.project.index.dependentsOf(esm.at('src/constants/index.ts')).sort(), [
    esm.at('src/app.ts'),
    esm.at('src/config/cors.ts'),
    esm.at('src/config/index.ts'),
    esm.at('src/routes/users.ts'),
  ]);
  const cjs = projectAt('cjs-express');
  assert.deepEqual(cjs.host.importersOf(cjs.at('server/routes/items.js')), [cjs.at('server/routes/index.js')]);
  assert.deepEqual(cjs.host.importersOf(cjs.at('config/cors.js')), [cjs.at('server/index.js')]);
  const mono = projectAt('monorepo');
  // `await import('./hooks.js')` inside a plugin.
  assert.deepEqual(mono.host.importersOf(mono.at('apps/api/src/hooks.ts')), [mono.at('apps/api/src/server.ts')]);
  assert.deepEqual(mono.host.importersOf(mono.at('packages/cors-config/src/index.ts')), [mono.at('apps/api/src/server.ts')]);
});

test('.env files: each value with its file and the offset it is written at', () => {
  const cjs = projectAt('cjs-express');
  const values = cjs.host.envValues('ALLOWED_ORIGINS', cjs.at('config/origins.js'));
  assert.deepEqual(values.map((v) => [v.file.slice(cjs.root.length + 1), v.value]), [
    ['.env', 'http://localhost:5173'],
    ['.env.production', 'https://shop.example.com,https://admin.example.com'],
    ['.env.example', '*'],
  ]);
  // The offset is the value's first character, after `=`, an `export ` and an opening quote.
  const texts = { '.env': '# Local development\nPORT=3000\nALLOWED_ORIGINS=http://localhost:5173\n', '.env.production': 'ALLOWED_ORIGINS="https://shop.example.com,https://admin.example.com"\n', '.env.example': 'export ALLOWED_ORIGINS=*\nCORS_CREDENTIALS=true\n' };
  for (const v of values) {
    const text = texts[v.file.slice(cjs.root.length + 1)];
    assert.equal(text.slice(v.offset, v.offset + v.value.length), v.value);
  }
  assert.deepEqual(cjs.host.envValues('NOT_SET', cjs.at('config/origins.js')), []);
  // dotenv 18.0.10 (dist/index.cjs): a later assignment wins; its offset is the later line's.
  const parsed = parseEnvFile('A=1\nA = "two"\n', '/x/.env');
  assert.deepEqual(parsed.get('A'), { value: 'two', file: '/x/.env', offset: 9 });
});

test('unsaved text wins over the disk, and a changed file updates the index and its dependents', (t) => {
  const root = tempProject(t, {
    'config.js': "module.exports = { origin: 'https://a.example.com' };\n",
    'other.js': 'module.exports = {};\n',
    'app.js': "const config = require('./config');\n",
  });
  const project = new Project({ roots: [root] });
  const host = project.hostFor();
  assert.deepEqual(host.importersOf(join(root, 'config.js')), [join(root, 'app.js')]);
  project.setOverlay(join(root, 'app.js'), "const config = require('./other');\n");
  assert.deepEqual(host.importersOf(join(root, 'config.js')), []);
  assert.deepEqual(host.importersOf(join(root, 'other.js')), [join(root, 'app.js')]);
  assert.equal(host.readFile(join(root, 'app.js')), "const config = require('./other');\n");
  project.setOverlay(join(root, 'app.js'), undefined);
  assert.deepEqual(host.importersOf(join(root, 'config.js')), [join(root, 'app.js')]);

  // A file that appears makes an unresolved import resolve.
  writeFileSync(join(root, 'late.js'), "require('./later');\n");
  project.fileChanged(join(root, 'late.js'), 'created');
  writeFileSync(join(root, 'later.js'), 'module.exports = 1;\n');
  project.fileChanged(join(root, 'later.js'), 'created');
  assert.deepEqual(host.importersOf(join(root, 'later.js')), [join(root, 'late.js')]);
  assert.deepEqual(project.fileChanged(join(root, 'config.js'), 'changed'), [join(root, 'app.js')]);
  rmSync(join(root, 'later.js'));
  project.fileChanged(join(root, 'later.js'), 'deleted');
  assert.deepEqual(host.importersOf(join(root, 'later.js')), []);
});

test('the host records the files an analysis read (AnalysisResult.dependencies)', () => {
  const cjs = projectAt('cjs-express');
  const read = new Set();
  const host = cjs.project.hostFor(read);
  host.readFile(cjs.at('config/cors.js'));
  host.readFile(cjs.at('config/missing.js'));
  host.envValues('PORT', cjs.at('server/index.js'));
  assert.deepEqual([...read].sort(), [cjs.at('.env'), cjs.at('config/cors.js')]);
});
