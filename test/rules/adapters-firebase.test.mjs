// Firebase Functions, as read from firebase/firebase-functions v6.6.0: src/v2/providers/https.ts (onRequest
// wraps the handler in `cors({ origin: opts.cors })` when the options have a `cors` key; onCall defaults
// `cors` to true) and src/v1/providers/https.ts (v1 onCall: `cors: { origin: true, methods: "POST" }`).
import { ruleTester } from './rule-tester.mjs';

const v2 = "import { onCall, onRequest } from 'firebase-functions/v2/https';\n\n";

ruleTester('reflected-origin', {
  valid: [
    { name: 'onRequest without cors sends no CORS headers', code: `${v2}export const api = onRequest((req, res) => {\n  res.json({ ok: true });\n});` },
    { name: 'onRequest with an origin list', code: `${v2}export const api = onRequest({ cors: ['https://app.example.com', /\\.example\\.com$/] }, (req, res) => {\n  res.json({ ok: true });\n});` },
    { name: 'onCall with cors: [origin]', code: `${v2}export const add = onCall({ cors: ['https://app.example.com'] }, (request) => 1);` },
    { name: 'onCall with cors: false', code: `${v2}export const add = onCall({ cors: false }, (request) => 1);` },
    { name: 'an onRequest that is not Firebase', code: "import { onRequest } from './hooks';\nonRequest({ cors: true }, () => {});" },
  ],
  invalid: [
    {
      name: 'onRequest({ cors: true }) echoes every Origin',
      code: `${v2}export const api = onRequest({ cors: true, region: 'europe-west1' }, (req, res) => {\n  res.json({ ok: true });\n});`,
      errors: [{
        line: 3, column: 32, text: 'cors: true', severity: 'warning',
        message: "Firebase onRequest `cors: true` echoes the request Origin, so any website can read responses (without credentials this equals '*'). List the allowed origins.",
        suggestions: [{ output: `${v2}const allowedOrigins = ['https://app.example.com'];\n\nexport const api = onRequest({ cors: allowedOrigins, region: 'europe-west1' }, (req, res) => {\n  res.json({ ok: true });\n});` }],
      }],
    },
    {
      name: 'onCall echoes every Origin by default; the fix adds the cors option',
      code: `${v2}export const add = onCall((request) => request.data.a + request.data.b);`,
      errors: [{
        line: 3, column: 20, endColumn: 26, text: 'onCall', severity: 'warning',
        message: "Firebase onCall with no cors option echoes the request Origin (firebase-functions default `cors: true`), so any website can read responses (without credentials this equals '*'). List the allowed origins.",
        suggestions: [{ output: `${v2}const allowedOrigins = ['https://app.example.com'];\n\nexport const add = onCall({ cors: allowedOrigins }, (request) => request.data.a + request.data.b);` }],
      }],
    },
    {
      name: 'onCall with other options',
      code: `${v2}export const add = onCall({ enforceAppCheck: true }, (request) => 1);`,
      errors: [{ text: 'onCall', severity: 'warning', suggestions: [{ output: `${v2}const allowedOrigins = ['https://app.example.com'];\n\nexport const add = onCall({ cors: allowedOrigins, enforceAppCheck: true }, (request) => 1);` }] }],
    },
    {
      name: 'v1 functions.https.onCall always echoes (no cors option to offer)',
      filename: 'index.js',
      code: "const functions = require('firebase-functions/v1');\n\nexports.add = functions.https.onCall((data, context) => data.a + data.b);",
      errors: [{ line: 3, text: 'onCall', severity: 'warning', suggestions: [] }],
    },
  ],
});
