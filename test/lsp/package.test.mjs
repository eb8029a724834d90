// The extension as users install it: the .vsix built by vsce from the already-built dist/ (the test
// command builds first; rebuilding here would rewrite dist/server.js under the other test files'
// running servers), and the manifest entries the client and server rely on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const engine = createRequire(import.meta.url)('../../dist/core.js');

/** Entry names of a zip file, read from its central directory. */
function zipEntries(buffer) {
  const minimum = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= minimum; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'zip end-of-central-directory record found');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(offset), 0x02014b50, 'central directory entry signature');
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test('package: vsce builds a .vsix with the bundles, grammar, schema and rule docs, and no node_modules', (t) => {
  assert.match(manifest.scripts.package, /^node esbuild\.mjs && vsce package --no-dependencies /, 'npm run package builds, then packages without dependencies');
  const out = mkdtempSync(join(tmpdir(), 'cors-lint-vsix-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const vsix = join(out, 'cors-lint.vsix');
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', vsix], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  assert.equal(result.status, 0, `vsce failed:\n${result.stdout}\n${result.stderr}`);

  const entries = zipEntries(readFileSync(vsix));
  for (const required of [
    'extension/package.json',
    'extension/dist/server.js',
    'extension/dist/client.js',
    'extension/syntaxes/cors-lint.injection.tmLanguage.json',
    'extension/schemas/corslintrc.schema.json',
    ...engine.RULE_IDS.map((id) => `extension/docs/rules/${id}.md`),
  ]) {
    assert.ok(entries.includes(required), `${required} is packaged (entries: ${entries.join(', ')})`);
  }
  assert.deepEqual(entries.filter((e) => /node_modules\//.test(e)), [], 'no node_modules in the package');
  assert.deepEqual(entries.filter((e) => /\.map$|\/src\/|^extension\/test\//.test(e)), [], 'no sources, maps or tests');
});

test('manifest: activation, capabilities and contributions the extension relies on', () => {
  assert.equal(manifest.main, './dist/client.js');
  assert.deepEqual(manifest.activationEvents, [
    'onLanguage:javascript',
    'onLanguage:javascriptreact',
    'onLanguage:typescript',
    'onLanguage:typescriptreact',
    'workspaceContains:**/.corslintrc.json',
    'workspaceContains:**/vercel.json',
    'workspaceContains:**/netlify.toml',
    'workspaceContains:**/_headers',
    'workspaceContains:**/firebase.json',
    'workspaceContains:**/serverless.yml',
    'workspaceContains:**/template.yaml',
  ]);
  assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });

  const { contributes } = manifest;
  assert.deepEqual(
    contributes.commands.map((c) => `${c.category}: ${c.title} (${c.command})`),
    [
      'CORS Lint: Show Output (corsLint.showOutput)',
      'CORS Lint: Restart Server (corsLint.restartServer)',
      'CORS Lint: Show Rule Documentation (corsLint.showRuleDocumentation)',
      'CORS Lint: Audit Workspace (corsLint.auditWorkspace)',
      'CORS Lint: Show Audit Report (corsLint.showAuditReport)',
    ],
  );
  assert.deepEqual(contributes.menus, {
    commandPalette: [
      { command: 'corsLint.auditWorkspace', when: 'workspaceFolderCount > 0' },
      { command: 'corsLint.showAuditReport', when: 'workspaceFolderCount > 0' },
    ],
  });
  const clientSource = ['extension.ts', 'ruleDocumentation.ts']
    .map((f) => readFileSync(join(ROOT, 'client', 'src', f), 'utf8'))
    .join('\n');
  for (const command of ['corsLint.showOutput', 'corsLint.restartServer']) assert.ok(clientSource.includes(`'${command}'`), `${command} is registered`);
  for (const constant of ['SHOW_RULE_DOCUMENTATION_COMMAND', 'AUDIT_WORKSPACE_COMMAND', 'SHOW_AUDIT_REPORT_COMMAND']) {
    assert.ok(clientSource.includes(`registerCommand(${constant},`), `${constant} is registered`);
  }
  // The client runs the audit itself (its own cancellable progress), so the server must not advertise it.
  assert.match(clientSource, /clientCommands: \[SHOW_RULE_DOCUMENTATION_COMMAND, AUDIT_WORKSPACE_COMMAND\]/);

  const settings = contributes.configuration.properties;
  assert.deepEqual(
    Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, value.default])),
    {
      'corsLint.enable': true,
      'corsLint.run': 'onType',
      'corsLint.rules.customizations': [],
      'corsLint.maxFileSize': 2_000_000,
      'corsLint.trace.server': 'off',
    },
  );
  for (const [key, value] of Object.entries(settings)) assert.ok(value.description || value.markdownDescription, `${key} is described`);
  assert.deepEqual(settings['corsLint.run'].enum, ['onType', 'onSave']);
  assert.deepEqual(settings['corsLint.trace.server'].enum, ['off', 'messages', 'verbose']);
  const ruleSchema = settings['corsLint.rules.customizations'].items.properties.rule;
  assert.deepEqual(ruleSchema.anyOf[0].enum, [...engine.RULE_IDS], 'the rule enum lists the engine\'s rules');
  assert.deepEqual(ruleSchema.anyOf[0].enumDescriptions, engine.RULE_IDS.map((id) => engine.RULES.find((r) => r.meta.id === id).meta.description), 'descriptions as in the rules\' metadata');
  assert.deepEqual(settings['corsLint.rules.customizations'].items.properties.severity.enum, ['off', 'info', 'warning', 'error', 'downgrade', 'upgrade', 'default']);

  assert.deepEqual(contributes.jsonValidation, [{ fileMatch: '.corslintrc.json', url: './schemas/corslintrc.schema.json' }]);
  // No `languages` contribution: .json is JSON already, and contributing one would activate the extension on every JSON file.
  assert.equal(contributes.languages, undefined);
  assert.deepEqual(contributes.grammars, [
    {
      scopeName: 'cors-lint.injection',
      path: './syntaxes/cors-lint.injection.tmLanguage.json',
      injectTo: ['source.js', 'source.ts', 'source.js.jsx', 'source.tsx'],
    },
  ]);
  for (const path of [contributes.jsonValidation[0].url, contributes.grammars[0].path]) assert.ok(existsSync(join(ROOT, path)), `${path} exists`);
  assert.equal(JSON.parse(readFileSync(join(ROOT, contributes.grammars[0].path), 'utf8')).scopeName, 'cors-lint.injection');
  assert.deepEqual(contributes.codeActions[0].actions.kind, 'source.fixAll.corsLint');
});

test('manifest: engines.vscode is one vscode-languageclient accepts (it refuses to start on older VS Code)', () => {
  const semver = createRequire(import.meta.url)('semver');
  const languageClient = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
  const oldestSupported = semver.minVersion(manifest.engines.vscode);
  assert.ok(
    semver.satisfies(oldestSupported, languageClient.engines.vscode),
    `package.json engines.vscode "${manifest.engines.vscode}" admits VS Code ${oldestSupported}, but vscode-languageclient ` +
      `${languageClient.version} requires "${languageClient.engines.vscode}" and throws in the constructor on older versions`,
  );
});
