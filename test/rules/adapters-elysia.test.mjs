// @elysiajs/cors, as read from elysiajs/elysia-cors src/index.ts at 1.4.2 (and 1.2.0 / 1.3.0 / 1.3.1 for
// the origin-string matching): defaults `origin = true` (echo the request Origin) and `credentials = true`;
// '*' sends '*'; a scheme-less string is compared with the Origin's host whatever the scheme (1.3.1+),
// and as a substring of the Origin before 1.3.1 (`from.includes(origin)`, fixed by 9b9eb92).
import { ruleTester } from './rule-tester.mjs';

const head = "import { Elysia } from 'elysia';\nimport { cors } from '@elysiajs/cors';\n\n";
const version = (v) => ({ name: `@elysiajs/cors ${v}`, resolveModule: () => undefined, readFile: () => undefined, importersOf: () => undefined, envValues: () => [], packageVersion: (n) => (n === '@elysiajs/cors' ? { version: v, exact: true, file: '/app/bun.lock' } : undefined) });

ruleTester('reflected-origin', {
  valid: [
    { name: 'an exact origin list', code: `${head}new Elysia().use(cors({ origin: ['https://app.example.com'] })).listen(3000);` },
    { name: 'origin: false sends nothing', code: `${head}new Elysia().use(cors({ origin: false })).listen(3000);` },
  ],
  invalid: [
    {
      name: 'cors() echoes every Origin with credentials',
      code: `${head}new Elysia().use(cors()).get('/', () => 'hi').listen(3000);`,
      errors: [{
        line: 4, column: 18, endColumn: 24, text: 'cors()', severity: 'error',
        message: "@elysiajs/cors with no origin option echoes the request Origin with credentials (on by default), so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [
          { output: `${head}const allowedOrigins = ['https://app.example.com'];\n\nnew Elysia().use(cors({ origin: allowedOrigins })).get('/', () => 'hi').listen(3000);` },
          { title: /Turn credentials off \(@elysiajs\/cors sends them by default\)/, output: `${head}new Elysia().use(cors({ credentials: false })).get('/', () => 'hi').listen(3000);` },
        ],
      }],
    },
    {
      name: 'origin: true with credentials: true',
      code: `${head}new Elysia().use(cors({ origin: true, credentials: true })).listen(3000);`,
      errors: [{
        text: 'origin: true', severity: 'error',
        message: "@elysiajs/cors `origin: true` echoes the request Origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [
          { output: `${head}const allowedOrigins = ['https://app.example.com'];\n\nnew Elysia().use(cors({ origin: allowedOrigins, credentials: true })).listen(3000);` },
          { output: `${head}new Elysia().use(cors({ origin: true, credentials: false })).listen(3000);` },
        ],
      }],
    },
  ],
});

ruleTester('wildcard-with-credentials', {
  valid: [{ name: "'*' with credentials: false is public", code: `${head}new Elysia().use(cors({ origin: '*', credentials: false })).listen(3000);` }],
  invalid: [{
    name: "origin '*' with the default credentials: browsers reject it; the fix adds credentials: false",
    code: `${head}new Elysia().use(cors({ origin: '*' })).listen(3000);`,
    errors: [{
      text: "'*'", severity: 'error',
      message: "@elysiajs/cors allows any origin ('*') together with credentials: true (its default); it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.",
      suggestions: [
        { output: `${head}const allowedOrigins = ['https://app.example.com'];\n\nnew Elysia().use(cors({ origin: allowedOrigins })).listen(3000);` },
        { title: /Turn credentials off/, output: `${head}new Elysia().use(cors({ credentials: false, origin: '*' })).listen(3000);` },
      ],
    }],
  }],
});

ruleTester('invalid-origin', {
  valid: [
    { name: "a scheme-less host is valid for @elysiajs/cors (matched with any scheme)", code: `${head}new Elysia().use(cors({ origin: ['example.org'] })).listen(3000);` },
  ],
});

ruleTester('weak-origin-check', {
  valid: [
    { name: 'scheme-less host on 1.3.1+: compared exactly', code: `${head}new Elysia().use(cors({ origin: 'example.com' })).listen(3000);`, host: version('1.3.1') },
    { name: 'scheme-less host, version unknown: current behaviour', code: `${head}new Elysia().use(cors({ origin: 'example.com' })).listen(3000);` },
  ],
  invalid: [{
    name: 'scheme-less host before 1.3.1 is a substring match',
    code: `${head}new Elysia().use(cors({ origin: 'example.com' })).listen(3000);`,
    host: version('1.2.0'),
    errors: [{
      text: "'example.com'", severity: 'error',
      message: "Weak origin check: @elysiajs/cors 1.2.0 matches 'example.com' anywhere in the request Origin, so https://example.com.attacker.example passes (fixed in 1.3.1, which compares the host exactly). Credentials are allowed, so that site can read users' data. Compare against exact origins or an anchored, escaped pattern.",
      suggestions: [{ output: `${head}new Elysia().use(cors({ origin: 'https://example.com' })).listen(3000);` }],
    }],
  }],
});
