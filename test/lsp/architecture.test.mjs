// Dependency direction (DESIGN §2): client → (protocol types only) server/src/lsp → core (and, for the
// workspace audit, the CLI's file discovery, per-file lint and formatters).
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

/**
 * The workspace audit reads files the way the CLI does, so an audit in the editor and `cors-lint` in CI
 * agree file for file and export the same SARIF/JSON: it reuses these CLI modules (never run.ts or
 * main.ts, which own the command line), and the report renderer.
 */
const CLI_MODULES_FOR_THE_AUDIT = [
  'server/src/cli/discover',
  'server/src/cli/gitignore',
  'server/src/cli/lint-file',
  'server/src/cli/paths',
  'server/src/cli/report',
  'server/src/cli/version',
  'server/src/cli/formatters/json',
  'server/src/cli/formatters/sarif',
];

test('server/src/lsp imports the LSP libraries, node, itself, the engine, the report renderer and the CLI\'s file pipeline', () => {
  const offenders = importsUnder('server/src/lsp').filter(([, target]) => {
    if (target.startsWith('vscode-languageserver') || target === 'typescript' || isBuiltin(target)) return false;
    if (target === 'server/src/report' || CLI_MODULES_FOR_THE_AUDIT.includes(target)) return false;
    return !(target.startsWith('server/src/lsp/') || target === 'server/src/core' || target.startsWith('server/src/core/'));
  });
  assert.deepEqual(offenders, []);
});

test('only the audit modules of server/src/lsp import the CLI', () => {
  const importers = new Set(importsUnder('server/src/lsp').filter(([, target]) => target.startsWith('server/src/cli/')).map(([file]) => file));
  assert.deepEqual([...importers].sort(), ['server/src/lsp/audit-job.ts', 'server/src/lsp/audit-report.ts', 'server/src/lsp/audit.ts']);
});

test('server/src/lsp/protocol.ts, which the client bundles, imports nothing', () => {
  assert.deepEqual(importsUnder('server/src/lsp').filter(([file]) => file === 'server/src/lsp/protocol.ts'), []);
});
