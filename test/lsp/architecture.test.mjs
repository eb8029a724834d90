// Dependency direction (DESIGN §2): client → (protocol types only) server/src/lsp → project → core;
// cli → project → core; lsp never imports cli.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** [file, resolved target or bare specifier] for every import/export/require of the .ts files under `dir`. */
function importsUnder(dir) {
  const out = [];
  for (const name of readdirSync(join(ROOT, dir), { recursive: true })) {
    if (!String(name).endsWith('.ts')) continue;
    const file = join(ROOT, dir, String(name));
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      let spec;
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) spec = node.moduleSpecifier.text;
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) spec = node.argument.literal.text;
      if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
        spec = node.arguments[0]?.text;
      }
      if (spec) out.push([relative(ROOT, file), spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec]);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

const isBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(spec);

test('client/src imports vscode, vscode-languageclient, itself and only the protocol module of the server', () => {
  const offenders = importsUnder('client/src').filter(([, target]) => {
    if (target === 'vscode' || target.startsWith('vscode-languageclient') || isBuiltin(target)) return false;
    return !(target.startsWith('client/src/') || target === 'server/src/lsp/protocol');
  });
  assert.deepEqual(offenders, []);
});

/** Libraries the project layer may use (pinned in package.json; bundled by esbuild). */
const PROJECT_LIBRARIES = ['ignore', 'dotenv', 'get-tsconfig', 'typescript'];

/**
 * The editor and the CLI share one project layer (discovery, ignore rules, per-file linting, the module
 * index, the host the engine asks about other files), so an audit in the editor and `cors-lint` in CI agree
 * file for file. Dependencies point one way: lsp → project → core and cli → project → core.
 */
test('server/src/lsp imports the LSP libraries, node, itself, the engine, the project layer and the report renderer, never the CLI', () => {
  const offenders = importsUnder('server/src/lsp').filter(([, target]) => {
    if (target.startsWith('vscode-languageserver') || target === 'typescript' || isBuiltin(target)) return false;
    if (target === 'server/src/report' || target.startsWith('server/src/project/')) return false;
    return !(target.startsWith('server/src/lsp/') || target === 'server/src/core' || target.startsWith('server/src/core/'));
  });
  assert.deepEqual(offenders, []);
});

test('server/src/project imports node, itself, the engine and its pinned libraries, never an adapter', () => {
  const offenders = importsUnder('server/src/project').filter(([, target]) => {
    if (isBuiltin(target) || PROJECT_LIBRARIES.includes(target) || target === 'package.json') return false;
    return !(target.startsWith('server/src/project/') || target === 'server/src/core' || target.startsWith('server/src/core/'));
  });
  assert.deepEqual(offenders, []);
});

test('server/src/cli never imports the language server', () => {
  assert.deepEqual(importsUnder('server/src/cli').filter(([, target]) => target.startsWith('server/src/lsp')), []);
});

test('server/src/lsp/protocol.ts, which the client bundles, imports nothing', () => {
  assert.deepEqual(importsUnder('server/src/lsp').filter(([file]) => file === 'server/src/lsp/protocol.ts'), []);
});
