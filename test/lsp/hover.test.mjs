import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CASES } from './cases.mjs';
import { engine, nextDiagnostics, offsetAt, openDocument, rangeOf, rangeOfText, startServer, tempWorkspace } from './helpers.mjs';

test('hover: a CORS header write shows the policy it grants', async (t) => {
  const ws = tempWorkspace(t);
  const client = await startServer(t, { workspace: ws });
  const text = RULE_CASES['null-origin'];
  const uri = ws.fileUri('hover.js');
  openDocument(client, uri, text);
  await nextDiagnostics(client, uri);

  const position = rangeOfText(text, 'setHeader').start;
  const offset = offsetAt(text, position);
  const policies = engine.analyzeFile(text, ws.path('hover.js')).policies.filter((p) => p.start <= offset && offset <= p.end);
  assert.ok(policies.length > 0, 'the engine reports a policy for the header write');
  const policy = policies.sort((a, b) => a.end - a.start - (b.end - b.start))[0];

  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position });
  assert.deepEqual(hover, { contents: { kind: 'markdown', value: engine.describePolicy(policy) }, range: rangeOf(text, policy.start, policy.end) });
  assert.match(hover.contents.value, /CORS policy/);
  assert.match(hover.contents.value, /null/);

  const outside = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
  assert.equal(outside, null);
});
