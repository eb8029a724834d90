// Generated bundles (one long minified line, a source map comment, hundreds of KB) are analysed like any
// other file: the engine never skips a file for looking generated (issue 16, item 3). Only the CLI's
// --max-file-size skips, and it says so (skippedFiles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile } from '../../dist/core.js';

/** A minified bundle of about `size` characters with `insert` after the middle of its module functions. */
function generatedBundle(size, insert) {
  const modules = [];
  for (let i = 0, length = 0; length < size; i++) {
    const fn = `function m${i}(e,t){var n=e.a${i}||{};return t.push(n.b),n.c===${i}?Object.keys(n):[]}`;
    modules.push(fn);
    length += fn.length + 1;
  }
  modules.splice(modules.length >> 1, 0, insert);
  return `(()=>{"use strict";${modules.join(';')};module.exports={handle}})();\n//# sourceMappingURL=server.js.map\n`;
}

test('a 600 KB generated bundle is analysed, and its CORS mistake is reported where it is written', () => {
  const handler = 'function handle(req,res){res.setHeader("Access-Control-Allow-Origin",req.headers.origin);res.setHeader("Access-Control-Allow-Credentials","true");res.end()}';
  const code = generatedBundle(600_000, handler);
  assert.ok(code.length > 600_000 && code.indexOf('\n') > 600_000, 'one line of over 600 KB');
  const result = analyzeFile(code, 'dist/server.js');
  assert.equal(result.skipped, false);
  assert.deepEqual(result.internalErrors, []);
  const reflected = code.indexOf('req.headers.origin');
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.start, f.end]), [['reflected-origin', reflected, reflected + 'req.headers.origin'.length]]);
});

test('a generated bundle without CORS code is dropped by the prefilter, not by its size or shape', () => {
  const code = generatedBundle(600_000, 'function handle(req,res){res.setHeader("Content-Type","text/plain");res.end()}');
  assert.equal(analyzeFile(code, 'dist/server.js').skipped, true);
  // The same bundle with one header name in it is analysed.
  const named = code.replace('"Content-Type"', '"Access-Control-Allow-Methods"');
  assert.equal(analyzeFile(named, 'dist/server.js').skipped, false);
});
