// Effect's HttpMiddleware.cors (and HttpApiBuilder.middlewareCors, which applies it), read from
// Effect-TS/effect packages/platform/src/internal/httpMiddleware.ts at @effect/platform 0.97.1 (arrays read
// the same since 0.58.4, predicates since 0.91.1): allowedOrigins [] (the default) sends '*'; one entry is
// sent as is (['*'] sends '*'); several are compared with the request Origin exactly (a '*' among them
// matches nothing); a predicate decides; credentials default false and are added to whatever is sent.
import { ruleTester } from './rule-tester.mjs';

const head = "import { HttpApiBuilder, HttpMiddleware } from '@effect/platform';\n\n";
const placeholder = "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\n";

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'several exact origins with credentials', code: `${head}const cors = HttpMiddleware.cors({ allowedOrigins: ['https://a.example.com', 'https://b.example.com'], credentials: true });` },
    { name: 'one origin with credentials', code: `${head}const cors = HttpMiddleware.cors({ allowedOrigins: ['https://a.example.com'], credentials: true });` },
    { name: 'another module with a cors method', code: "import * as HttpMiddleware from './http';\n\nconst cors = HttpMiddleware.cors({ credentials: true });" },
  ],
  invalid: [
    {
      name: "the default allowedOrigins sends '*'",
      code: `${head}const cors = HttpMiddleware.cors({ credentials: true });`,
      errors: [{
        line: 3, column: 36, text: 'credentials: true', severity: 'error',
        message: "Effect HttpMiddleware.cors allows any origin (Effect HttpMiddleware.cors with no allowedOrigins sends *) together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.",
        suggestions: [
          { output: `${head}${placeholder}const cors = HttpMiddleware.cors({ allowedOrigins: allowedOrigins, credentials: true });` },
          { output: `${head}const cors = HttpMiddleware.cors({});` },
        ],
      }],
    },
    {
      name: "['*'] alone is sent as '*'; namespace import of the module",
      code: "import * as HttpMiddleware from '@effect/platform/HttpMiddleware';\n\nconst cors = HttpMiddleware.cors({ allowedOrigins: ['*'], credentials: true });",
      errors: [{ line: 3, column: 53, text: "'*'", severity: 'error' }],
    },
  ],
});

ruleTester('invalid-origin', {
  invalid: [{
    name: "'*' among several origins matches nothing",
    code: `${head}const cors = HttpMiddleware.cors({ allowedOrigins: ['https://a.example.com', '*'] });`,
    errors: [{ line: 3, column: 78, text: "'*'", severity: 'error', message: "The allowed origin '*' can never match: Effect HttpMiddleware.cors compares a list of several allowedOrigins with the request Origin as text, so '*' matches no origin (only ['*'] alone sends *). Browsers will block these cross-origin requests." }],
    output: `${head}const cors = HttpMiddleware.cors({ allowedOrigins: ['https://a.example.com'] });`,
  }],
});

ruleTester('reflected-origin', {
  invalid: [{
    name: 'a predicate that approves every origin (HttpApiBuilder.middlewareCors)',
    code: `${head}const CorsLive = HttpApiBuilder.middlewareCors({ allowedOrigins: () => true, credentials: true });`,
    errors: [{
      line: 3, column: 50, text: 'allowedOrigins: () => true', severity: 'error',
      message: "Effect HttpApiBuilder.middlewareCors: its origin callback approves every origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins.",
      suggestions: [{ output: `${head}${placeholder}const CorsLive = HttpApiBuilder.middlewareCors({ allowedOrigins: allowedOrigins, credentials: true });` }],
    }],
  }],
});

ruleTester('weak-origin-check', {
  invalid: [{
    name: 'a suffix predicate',
    code: `${head}const cors = HttpMiddleware.cors({ allowedOrigins: (origin) => origin.endsWith('example.com'), credentials: true });`,
    errors: [{ text: "origin.endsWith('example.com')", severity: 'error', message: /^Weak origin check: https:\/\/evilexample\.com passes \(suffix match\)/ }],
  }],
});

ruleTester('permissive-wildcard', {
  invalid: [{
    name: 'HttpMiddleware.cors() sends * to everyone',
    code: `${head}const app = router.pipe(HttpMiddleware.cors());`,
    errors: [{ line: 3, column: 25, text: 'HttpMiddleware.cors()', severity: 'info', message: /^Effect HttpMiddleware\.cors with no allowedOrigins sends \*: every website can read these responses\./ }],
  }],
});
