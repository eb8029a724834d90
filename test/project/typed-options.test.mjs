// Options never applied in the project (issue 12, item 7): an exported object declared with a CORS library's
// options type is analysed as that library's options for value defects, even with `origin` as its only key.
// The type names are the libraries' own: @types/cors index.d.ts `CorsOptions`; @fastify/cors
// types/index.d.ts `FastifyCorsOptions` (fastify/fastify-cors, v9–v11); NestJS
// packages/common/interfaces/external/cors-options.interface.ts `CorsOptions` (nestjs/nest v10–v11).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../dist/core.js';
import { analyzeProject, shown } from '../helpers/memory-host.mjs';

/** [rule, severity, line, the text the finding covers, message] of each finding of a file analysed alone. */
function findingsOf(text, fileName = 'src/cors.ts') {
  const result = analyzeFile(text, fileName);
  assert.deepEqual(result.internalErrors, []);
  const lineOf = (offset) => text.slice(0, offset).split('\n').length;
  return result.findings.map((f) => [f.ruleId, f.severity, lineOf(f.start), text.slice(f.start, f.end), f.message]);
}

const SLASH = "The allowed origin 'https://a.com/' can never match: it ends with a slash, but an Origin header never does. Browsers will block these cross-origin requests.";

test('typed forms: annotation, as, satisfies, JSDoc @type, aliased and namespace type names, Partial<…>', () => {
  const forms = {
    annotation: "import type { CorsOptions } from 'cors';\nexport const opts: CorsOptions = { origin: 'https://a.com/' };\n",
    as: "import type { CorsOptions } from 'cors';\nexport const opts = { origin: 'https://a.com/' } as CorsOptions;\n",
    satisfiesDefault: "import type { CorsOptions } from 'cors';\nexport default { origin: 'https://a.com/' } satisfies CorsOptions;\n",
    aliased: "import type { CorsOptions as Options } from 'cors';\nexport const opts: Options = { origin: 'https://a.com/' };\n",
    namespace: "import cors from 'cors';\nexport const opts: cors.CorsOptions = { origin: 'https://a.com/' };\n",
    partial: "import type { CorsOptions } from 'cors';\nexport const opts: Partial<CorsOptions> = { origin: 'https://a.com/' };\n",
    exportsName: "import type { CorsOptions } from 'cors';\nconst opts: CorsOptions = { origin: 'https://a.com/' };\nexports.opts = opts;\n",
  };
  for (const [form, text] of Object.entries(forms)) {
    assert.deepEqual(findingsOf(text), [['invalid-origin', 'error', 2, "'https://a.com/'", SLASH]], form);
  }
  const jsDoc = "/** @type {import('cors').CorsOptions} */\nconst opts = { origin: 'https://a.com/' };\nmodule.exports = opts;\n";
  assert.deepEqual(findingsOf(jsDoc, 'src/cors.js'), [['invalid-origin', 'error', 2, "'https://a.com/'", SLASH]]);
  const jsDocModule = "/** @type {import('cors').CorsOptions} */\nmodule.exports = { origin: 'https://a.com/' };\n";
  assert.deepEqual(findingsOf(jsDocModule, 'src/cors.js'), [['invalid-origin', 'error', 2, "'https://a.com/'", SLASH]]);
});

test('the library named by the type gives the message its name: cors, @fastify/cors, NestJS', () => {
  assert.deepEqual(findingsOf("import type { FastifyCorsOptions } from '@fastify/cors';\nexport const opts: FastifyCorsOptions = { origin: (origin, cb) => cb(null, true) };\n"), [
    ['reflected-origin', 'warning', 2, 'origin: (origin, cb) => cb(null, true)', "@fastify/cors: its origin callback approves every origin, so any website can read responses (without credentials this equals '*'). List the allowed origins."],
  ]);
  assert.deepEqual(findingsOf("import { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';\nexport const corsConfig: CorsOptions = { origin: true };\n"), [
    ['reflected-origin', 'warning', 2, 'origin: true', "NestJS: `origin: true` echoes the request Origin, so any website can read responses (without credentials this equals '*'). List the allowed origins."],
  ]);
  assert.deepEqual(findingsOf("import type { CorsOptions } from 'cors';\nexport const opts: CorsOptions = { origin: ['https://a.com', 'null'] };\n"), [
    ['null-origin', 'warning', 2, "'null'", "'null' is on the origin allowlist: any page can send Origin: null (a sandboxed iframe, a data: URL, a redirect), so 'null' trusts every site."],
  ]);
  // The policy in the inventory is that library's.
  const { policies } = analyzeFile("import type { FastifyCorsOptions } from '@fastify/cors';\nexport const opts: FastifyCorsOptions = { origin: 'https://a.com' };\n", 'src/cors.ts');
  assert.deepEqual(policies.map((p) => [p.framework, p.origins]), [['@fastify/cors', { kind: 'list', origins: ['https://a.com'], proven: true }]]);
});

test('not CORS options of a known library: another package\'s type of the same name, a delegate, typed options without origin', () => {
  // burger-api (and others) export their own `CorsOptions`, with their own defaults: not read as cors's.
  assert.deepEqual(findingsOf("import type { CorsOptions } from 'burger-api';\nimport cors from 'cors';\nexport const opts: CorsOptions = { origin: true };\n"), []);
  // A delegate computes options per request: nothing here is an options object.
  assert.deepEqual(findingsOf("import type { CorsOptionsDelegate } from 'cors';\nexport const opts: CorsOptionsDelegate = (req, cb) => cb(null, { credentials: true });\n"), []);
  // No origin written: the importer may merge one in (`cors({ ...opts, origin })`); the library default is not known to apply.
  assert.deepEqual(findingsOf("import type { CorsOptions } from 'cors';\nexport const opts: CorsOptions = { credentials: true };\n"), []);
  // Untyped, origin alone: not recognisably CORS options.
  assert.deepEqual(findingsOf("import cors from 'cors';\nexport const opts = { origin: 'https://a.com/' };\n"), []);
});

test('a type of the project itself named CorsOptions, imported from a project path, counts', () => {
  assert.deepEqual(findingsOf("import type { CorsOptions } from './types';\nimport cors from 'cors';\nexport const opts: CorsOptions = { origin: 'https://a.com/' };\n"), [
    ['invalid-origin', 'error', 3, "'https://a.com/'", SLASH],
  ]);
});

test('typed options in a module whose importer applies them: reported in the module, related to the application', () => {
  const files = {
    'src/cors.ts': "import type { FastifyCorsOptions } from '@fastify/cors';\nexport const corsOptions: FastifyCorsOptions = { origin: 'https://a.com/' };\n",
    'src/app.ts': "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nimport { corsOptions } from './cors';\nconst app = Fastify();\napp.register(cors, corsOptions);\n",
  };
  assert.deepEqual(shown(analyzeProject(files, 'src/app.ts'), files, 'src/app.ts'), []);
  const seen = shown(analyzeProject(files, 'src/cors.ts'), files, 'src/cors.ts');
  assert.deepEqual(seen.map((f) => [f.rule, f.line, f.text, f.related]), [
    ['invalid-origin', 2, "'https://a.com/'", ['src/app.ts:5 corsOptions — Applied here (@fastify/cors).']],
  ]);
});
