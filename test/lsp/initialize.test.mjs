import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pullCapabilities, pushCapabilities, startServer } from './helpers.mjs';

test('initialize: a push client gets incremental sync, code actions, hover and no pull diagnostics', async (t) => {
  const client = await startServer(t, { capabilities: pushCapabilities() });
  const { capabilities, serverInfo } = client.initializeResult;
  assert.equal(serverInfo.name, 'cors-lint');
  assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.corsLint'], resolveProvider: false });
  assert.equal(capabilities.hoverProvider, true);
  assert.equal(capabilities.diagnosticProvider, undefined, 'a push client must not be offered pull diagnostics');
  // Clients other than VS Code get the documentation and audit commands from the server.
  assert.deepEqual(capabilities.executeCommandProvider, { commands: ['corsLint.showRuleDocumentation', 'corsLint.auditWorkspace'] });
});

test('initialize: a pull client gets a diagnostic provider', async (t) => {
  const client = await startServer(t, { capabilities: pullCapabilities() });
  assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, {
    identifier: 'cors-lint',
    interFileDependencies: false,
    workspaceDiagnostics: false,
  });
});

test('initialize: commands the client implements itself are not advertised (no clash in VS Code)', async (t) => {
  const client = await startServer(t, {
    capabilities: pullCapabilities(),
    initializationOptions: { clientCommands: ['corsLint.showRuleDocumentation', 'corsLint.auditWorkspace'] },
  });
  assert.equal(client.initializeResult.capabilities.executeCommandProvider, undefined);
});

test('initialized: the server watches .corslintrc.json, the project\'s sources, resolution configs and .env files, and registers for settings changes', async (t) => {
  const client = await startServer(t, { capabilities: pushCapabilities() });
  const isRegistration = (method) => (p) => p.registrations.some((r) => r.method === method);
  const watched = await client.waitFor('client/registerCapability', isRegistration('workspace/didChangeWatchedFiles'));
  assert.deepEqual(watched.registrations[0].registerOptions, {
    watchers: [
      { globPattern: '**/.corslintrc.json' },
      { globPattern: '**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}' },
      { globPattern: '**/{tsconfig,jsconfig,package}.json' },
      { globPattern: '**/pnpm-workspace.yaml' },
      { globPattern: '**/.env' },
      { globPattern: '**/.env.*' },
      { globPattern: '**/{package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,yarn.lock,bun.lock,bun.lockb}' },
    ],
  });
  const settings = await client.waitFor('client/registerCapability', isRegistration('workspace/didChangeConfiguration'));
  assert.deepEqual(settings.registrations[0].registerOptions, { section: 'corsLint' });
});
