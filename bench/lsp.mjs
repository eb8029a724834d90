// Language-server latency and memory, client-observed over stdio: didChange → publishDiagnostics on a
// 300-line and a 5,000-line file, a codeAction request, the first diagnostics after start, and the
// server's peak RSS after opening many corpus files.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/lsp/client.mjs';
import { sampleFile } from './keystroke-file.mjs';
import { stats } from './stats.mjs';

const capabilities = {
  textDocument: { synchronization: { didSave: true }, publishDiagnostics: { relatedInformation: true, versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024);
}

export async function measureServer(files) {
  const client = LspClient.spawn();
  try {
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
    client.notify('initialized', {});
    const open = async (uri, text) => {
      const since = client.mark();
      const t = performance.now();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
      await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, { since, timeout: 30_000 });
      return performance.now() - t;
    };
    const firstDiagnosticsMs = await open('file:///bench/first.js', sampleFile(300));

    const typing = async (uri, lines, count) => {
      let text = sampleFile(lines);
      await open(uri, text);
      const samples = [];
      // Type a character inside a route near the middle, then delete that character again.
      const at = text.indexOf('res.json({ ...item', Math.floor(text.length / 2));
      for (let version = 2; version < count + 2; version++) {
        const insert = version % 2 === 0;
        text = insert ? `${text.slice(0, at)}x${text.slice(at)}` : `${text.slice(0, at)}${text.slice(at + 1)}`;
        const position = positionAt(text, at);
        const change = insert
          ? { range: { start: position, end: position }, text: 'x' }
          : { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: '' };
        const since = client.mark();
        const t = performance.now();
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, { since, timeout: 30_000 });
        samples.push(performance.now() - t);
      }
      return { samples: stats(samples), text };
    };
    const small = await typing('file:///bench/small.js', 300, 40);
    const large = await typing('file:///bench/large.js', 5000, 40);

    const actions = [];
    const line = large.text.split('\n').findIndex((l) => l.includes('Access-Control-Allow-Origin'));
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      await client.request('textDocument/codeAction', {
        textDocument: { uri: 'file:///bench/large.js' },
        range: { start: { line, character: 0 }, end: { line, character: 200 } },
        context: { diagnostics: [] },
      });
      actions.push(performance.now() - t);
    }

    const many = files.slice(0, 200);
    for (const file of many) await open(pathToFileURL(file).href, readFileSync(file, 'utf8'));
    const rssAfterOpenMb = rssOf(client.child.pid);
    return { firstDiagnosticsMs, small: small.samples, large: large.samples, codeAction: stats(actions), opened: many.length, rssAfterOpenMb };
  } finally {
    await client.shutdown();
  }
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
