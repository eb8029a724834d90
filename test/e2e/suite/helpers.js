// Shared helpers of the in-host E2E suite. Every wait is an event or a poll with a timeout, never a
// fixed sleep: diagnostics reach vscode.languages before the workbench's markers, and the first code
// action request after a change can come back empty.
// `npm test` (node --test test/) runs every file under test/; this one needs VS Code's extension host.
if (process.env.NODE_TEST_CONTEXT) return;
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'cors-lint.cors-lint';
const SOURCE = 'cors-lint';
const DEFAULT_TIMEOUT = 15000;

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('the E2E suite needs the fixture workspace (test/e2e/workspace) open as a folder');
  return folder.uri.fsPath;
}

function fixturePath(rel) {
  return path.join(workspaceRoot(), rel);
}

function fixtureUri(rel) {
  return vscode.Uri.file(fixturePath(rel));
}

/**
 * Polls `probe` (sync or async) until it returns a truthy value, which it resolves with. Also re-polls at
 * once on diagnostics changes, so most waits end on the event rather than on the poll interval.
 */
function waitFor(probe, description, timeout = DEFAULT_TIMEOUT) {
  return new Promise((resolve, reject) => {
    let done = false;
    let last;
    let running = false;
    let again = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearInterval(interval);
      clearTimeout(timer);
      subscription.dispose();
      if (error) reject(error);
      else resolve(value);
    };
    const check = async () => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const value = await probe();
        if (value) finish(undefined, value);
        else last = value;
      } catch (error) {
        last = error;
      } finally {
        running = false;
        if (again && !done) {
          again = false;
          void check();
        }
      }
    };
    const interval = setInterval(check, 100);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => void check());
    const timer = setTimeout(() => {
      const detail = last instanceof Error ? `; last error: ${last.message}` : '';
      finish(new Error(`timed out after ${timeout} ms waiting for ${description}${detail}`));
    }, timeout);
    void check();
  });
}

function codeOf(diagnostic) {
  const code = diagnostic.code;
  return code && typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

function corsDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describeDiagnostics(uri) {
  return JSON.stringify(corsDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character} sev${d.severity}`));
}

/** Waits until `predicate(diagnostics)` holds for the cors-lint diagnostics of `uri`; returns them. */
async function waitForDiagnostics(uri, predicate, description, timeout) {
  try {
    return await waitFor(() => {
      const diagnostics = corsDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    }, `${description} in ${path.basename(uri.fsPath)}`, timeout);
  } catch (error) {
    error.message += `; diagnostics now: ${describeDiagnostics(uri)}`;
    throw error;
  }
}

const withCode = (code) => (diagnostics) => diagnostics.find((d) => codeOf(d) === code);
const hasCode = (code) => (diagnostics) => diagnostics.some((d) => codeOf(d) === code);
const lacksCode = (code) => (diagnostics) => !diagnostics.some((d) => codeOf(d) === code);

async function openFixture(rel) {
  const document = await vscode.workspace.openTextDocument(fixtureUri(rel));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Code actions (not bare commands) at `range` of `uri`, polled until one has `title`. */
async function waitForCodeAction(uri, range, title, kind) {
  let titles = [];
  try {
    return await waitFor(async () => {
      const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind)) || [];
      titles = actions.map((a) => a.title);
      return actions.find((a) => a.title === title && a.edit !== undefined);
    }, `code action "${title}"`);
  } catch (error) {
    error.message += `; offered: ${JSON.stringify(titles)}`;
    throw error;
  }
}

/** Puts `document` back to `original` text, saved (so the file on disk is the fixture again). */
async function restoreDocument(document, original) {
  if (document.isClosed) {
    fs.writeFileSync(document.uri.fsPath, original);
    return;
  }
  if (document.getText() !== original) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) throw new Error(`could not restore ${document.uri.fsPath}`);
  }
  if (document.isDirty) await document.save();
  if (fs.readFileSync(document.uri.fsPath, 'utf8') !== original) fs.writeFileSync(document.uri.fsPath, original);
}

function lineText(document, line) {
  return document.lineAt(line).text;
}

module.exports = {
  EXTENSION_ID,
  SOURCE,
  codeOf,
  corsDiagnostics,
  fixturePath,
  fixtureUri,
  hasCode,
  lacksCode,
  lineText,
  openFixture,
  restoreDocument,
  waitFor,
  waitForCodeAction,
  waitForDiagnostics,
  withCode,
  workspaceRoot,
};
