// Shared pieces of the protocol tests: a started server, documents, UTF-16 position arithmetic written
// independently of the server's, edit application, and the engine's own answer for comparison.
import { mkdtempSync, readFileSync, rmSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client.mjs';

const require = createRequire(import.meta.url);
/** The engine bundle (dist/core.js), the source of truth for messages and fixes. */
export const engine = require('../../dist/core.js');

export const RULE_DOCS = (id) => engine.ruleDocsUrl(id);

/** Capabilities of a push-only client (like Neovim 0.7 and Emacs eglot). */
export function pushCapabilities({ documentChanges = true } = {}) {
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges },
      workspaceFolders: true,
    },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
    window: { showDocument: { support: true } },
  };
}

/** Capabilities of a pull-diagnostics client (like VS Code). */
export function pullCapabilities() {
  const capabilities = pushCapabilities();
  capabilities.textDocument.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  capabilities.workspace.diagnostics = { refreshSupport: true };
  return capabilities;
}

/** A temporary workspace folder (real path, so URIs match what the server computes). */
export function tempWorkspace(t) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'cors-lint-lsp-')));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, uri: pathToFileURL(dir).href, fileUri: (name) => pathToFileURL(join(dir, name)).href, path: (name) => join(dir, name) };
}

/**
 * Spawns dist/server.js --stdio, initializes it and returns the client; shut down after the test.
 * `settings` answers workspace/configuration for the `corsLint` section.
 */
export async function startServer(t, { capabilities = pushCapabilities(), workspace, settings = {}, env, initializationOptions } = {}) {
  const client = LspClient.spawn({ env });
  client.settings = settings;
  t.after(() => client.shutdown());
  const init = await client.request('initialize', {
    processId: process.pid,
    rootUri: workspace?.uri ?? null,
    workspaceFolders: workspace ? [{ uri: workspace.uri, name: 'ws' }] : null,
    capabilities,
    initializationOptions,
  });
  client.notify('initialized', {});
  client.initializeResult = init;
  return client;
}

export function openDocument(client, uri, text, { languageId = 'javascript', version = 1 } = {}) {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

/** The next publishDiagnostics for `uri` (optionally of one version) after index `since`. */
export function nextDiagnostics(client, uri, { since = 0, version, timeout } = {}) {
  return client.waitFor(
    'textDocument/publishDiagnostics',
    (p) => p.uri === uri && (version === undefined || p.version === version),
    { since, timeout },
  );
}

/** UTF-16 position of `offset`, computed here without the server's TextDocument. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export function offsetAt(text, position) {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  return offset + position.character;
}

export function rangeOf(text, start, end) {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

/** The range of the `occurrence`-th (0-based) occurrence of `needle` in `text`. */
export function rangeOfText(text, needle, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found ${occurrence + 1} times`);
  }
  return rangeOf(text, at, at + needle.length);
}

/** Applies LSP TextEdits (UTF-16 ranges) to `text`. */
export function applyTextEdits(text, edits) {
  const resolved = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  resolved.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The edits of a WorkspaceEdit for `uri`, whether sent as `documentChanges` or `changes`. */
export function editsFor(edit, uri) {
  if (!edit) return [];
  if (edit.documentChanges) return edit.documentChanges.filter((c) => c.textDocument?.uri === uri).flatMap((c) => c.edits);
  return edit.changes?.[uri] ?? [];
}

export function applyWorkspaceEdit(text, uri, edit) {
  return applyTextEdits(text, editsFor(edit, uri));
}

/**
 * What the server must publish for `text`: the engine's findings converted independently. `projectRoot`:
 * analysed with a project host over that folder (dist/project.js), as the server and the audit do.
 */
export function expectedDiagnostics(text, fileName, uri, config, { projectRoot } = {}) {
  const host = projectRoot ? new (require('../../dist/project.js').Project)({ roots: [projectRoot] }).hostFor() : undefined;
  const result = engine.analyzeFile(text, fileName, config, { host });
  const severity = { error: 1, warning: 2, info: 3 };
  return result.findings.map((f) => {
    const d = {
      range: rangeOf(text, f.start, f.end),
      severity: severity[f.severity],
      code: f.ruleId,
      codeDescription: { href: engine.ruleDocsUrl(f.ruleId) },
      source: 'cors-lint',
      message: f.message,
    };
    if (f.related.length > 0) {
      d.relatedInformation = f.related.map((r) => {
        if (r.file === undefined) return { location: { uri, range: rangeOf(text, r.start, r.end) }, message: r.message };
        const other = readFileSync(r.file, 'utf8');
        return { location: { uri: pathToFileURL(r.file).href, range: rangeOf(other, r.start, r.end) }, message: r.message };
      });
    }
    if (f.ruleId === engine.UNUSED_DIRECTIVE_ID) d.tags = [1];
    return d;
  });
}

/** Code actions for `range` with the server's own diagnostics of that range as context. */
export function codeActions(client, uri, range, { diagnostics = [], only } = {}) {
  return client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}
