// The language server with framework semantics that read other project files (issue 13): Nuxt's
// useRuntimeConfig() values come from nuxt.config, so a change there re-analyses the open route; the upgrade
// of a vulnerable library version is a code action whose WorkspaceEdit changes package.json.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { codeActions, editsFor, applyTextEdits, nextDiagnostics, openDocument, startServer, tempWorkspace } from './helpers.mjs';

const CHANGED = 2;

test('Nuxt: a route reading useRuntimeConfig() is re-analysed when nuxt.config.ts changes on disk', async (t) => {
  const ws = tempWorkspace(t);
  const route = "export default defineEventHandler((event) => {\n  if (handleCors(event, { origin: useRuntimeConfig(event).corsOrigin, credentials: true })) return;\n  return { ok: true };\n});\n";
  writeFileSync(ws.path('package.json'), '{ "name": "shop", "dependencies": { "nuxt": "^3.13.0" } }\n');
  writeFileSync(ws.path('nuxt.config.ts'), "export default defineNuxtConfig({\n  runtimeConfig: { corsOrigin: '*' },\n});\n");
  mkdirSync(ws.path('server/api'), { recursive: true });
  writeFileSync(ws.path('server/api/me.get.ts'), route);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('server/api/me.get.ts');
  openDocument(client, uri, route, { languageId: 'typescript' });
  const first = await nextDiagnostics(client, uri);
  assert.deepEqual(first.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message.slice(0, 63)]), [
    ['wildcard-with-credentials', 1, 34, 'When NUXT_CORS_ORIGIN is unset: h3 handleCors allows any origin'],
  ]);

  const since = client.mark();
  writeFileSync(ws.path('nuxt.config.ts'), "export default defineNuxtConfig({\n  runtimeConfig: { corsOrigin: 'https://shop.example.com' },\n});\n");
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.fileUri('nuxt.config.ts'), type: CHANGED }] });
  const after = await nextDiagnostics(client, uri, { since });
  assert.deepEqual(after.diagnostics, []);
});

test('@koa/cors ^4.0.0: the upgrade code action edits package.json (an unopened file, null version)', async (t) => {
  const ws = tempWorkspace(t);
  const manifest = '{\n  "name": "api",\n  "dependencies": {\n    "@koa/cors": "^4.0.0"\n  }\n}\n';
  const server = "const Koa = require('koa');\nconst cors = require('@koa/cors');\n\nconst app = new Koa();\napp.use(cors());\n";
  writeFileSync(ws.path('package.json'), manifest);
  writeFileSync(ws.path('server.js'), server);
  const client = await startServer(t, { workspace: ws });
  const uri = ws.fileUri('server.js');
  openDocument(client, uri, server);
  const { diagnostics } = await nextDiagnostics(client, uri);
  const finding = diagnostics.find((d) => d.code === 'reflected-origin');
  assert.ok(finding, JSON.stringify(diagnostics));
  const actions = await codeActions(client, uri, finding.range, { diagnostics: [finding] });
  const upgrade = actions.find((a) => a.title === 'Upgrade @koa/cors to 5.0.0 in package.json');
  assert.ok(upgrade, actions.map((a) => a.title).join(' | '));
  assert.equal(upgrade.isPreferred ?? false, false, 'a suggestion is never preferred');
  const manifestUri = ws.fileUri('package.json');
  assert.deepEqual(upgrade.edit.documentChanges.map((c) => [c.textDocument.uri, c.textDocument.version]), [[manifestUri, null]]);
  assert.equal(applyTextEdits(readFileSync(ws.path('package.json'), 'utf8'), editsFor(upgrade.edit, manifestUri)), manifest.replace('^4.0.0', '^5.0.0'));
});
