// Behaviour that depends on the installed library version (host.packageVersion, see core/facts/versions.ts):
//   @koa/cors  index.js 4.0.0 `origin = options.origin || requestOrigin` (echoes the Origin: CVE-2023-49803);
//              5.0.0 `origin = options.origin || '*'`. With `credentials: true` both echo.
//   hono       src/middleware/cors/index.ts 4.12.9–4.12.24 (66fe9fee): origin '*' with credentials returns
//              `origin || null` (CVE-2026-54290); 4.12.25 (f0b094db) and 4.12.8 send '*' again, which
//              browsers reject with credentials. Arrays are compared with `includes`: ['*'] matches nothing
//              (also cors 2.8.5 lib/index.js isOriginAllowed).
// Without a host, or a version the project does not pin to one side, the current behaviour applies and
// nothing version-specific is said.
import { ruleTester } from './rule-tester.mjs';

const host = (name, version, exact = true) => ({
  name: `${name}@${version}`, resolveModule: () => undefined, readFile: () => undefined, importersOf: () => undefined, envValues: () => [],
  packageVersion: (n) => (n === name ? { version, exact, file: exact ? '/app/package-lock.json' : '/app/package.json' } : undefined),
});
const koa = "import Koa from 'koa';\nimport cors from '@koa/cors';\n\nconst app = new Koa();\n";
const hono = "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\n\nconst app = new Hono();\n";
const koaAllowlist = (options) => `${koa.replace('\nconst app', "\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nconst app")}app.use(cors({ origin: (ctx) => (allowedOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : allowedOrigins[0])${options} }));`;

ruleTester('reflected-origin', {
  valid: [
    { name: '@koa/cors 5.0.0 without origin sends *', code: `${koa}app.use(cors());`, host: host('@koa/cors', '5.0.0') },
    { name: '@koa/cors, version unknown: current behaviour (*)', code: `${koa}app.use(cors({ maxAge: 600 }));` },
    { name: '@koa/cors ^4.0.0 || ^5.0.0 cannot be told apart', code: `${koa}app.use(cors());`, host: host('@koa/cors', '^4.0.0 || ^5.0.0', false) },
    { name: 'hono 4.12.25 sends * (wildcard-with-credentials reports it)', code: `${hono}app.use('/api/*', cors({ credentials: true }));`, host: host('hono', '4.12.25') },
    { name: 'hono 4.12.8 sends *', code: `${hono}app.use('/api/*', cors({ credentials: true }));`, host: host('hono', '4.12.8') },
    { name: 'hono ^4.12.9 may resolve to a fixed version', code: `${hono}app.use('/api/*', cors({ credentials: true }));`, host: host('hono', '^4.12.9', false) },
    { name: 'hono 4.12.9 without credentials sends *', code: `${hono}app.use('/api/*', cors());`, host: host('hono', '4.12.9') },
  ],
  invalid: [
    {
      name: '@koa/cors 4.0.0 without origin echoes the Origin (CVE-2023-49803): upgrade, and the allowlist fix',
      code: `${koa}app.use(cors());`,
      host: host('@koa/cors', '4.0.0'),
      errors: [{
        line: 5, column: 9, text: 'cors()', severity: 'warning',
        message: "@koa/cors 4.0.0 without an origin option echoes the request Origin, so any website can read responses (without credentials this equals '*'). Upgrade @koa/cors to 5.0.0 or later (CVE-2023-49803), and list the allowed origins.",
        suggestions: [{ output: koaAllowlist('') }],
      }],
    },
    {
      name: '@koa/cors declared ~3.4.0 (no lockfile)',
      code: `${koa}app.use(cors({ maxAge: 600 }));`,
      host: host('@koa/cors', '~3.4.0', false),
      errors: [{ text: 'cors({ maxAge: 600 })', message: /^@koa\/cors ~3\.4\.0 without an origin option echoes the request Origin, .* Upgrade @koa\/cors to 5\.0\.0 or later \(CVE-2023-49803\)/, suggestions: [{ output: koaAllowlist(', maxAge: 600') }] }],
    },
    {
      name: 'hono 4.12.9 with credentials and the default origin echoes any Origin (CVE-2026-54290)',
      code: `${hono}app.use('/api/*', cors({ credentials: true }));`,
      host: host('hono', '4.12.9'),
      errors: [{
        line: 5, column: 19, text: 'cors({ credentials: true })', severity: 'error',
        message: "hono 4.12.9 (hono/cors) echoes any request Origin when credentials: true is combined with origin '*', and credentials are allowed, so any website can read responses with the user's cookies. Upgrade hono to 4.12.25 or later (CVE-2026-54290), and list the allowed origins.",
        suggestions: [{ output: `${hono.replace('\nconst app', "\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nconst app")}app.use('/api/*', cors({ origin: allowedOrigins, credentials: true }));` }],
      }],
    },
    {
      name: "hono 4.12.24 with an explicit origin '*'",
      code: `${hono}app.use('/api/*', cors({ origin: '*', credentials: true }));`,
      host: host('hono', '4.12.24'),
      errors: [{ text: "origin: '*'", severity: 'error', message: /^hono 4\.12\.24 \(hono\/cors\) echoes any request Origin/ }],
    },
  ],
});

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'hono 4.12.10 reflects instead (reflected-origin)', code: `${hono}app.use('/api/*', cors({ origin: '*', credentials: true }));`, host: host('hono', '4.12.10') },
  ],
  invalid: [{
    name: 'hono 4.12.25: * with credentials, which browsers reject',
    code: `${hono}app.use('/api/*', cors({ origin: '*', credentials: true }));`,
    host: host('hono', '4.12.25'),
    errors: [{ text: "'*'", message: "hono/cors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead." }],
  }],
});

ruleTester('permissive-wildcard', {
  invalid: [{
    name: '@koa/cors, version unknown: cors() sends * (5.0.0 and later)',
    code: `${koa}app.use(cors());`,
    errors: [{ text: 'cors()', severity: 'info', message: '@koa/cors without an origin option sends * (5.0.0 and later): every website can read these responses. Right for public data; otherwise list the allowed origins.' }],
  }],
});

ruleTester('invalid-origin', {
  valid: [
    { name: "@fastify/cors treats '*' in a list as any origin", code: "import Fastify from 'fastify';\nimport fastifyCors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(fastifyCors, { origin: ['https://a.example.com', '*'] });" },
  ],
  invalid: [
    {
      name: "hono/cors origin: ['*'] matches nothing: CORS is silently off",
      code: `${hono}app.use('/api/*', cors({ origin: ['*'] }));`,
      errors: [{
        line: 5, column: 35, text: "'*'", severity: 'error',
        message: "The allowed origin '*' can never match: hono/cors compares the entries of an origin list with the request Origin as text, so '*' matches no origin (only a plain '*' string allows any origin). Browsers will block these cross-origin requests.",
        suggestions: [{ title: /^Allow any origin with a plain '\*'$/, output: `${hono}app.use('/api/*', cors({ origin: '*' }));` }],
      }],
    },
    {
      name: "'*' next to real origins is dropped by a safe fix (it changes nothing)",
      code: `${hono}app.use('/api/*', cors({ origin: ['https://app.example.com', '*'] }));`,
      output: `${hono}app.use('/api/*', cors({ origin: ['https://app.example.com'] }));`,
      errors: [{ text: "'*'", severity: 'error', suggestions: [] }],
    },
    {
      name: "the cors package compares list entries as text too",
      code: "import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors({ origin: ['*'] }));",
      errors: [{ text: "'*'", message: /^The allowed origin '\*' can never match: cors compares the entries/ }],
    },
  ],
});

// The upgrade as an edit (issue 13, item 2): a suggestion that raises the library in the package.json that
// declares it (the nearest one up the folders that lists it), keeping the range's style. It edits another
// file, so the CLI's --fix and fix-all (safe fixes only) never apply it.
const manifests = (files, name, version) => ({
  name: `${name}@${version} ${Object.keys(files).join(',')}`, resolveModule: () => undefined, importersOf: () => undefined, envValues: () => [],
  readFile: (file) => files[file],
  packageVersion: (n) => (n === name ? { version, exact: true, file: '/app/package-lock.json' } : undefined),
});
const manifest = (deps, section = 'dependencies') => `{\n  "name": "api",\n  "${section}": {\n${Object.entries(deps).map(([n, v]) => `    "${n}": "${v}"`).join(',\n')}\n  }\n}\n`;
const elysiaHead = "import { Elysia } from 'elysia';\nimport { cors } from '@elysiajs/cors';\n\n";

ruleTester('reflected-origin', {
  valid: [],
  invalid: [
    {
      name: '@koa/cors ^4.0.0: upgrade to ^5.0.0 in package.json (first suggestion), then the allowlist',
      filename: '/app/src/server.js',
      code: `${koa}app.use(cors());`,
      host: manifests({ '/app/package.json': manifest({ koa: '^2.15.0', '@koa/cors': '^4.0.0' }) }, '@koa/cors', '4.0.0'),
      errors: [{
        line: 5, column: 9, text: 'cors()', severity: 'warning', message: /Upgrade @koa\/cors to 5\.0\.0 or later \(CVE-2023-49803\), and list the allowed origins\.$/,
        suggestions: [
          { title: /^Upgrade @koa\/cors to 5\.0\.0 in package\.json$/, file: '/app/package.json', output: manifest({ koa: '^2.15.0', '@koa/cors': '^5.0.0' }) },
          { output: koaAllowlist('') },
        ],
      }],
    },
    {
      name: 'hono pinned exactly (4.12.9) in devDependencies: the fixed version, exact',
      filename: '/app/src/index.ts',
      code: `${hono}app.use('/api/*', cors({ credentials: true }));`,
      host: manifests({ '/app/package.json': manifest({ hono: '4.12.9' }, 'devDependencies') }, 'hono', '4.12.9'),
      errors: [{
        text: 'cors({ credentials: true })', severity: 'error',
        suggestions: [
          { title: /^Upgrade hono to 4\.12\.25 in package\.json$/, file: '/app/package.json', output: manifest({ hono: '4.12.25' }, 'devDependencies') },
          { title: /^Allow only the origins in allowedOrigins/ },
        ],
      }],
    },
    {
      name: 'a workspace package that does not list it: the root package.json that does (~ kept)',
      filename: '/repo/packages/api/src/server.js',
      code: `${koa}app.use(cors({ maxAge: 600 }));`,
      host: manifests({
        '/repo/packages/api/package.json': manifest({ koa: '^2.15.0' }),
        '/repo/package.json': manifest({ '@koa/cors': '~4.0.0' }),
      }, '@koa/cors', '4.0.0'),
      errors: [{
        text: 'cors({ maxAge: 600 })',
        suggestions: [
          { file: '/repo/package.json', output: manifest({ '@koa/cors': '~5.0.0' }) },
          { output: koaAllowlist(', maxAge: 600') },
        ],
      }],
    },
    {
      name: 'a range of another form (a tag) is not rewritten: no upgrade edit, the advisory stays in the message',
      filename: '/app/src/server.js',
      code: `${koa}app.use(cors({ keepHeadersOnError: true }));`,
      host: manifests({ '/app/package.json': manifest({ '@koa/cors': 'latest' }) }, '@koa/cors', '4.0.0'),
      errors: [{ message: /Upgrade @koa\/cors to 5\.0\.0 or later \(CVE-2023-49803\)/, suggestions: [{ output: koaAllowlist(', keepHeadersOnError: true') }] }],
    },
  ],
});

ruleTester('weak-origin-check', {
  invalid: [{
    name: '@elysiajs/cors before 1.3.1: upgrade in package.json, or write the scheme',
    filename: '/app/src/index.ts',
    code: `${elysiaHead}new Elysia().use(cors({ origin: 'example.com' })).listen(3000);`,
    host: manifests({ '/app/package.json': manifest({ elysia: '^1.2.0', '@elysiajs/cors': '^1.2.0' }) }, '@elysiajs/cors', '1.2.0'),
    errors: [{
      text: "'example.com'", severity: 'error', message: /^Weak origin check: @elysiajs\/cors 1\.2\.0 matches 'example\.com' anywhere in the request Origin/,
      suggestions: [
        { title: /^Upgrade @elysiajs\/cors to 1\.3\.1 in package\.json$/, file: '/app/package.json', output: manifest({ elysia: '^1.2.0', '@elysiajs/cors': '^1.3.1' }) },
        { output: `${elysiaHead}new Elysia().use(cors({ origin: 'https://example.com' })).listen(3000);` },
      ],
    }],
  }],
});
