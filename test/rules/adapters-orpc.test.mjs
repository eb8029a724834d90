// oRPC's CORS plugin, read from unnoq/orpc packages/server/src/plugins/cors.ts (@orpc/server 1.0.0–1.13.14,
// eaadb5f): default `origin: origin => origin` (every request Origin echoed), credentials off unless
// `credentials: true`; a string or array (or a function's result) that contains '*' sends '*', otherwise the
// Origin is echoed when the array includes it exactly (with Vary: origin); OPTIONS answered with 204.
import { ruleTester } from './rule-tester.mjs';

const head = "import { RPCHandler } from '@orpc/server/fetch';\nimport { CORSPlugin } from '@orpc/server/plugins';\n\n";
const placeholder = "const allowedOrigins = ['https://app.example.com']; // placeholder: replace with the origins you trust\n\n";

ruleTester('reflected-origin', {
  valid: [
    { name: 'an exact list', code: `${head}const handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: ['https://app.example.com'], credentials: true })] });` },
    { name: 'a function that returns the origin only when listed', code: `${head}const allowed = ['https://app.example.com'];\nconst handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: (origin) => (allowed.includes(origin) ? origin : null), credentials: true })] });` },
    { name: 'a CORSPlugin class of the project is not oRPC', code: "import { CORSPlugin } from './plugins';\n\nconst handler = new RPCHandler(router, { plugins: [new CORSPlugin()] });" },
  ],
  invalid: [
    {
      name: 'new CORSPlugin() echoes every Origin (no credentials: warning)',
      code: `${head}const handler = new RPCHandler(router, { plugins: [new CORSPlugin()] });`,
      errors: [{
        line: 4, column: 52, endColumn: 68, text: 'new CORSPlugin()', severity: 'warning',
        message: "oRPC CORSPlugin with no origin option echoes the request Origin, so any website can read responses (without credentials this equals '*'). List the allowed origins.",
        suggestions: [{ output: `${head}${placeholder}const handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: allowedOrigins })] });` }],
      }],
    },
    {
      name: 'the default echo with credentials: true',
      code: `${head}const handler = new RPCHandler(router, {\n  plugins: [new CORSPlugin({ allowMethods: ['GET', 'POST'], credentials: true })],\n});`,
      errors: [{
        line: 5, column: 13, text: "new CORSPlugin({ allowMethods: ['GET', 'POST'], credentials: true })", severity: 'error',
        message: "oRPC CORSPlugin with no origin option echoes the request Origin, and credentials are allowed, so any website can read responses with the user's cookies. List the allowed origins.",
        suggestions: [{ output: `${head}${placeholder}const handler = new RPCHandler(router, {\n  plugins: [new CORSPlugin({ origin: allowedOrigins, allowMethods: ['GET', 'POST'], credentials: true })],\n});` }],
      }],
    },
    {
      name: 'an origin function that returns the origin as is',
      code: `${head}const handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: (origin) => origin, credentials: true })] });`,
      errors: [{ line: 4, column: 69, text: 'origin: (origin) => origin', severity: 'error', message: /^oRPC CORSPlugin: its origin callback approves every origin, and credentials are allowed/ }],
    },
  ],
});

ruleTester('wildcard-with-credentials', {
  invalid: [{
    name: "a list that contains '*' sends '*' (browsers reject it with credentials)",
    code: `${head}const handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: ['https://app.example.com', '*'], credentials: true })] });`,
    errors: [{
      line: 4, column: 105, text: "'*'", severity: 'error',
      message: "oRPC CORSPlugin allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.",
      suggestions: [
        { output: `${head}${placeholder}const handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: allowedOrigins, credentials: true })] });` },
        { output: `${head}const handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: ['https://app.example.com', '*'] })] });` },
      ],
    }],
  }],
});

ruleTester('weak-origin-check', {
  invalid: [{
    name: 'a suffix test in the origin function',
    code: `${head}const handler = new RPCHandler(router, { plugins: [new CORSPlugin({ origin: (origin) => (origin.endsWith('example.com') ? origin : null), credentials: true })] });`,
    errors: [{ text: "origin.endsWith('example.com')", severity: 'error', message: /^Weak origin check: https:\/\/evilexample\.com passes/ }],
  }],
});
