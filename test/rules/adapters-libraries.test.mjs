// Smaller CORS libraries, as read from their source:
//   nextjs-cors  yonycalsin/nextjs-cors src/index.ts @ 65165c3: NextCors(req, res, options) runs the cors package
//                (expressjs/cors v2.8.5 lib/index.js) with `options`;
//   @tinyhttp/cors  tinyhttp/tinyhttp packages/cors/src/index.ts @ 0bb55fe: origin default '*', `true` sends '*',
//                an array containing '*' echoes every request Origin, credentials default false;
//   oakCors      tajpouria/cors cors.ts @ 15a9d1a (deno.land/x/cors): a port of the cors package — origin '*' by
//                default, `true` echoes (isOriginAllowed: `!!allowedOrigin`), list entries compared exactly.
// micro-cors, oRPC's CORSPlugin and Effect's HttpMiddleware.cors have test files of their own
// (adapters-micro-cors, adapters-orpc, adapters-effect).
import { ruleTester } from './rule-tester.mjs';

const next = "import NextCors from 'nextjs-cors';\n\nexport default async function handler(req, res) {\n";
const tiny = "import { App } from '@tinyhttp/app';\nimport { cors } from '@tinyhttp/cors';\n\nconst app = new App();\n";
const oak = "import { Application } from 'https://deno.land/x/oak/mod.ts';\nimport { oakCors } from 'https://deno.land/x/cors/mod.ts';\n\nconst app = new Application();\n";

ruleTester('reflected-origin', {
  valid: [
    { name: 'nextjs-cors with an allowlist', filename: 'pages/api/x.ts', code: `${next}  await NextCors(req, res, { origin: ['https://app.example.com'], credentials: true });\n  res.json({ ok: true });\n}` },
    { name: '@tinyhttp/cors origin: true sends * (not an echo)', code: `${tiny}app.use(cors({ origin: true }));` },
  ],
  invalid: [
    {
      name: 'nextjs-cors origin: true with credentials',
      filename: 'pages/api/x.ts',
      code: `${next}  await NextCors(req, res, { origin: true, credentials: true, methods: ['GET', 'POST'] });\n  res.json({ ok: true });\n}`,
      errors: [{
        line: 4, column: 30, text: 'origin: true', severity: 'error',
        message: "nextjs-cors: `origin: true` echoes the request Origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [{ output: `import NextCors from 'nextjs-cors';\n\nconst allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\nexport default async function handler(req, res) {\n  await NextCors(req, res, { origin: allowedOrigins, credentials: true, methods: ['GET', 'POST'] });\n  res.json({ ok: true });\n}` }],
      }],
    },
    {
      name: "@tinyhttp/cors: a list containing '*' echoes every Origin",
      code: `${tiny}app.use(cors({ origin: ['https://app.example.com', '*'], credentials: true }));`,
      errors: [{ text: "origin: ['https://app.example.com', '*']", severity: 'error', message: "@tinyhttp/cors echoes the request Origin for an origin list that contains '*', and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins." }],
    },
    {
      name: 'oakCors origin: true with credentials',
      code: `${oak}app.use(oakCors({ origin: true, credentials: true }));`,
      errors: [{ line: 5, column: 19, text: 'origin: true', severity: 'error', message: "oakCors: `origin: true` echoes the request Origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins." }],
    },
  ],
});

ruleTester('permissive-wildcard', {
  invalid: [
    { name: 'NextCors(req, res) uses the cors default *', filename: 'pages/api/x.ts', code: `${next}  await NextCors(req, res);\n  res.json({ ok: true });\n}`, errors: [{ text: 'NextCors(req, res)', severity: 'info', message: /^NextCors with no origin option allows any origin \(cors package default\)/ }] },
    { name: '@tinyhttp/cors origin: true', code: `${tiny}app.use(cors({ origin: true }));`, errors: [{ text: 'origin: true', severity: 'info', message: /^@tinyhttp\/cors `origin: true` sends \*/ }] },
  ],
});

ruleTester('invalid-origin', {
  invalid: [{
    name: "oakCors origin ['*'] matches nothing",
    code: "import { oakCors } from 'https://deno.land/x/cors@v1.2.2/mod.ts';\napp.use(oakCors({ origin: ['*'] }));",
    errors: [{ text: "'*'", message: /^The allowed origin '\*' can never match: oakCors compares/ }],
  }],
});
