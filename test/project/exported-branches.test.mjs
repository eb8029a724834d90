// Exported options assigned in branches (issue 12, items 5 and 7): `let corsOptions; if (isDev)
// corsOptions = {…}; else corsOptions = {…}; module.exports = corsOptions`. Each object the binding is
// given is analysed as options in the module that writes it, under its branch's condition (a
// development-only permissive setting is information), with related information to where it is applied;
// the applying module does not repeat it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeProject, shown } from '../helpers/memory-host.mjs';

function seen(files, file) {
  const result = analyzeProject(files, file);
  assert.deepEqual(result.internalErrors, []);
  return shown(result, files, file).map((f) => [f.rule, f.severity, f.line, f.text, f.message, f.related]);
}

const APP = "const cors = require('cors');\nconst corsOptions = require('./config/cors');\napp.use(cors(corsOptions));\n";

test('if/else branches: each object is checked under its condition, where it is written', () => {
  const files = {
    'config/cors.js': "const isDev = process.env.NODE_ENV !== 'production';\nlet corsOptions;\nif (isDev) corsOptions = { origin: '*' };\nelse corsOptions = { origin: ['https://a.com/'], credentials: true };\nmodule.exports = corsOptions;\n",
    'app.js': APP,
  };
  assert.deepEqual(seen(files, 'config/cors.js'), [
    ['permissive-wildcard', 'info', 3, "'*'", "Outside production: cors allows origin '*': every website can read these responses. Right for public data; otherwise list the allowed origins.", ['app.js:3 corsOptions — Applied here (cors).']],
    ['invalid-origin', 'error', 4, "'https://a.com/'", "In production: The allowed origin 'https://a.com/' can never match: it ends with a slash, but an Origin header never does. Browsers will block these cross-origin requests.", ['app.js:3 corsOptions — Applied here (cors).']],
  ]);
  assert.deepEqual(seen(files, 'app.js'), []);
});

test('a development-only branch alone, and an initializer replaced in development', () => {
  const only = {
    'config/cors.js': "const isDev = process.env.NODE_ENV !== 'production';\nlet corsOptions;\nif (isDev) corsOptions = { origin: true, credentials: true };\nmodule.exports = corsOptions;\n",
    'app.js': APP,
  };
  assert.deepEqual(seen(only, 'config/cors.js').map(([rule, severity, line, text]) => [rule, severity, line, text]), [['reflected-origin', 'info', 3, 'origin: true']]);
  assert.deepEqual(seen(only, 'app.js'), []);
  // Never applied in the project: options-looking objects are still read (item 7).
  const replaced = {
    'config/cors.ts': "import cors from 'cors';\nlet corsOptions = { origin: ['https://a.com'], credentials: true };\nif (process.env.NODE_ENV === 'development') corsOptions = { origin: '*', credentials: true };\nexport default corsOptions;\n",
  };
  assert.deepEqual(seen(replaced, 'config/cors.ts'), [
    ['wildcard-with-credentials', 'info', 3, "'*'", "In development: cors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. List the allowed origins instead.", ['config/cors.ts:3 credentials: true — Credentials are allowed here.']],
  ]);
});

test('a binding given something other than object literals is left to the value evaluator (no guess)', () => {
  const files = {
    'config/cors.js': "const base = require('./base');\nlet corsOptions;\nif (process.env.NODE_ENV === 'development') corsOptions = { origin: '*' };\nelse corsOptions = base.options;\nmodule.exports = corsOptions;\n",
    'app.js': APP,
  };
  assert.deepEqual(seen(files, 'config/cors.js'), []);
});
