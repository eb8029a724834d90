// The language server: capability negotiation and handler wiring. Everything that decides anything is
// in the engine (server/src/core); the modules here translate between it and LSP.
import * as path from 'node:path';
import {
  ClientCapabilities,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, isRuleId, ruleDocsUrl, UNUSED_DIRECTIVE_ID } from '../core';
import { AnalysisCache } from './analysis';
import { provideCodeActions } from './codeActions';
import { ConfigResolver, isConfigFile } from './config-watch';
import { DocumentStore } from './documents';
import { Guard } from './guard';
import { provideHover } from './hover';
import {
  FIX_ALL_KIND,
  InitializationOptions,
  SETTINGS_SECTION,
  SHOW_RULE_DOCUMENTATION_COMMAND,
} from './protocol';
import { SettingsCache } from './settings';
import { filePathOf } from './uri';
import { ANALYSIS_DEBOUNCE_MS, Validator } from './validation';

export function startServer(connection: Connection): void {
  const log = connection.console;
  const guard = new Guard(log);
  let capabilities: ClientCapabilities = {};
  let pullDiagnostics = false;
  let workspaceFolders: string[] = [];

  const settings = new SettingsCache({
    get pullsConfiguration() {
      return capabilities.workspace?.configuration === true;
    },
    fetch: (uri, section) => connection.workspace.getConfiguration({ scopeUri: uri, section }),
  });
  // Test hook: CORS_LINT_TEST_THROWING_RULE=<rule-id> makes that rule throw on every file, so the
  // protocol tests can prove a broken rule neither hides the others nor stops the server.
  const failingRule = process.env.CORS_LINT_TEST_THROWING_RULE || undefined;
  if (failingRule) log.warn(`cors-lint: CORS_LINT_TEST_THROWING_RULE: rule ${failingRule} throws on every file (test hook)`);
  const analyses = new AnalysisCache(log, failingRule);
  const documents = new DocumentStore({
    onOpen: (document) => {
      const configPath = configPathOf(document.uri);
      if (configPath) configChanged(configPath, 0);
      else validator.opened(document);
    },
    onChange: (document) => {
      const configPath = configPathOf(document.uri);
      if (configPath) configChanged(configPath, ANALYSIS_DEBOUNCE_MS);
      else guard.notification('didChange', () => validator.changed(document))();
    },
    onSave: (document) => {
      if (!configPathOf(document.uri)) guard.notification('didSave', () => validator.saved(document))();
    },
    onClose: (document) => {
      // A closed config file is read from disk again.
      const configPath = configPathOf(document.uri);
      if (configPath) configChanged(configPath, 0);
      else validator.closed(document);
    },
  });
  const configs = new ConfigResolver({
    workspaceFolders: () => workspaceFolders,
    openText: (filePath) => {
      const document = documents.all().find((d) => configPathOf(d.uri) === filePath);
      return document ? { uri: document.uri, text: document.getText() } : undefined;
    },
    // Config problems are pushed to every client; a pull for the config file answers [] (see Validator),
    // so they are never shown twice.
    publishDiagnostics: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  });
  const validator = new Validator(
    {
      get pullDiagnostics() {
        return pullDiagnostics;
      },
      publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
      refresh: () => {
        if (capabilities.workspace?.diagnostics?.refreshSupport) {
          connection.languages.diagnostics.refresh().catch((error: unknown) => log.warn(`cors-lint: diagnostic refresh failed: ${String(error)}`));
        }
      },
    },
    documents,
    settings,
    configs,
    analyses,
    guard,
  );

  function configPathOf(uri: string): string | undefined {
    const filePath = filePathOf(uri);
    return isConfigFile(filePath) ? filePath : undefined;
  }

  const configTimers = new Map<string, NodeJS.Timeout>();
  /** A config file changed on disk or in the editor: re-read it, then re-validate open documents. */
  function configChanged(configPath: string, delay: number): void {
    clearTimeout(configTimers.get(configPath));
    configTimers.set(
      configPath,
      setTimeout(
        guard.notification('config change', async () => {
          configTimers.delete(configPath);
          await configs.invalidate(configPath);
          validator.revalidateAll();
        }),
        delay,
      ),
    );
  }

  connection.onInitialize(
    (params: InitializeParams): InitializeResult => {
      capabilities = params.capabilities ?? {};
      pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
      workspaceFolders = workspaceFolderPaths(params);
      const options = (params.initializationOptions ?? {}) as InitializationOptions;
      const clientCommands = new Set(Array.isArray(options.clientCommands) ? options.clientCommands : []);
      const serverCommands = [SHOW_RULE_DOCUMENTATION_COMMAND].filter((c) => !clientCommands.has(c));
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
          hoverProvider: true,
          ...(pullDiagnostics
            ? { diagnosticProvider: { identifier: 'cors-lint', interFileDependencies: false, workspaceDiagnostics: false } }
            : {}),
          ...(serverCommands.length > 0 ? { executeCommandProvider: { commands: serverCommands } } : {}),
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'cors-lint' },
      };
    },
  );

  connection.onInitialized(
    guard.notification('initialized', async () => {
      const workspace = capabilities.workspace;
      if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
        });
      }
      if (workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      }
      if (workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard.notification('workspace folders', (event) => {
            const removed = new Set(event.removed.map((f) => filePathOf(f.uri)));
            workspaceFolders = workspaceFolders.filter((f) => !removed.has(f));
            for (const added of event.added) {
              const folder = filePathOf(added.uri);
              if (folder) workspaceFolders.push(folder);
            }
            // Folder roots bound the walk up to the nearest config file.
            configs.forgetLookups();
            validator.revalidateAll();
          }),
        );
      }
    }),
  );

  connection.onDidOpenTextDocument(guard.notification('didOpen', (params) => documents.didOpen(params)));
  connection.onDidChangeTextDocument(guard.notification('didChange', (params) => documents.didChange(params)));
  connection.onDidSaveTextDocument(guard.notification('didSave', (params) => documents.didSave(params)));
  connection.onDidCloseTextDocument(guard.notification('didClose', (params) => documents.didClose(params)));

  connection.onDidChangeConfiguration(
    guard.notification('didChangeConfiguration', (params) => {
      settings.reset(params?.settings);
      validator.revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard.notification('didChangeWatchedFiles', (params) => {
      const changes = Array.isArray(params?.changes) ? params.changes : [];
      for (const change of changes) {
        const filePath = typeof change?.uri === 'string' ? filePathOf(change.uri) : undefined;
        // An open config file is authoritative until it is closed: its unsaved text wins.
        if (isConfigFile(filePath) && !documents.all().some((d) => configPathOf(d.uri) === filePath)) {
          configChanged(filePath, 0);
        }
      }
    }),
  );

  connection.languages.diagnostics.on(
    guard.request('textDocument/diagnostic', (): DocumentDiagnosticReport => ({ kind: 'full', items: [] }), async (params) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return { kind: 'full', items: [] };
      return validator.pull(uri, params.previousResultId);
    }),
  );

  connection.onCodeAction(
    guard.request('textDocument/codeAction', () => [], async (params) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !isRange(params.range)) return [];
      // Undefined when the document changed while settings were fetched: the request is outdated
      // and an edit computed now would be for text the client no longer has.
      const result = await validator.analysisFor(uri);
      if (!result) return [];
      return provideCodeActions(params, {
        document: result.document,
        analysis: result.analysis,
        documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      });
    }),
  );

  connection.onHover(
    guard.request('textDocument/hover', () => null, async (params) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !isPosition(params.position)) return null;
      const result = await validator.analysisFor(uri);
      return result ? provideHover(result.document, result.analysis, params.position) : null;
    }),
  );

  connection.onExecuteCommand(
    guard.request('workspace/executeCommand', () => null, async (params) => {
      if (params?.command !== SHOW_RULE_DOCUMENTATION_COMMAND) return null;
      const ruleId: unknown = params.arguments?.[0];
      if (typeof ruleId !== 'string' || !(isRuleId(ruleId) || ruleId === UNUSED_DIRECTIVE_ID)) {
        void connection.window.showWarningMessage(`cors-lint: no documentation for "${String(ruleId)}"`);
        return null;
      }
      const url = ruleDocsUrl(ruleId);
      if (capabilities.window?.showDocument?.support) {
        await connection.window.showDocument({ uri: url, external: true });
      } else {
        void connection.window.showInformationMessage(`cors-lint: ${ruleId} is documented at ${url}`);
      }
      return null;
    }),
  );

  connection.onShutdown(() => {
    validator.dispose();
    for (const timer of configTimers.values()) clearTimeout(timer);
    configTimers.clear();
  });

  connection.listen();
}

function workspaceFolderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const paths = uris.map((uri) => filePathOf(uri)).filter((p): p is string => p !== undefined);
  if (paths.length === 0 && typeof params.rootPath === 'string' && params.rootPath) paths.push(path.resolve(params.rootPath));
  return paths;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const p = value as { line?: unknown; character?: unknown } | undefined;
  return typeof p?.line === 'number' && typeof p.character === 'number';
}

function isRange(value: unknown): boolean {
  const r = value as { start?: unknown; end?: unknown } | undefined;
  return isPosition(r?.start) && isPosition(r?.end);
}
