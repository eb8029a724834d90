// The language server: capability negotiation and handler wiring. Everything that decides anything is
// in the engine (server/src/core); the modules here translate between it and LSP.
import * as path from 'node:path';
import {
  ClientCapabilities,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYZABLE_EXTENSIONS, CONFIG_FILE_NAME, isRuleId, ruleDocsUrl, UNUSED_DIRECTIVE_ID } from '../core';
import { AnalysisCache } from './analysis';
import { WorkspaceAudit } from './audit';
import { provideCodeActions } from './codeActions';
import { ConfigResolver, isConfigFile } from './config-watch';
import type { FileChange } from '../project/project';
import { ProjectService } from './project-service';
import { DocumentStore } from './documents';
import { Guard } from './guard';
import { provideHover } from './hover';
import {
  AUDIT_REPORT_FORMATS,
  AUDIT_REPORT_REQUEST,
  AUDIT_REQUEST,
  AUDIT_WORKSPACE_COMMAND,
  AuditParams,
  AuditReportParams,
  AuditReportResult,
  AuditResult,
  FIX_ALL_KIND,
  InitializationOptions,
  PLATFORM_FILES_GLOB,
  SETTINGS_SECTION,
  SHOW_RULE_DOCUMENTATION_COMMAND,
} from './protocol';
import { SettingsCache } from './settings';
import { createOtherFiles } from './other-files';
import { filePathOf, fileUriOf } from './uri';
import { ANALYSIS_DEBOUNCE_MS, Validator } from './validation';

/** The JS/TS files the audit keeps current once it has run (a glob over the engine's extensions). */
const SOURCE_FILES_GLOB = `**/*.{${ANALYZABLE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
/** What the project index follows besides source files: resolution configs and env files. */
const PROJECT_FILES_GLOBS = [
  '**/{tsconfig,jsconfig,package}.json',
  '**/pnpm-workspace.yaml',
  '**/.env',
  '**/.env.*',
  '**/{package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,yarn.lock,bun.lock,bun.lockb}',
];

export interface ServerOptions {
  /** The script of the audit's worker thread: the server bundle itself (main.ts). */
  workerScript: string;
}

export function startServer(connection: Connection, options: ServerOptions): void {
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
  const project = new ProjectService(
    log,
    () => validator.projectChanged(),
    () =>
      documents.all().flatMap((d) => {
        const filePath = filePathOf(d.uri);
        return filePath && !isConfigFile(filePath) ? [{ path: filePath, text: d.getText() }] : [];
      }),
  );
  const others = createOtherFiles(
    (filePath) => documents.all().find((d) => filePathOf(d.uri) === filePath),
    (filePath) => project.readFile(filePath),
    fileUriOf,
  );
  const analyses = new AnalysisCache(log, failingRule, project, others);
  /** An open document's text changed (or it closed): the open documents that depend on it follow. */
  const documentTextChanged = (uri: string, text: string | undefined) => {
    const filePath = filePathOf(uri);
    if (!filePath) return;
    const affected = new Set(project.documentChanged(filePath, text));
    validator.dependenciesChanged(urisOf(affected, filePath, uri));
  };
  /**
   * Edited documents whose text the project has not seen yet. Handing it over re-reads the document's
   * imports (a TypeScript pre-parse of the whole text, ~5 ms on a 5,000-line file); that runs on the
   * next turn of the event loop, after the keystroke's debounce timer is set, so it overlaps the wait
   * instead of adding to it, and once for changes that arrive together.
   */
  const pendingEdits = new Map<string, TextDocument>();
  let pendingEditsFlush: NodeJS.Immediate | undefined;
  const flushPendingEdits = guard.notification('didChange', () => {
    pendingEditsFlush = undefined;
    const edited = [...pendingEdits.values()];
    pendingEdits.clear();
    for (const document of edited) documentTextChanged(document.uri, document.getText());
  });
  /** Open documents whose file is in `files`, or whose last analysis read `changed`. */
  const urisOf = (files: ReadonlySet<string>, changed: string, except?: string): string[] => {
    const uris = new Set(analyses.dependentsOf(changed));
    for (const document of documents.all()) {
      const filePath = filePathOf(document.uri);
      if (filePath && files.has(filePath)) uris.add(document.uri);
    }
    if (except) uris.delete(except);
    return [...uris];
  };
  const documents = new DocumentStore({
    onOpen: (document) => {
      const configPath = configPathOf(document.uri);
      if (configPath) {
        // Opening changes nothing the audit used (unsaved edits do, below).
        configChanged(configPath, 0, false);
      } else {
        audit.opened(document.uri);
        documentTextChanged(document.uri, document.getText());
        validator.opened(document);
      }
    },
    onChange: (document) => {
      const configPath = configPathOf(document.uri);
      if (configPath) configChanged(configPath, ANALYSIS_DEBOUNCE_MS);
      else {
        pendingEdits.set(document.uri, document);
        pendingEditsFlush ??= setImmediate(flushPendingEdits);
        guard.notification('didChange', () => validator.changed(document))();
      }
    },
    onSave: (document) => {
      if (!configPathOf(document.uri)) guard.notification('didSave', () => validator.saved(document))();
    },
    onClose: (document) => {
      // A closed config file is read from disk again.
      const configPath = configPathOf(document.uri);
      if (configPath) {
        configChanged(configPath, 0);
      } else {
        validator.closed(document);
        audit.closed(document.uri);
        // The disk's text counts again (it may differ from the unsaved text dependents saw).
        pendingEdits.delete(document.uri);
        documentTextChanged(document.uri, undefined);
      }
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

  let sourceWatchRequested = false;
  const audit = new WorkspaceAudit(
    {
      get pullDiagnostics() {
        return pullDiagnostics;
      },
      workspaceFolders: () => workspaceFolders,
      openConfigs: () =>
        documents.all().flatMap((d) => {
          const configPath = configPathOf(d.uri);
          return configPath ? [{ path: configPath, text: d.getText() }] : [];
        }),
      project: () => ({
        index: project.snapshot(),
        openDocuments: documents.all().flatMap((d) => {
          const filePath = filePathOf(d.uri);
          return filePath && !isConfigFile(filePath) ? [{ path: filePath, text: d.getText() }] : [];
        }),
      }),
      settings: (folderUri) => settings.get(folderUri),
      filesSettings: async (folderUri) => {
        if (capabilities.workspace?.configuration !== true) return undefined;
        return connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files' });
      },
      publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      createProgress: () => connection.window.createWorkDoneProgress(),
      watchSourceFiles: () => {
        if (sourceWatchRequested || !capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
        sourceWatchRequested = true;
        connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: SOURCE_FILES_GLOB }, { globPattern: PLATFORM_FILES_GLOB }] })
          .catch((error: unknown) => log.warn(`cors-lint: watching JS/TS files failed: ${String(error)}`));
      },
    },
    options.workerScript,
    log,
  );

  function configPathOf(uri: string): string | undefined {
    const filePath = filePathOf(uri);
    return isConfigFile(filePath) ? filePath : undefined;
  }

  const configTimers = new Map<string, NodeJS.Timeout>();
  /**
   * A config file changed on disk or in the editor: re-read it, then re-validate open documents and
   * (when `rerunAudit`) run the workspace audit again.
   */
  function configChanged(configPath: string, delay: number, rerunAudit = true): void {
    clearTimeout(configTimers.get(configPath));
    configTimers.set(
      configPath,
      setTimeout(
        guard.notification('config change', async () => {
          configTimers.delete(configPath);
          await configs.invalidate(configPath);
          validator.revalidateAll();
          if (rerunAudit) audit.configurationChanged();
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
      const serverCommands = [SHOW_RULE_DOCUMENTATION_COMMAND, AUDIT_WORKSPACE_COMMAND].filter((c) => !clientCommands.has(c));
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
      // The project index is built in the background; requests are answered meanwhile.
      project.start(workspaceFolders);
      if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        // Source files, resolution configs and .env files keep the project index current.
        sourceWatchRequested = true;
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [`**/${CONFIG_FILE_NAME}`, SOURCE_FILES_GLOB, ...PROJECT_FILES_GLOBS].map((globPattern) => ({ globPattern })),
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
            audit.foldersRemoved([...removed].filter((f): f is string => f !== undefined));
            for (const added of event.added) {
              const folder = filePathOf(added.uri);
              if (folder) workspaceFolders.push(folder);
            }
            // Folder roots bound the walk up to the nearest config file.
            configs.forgetLookups();
            project.start(workspaceFolders);
            validator.revalidateAll();
            audit.configurationChanged();
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
      audit.configurationChanged();
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
      audit.filesChanged(changes.filter((c) => typeof c?.uri === 'string' && !isConfigFile(filePathOf(c.uri))));
      const projectChanges: { path: string; change: FileChange }[] = [];
      for (const change of changes) {
        const filePath = typeof change?.uri === 'string' ? filePathOf(change.uri) : undefined;
        if (!filePath || isConfigFile(filePath)) continue;
        const kind: FileChange = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        projectChanges.push({ path: filePath, change: kind });
      }
      const affected = project.filesChanged(projectChanges);
      const uris = new Set<string>();
      for (const { path: changed } of projectChanges) for (const uri of urisOf(affected, changed)) uris.add(uri);
      validator.dependenciesChanged(uris);
    }),
  );

  connection.languages.diagnostics.on(
    guard.request('textDocument/diagnostic', (): DocumentDiagnosticReport => ({ kind: 'full', items: [] }), async (params, token) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return { kind: 'full', items: [] };
      return validator.pull(uri, params.previousResultId, token);
    }),
  );

  connection.onCodeAction(
    guard.request('textDocument/codeAction', () => [], async (params, token) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !isRange(params.range)) return [];
      // Undefined when the document changed while settings were fetched: the request is outdated
      // and an edit computed now would be for text the client no longer has.
      const result = await validator.analysisFor(uri, token);
      if (!result) return [];
      return provideCodeActions(params, {
        document: result.document,
        analysis: result.analysis,
        documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
        others,
      });
    }),
  );

  connection.onHover(
    guard.request('textDocument/hover', () => null, async (params, token) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !isPosition(params.position)) return null;
      const result = await validator.analysisFor(uri, token);
      return result ? provideHover(result.document, result.analysis, params.position) : null;
    }),
  );

  const auditFailed = (): AuditResult => ({
    cancelled: false,
    filesTotal: 0,
    filesScanned: 0,
    findings: { error: 0, warning: 0, info: 0 },
    policies: 0,
    skippedFiles: 0,
    durationMs: 0,
    error: 'The audit failed; the server log has the details.',
  });
  connection.onRequest(
    AUDIT_REQUEST,
    guard.request(AUDIT_REQUEST, auditFailed, (params: AuditParams | undefined, token) =>
      audit.run(connection.window.attachWorkDoneProgress(params?.workDoneToken), token),
    ),
  );
  connection.onRequest(
    AUDIT_REPORT_REQUEST,
    guard.request(AUDIT_REPORT_REQUEST, () => null, (params: AuditReportParams | undefined): AuditReportResult | null => {
      if (!params || !AUDIT_REPORT_FORMATS.includes(params.format)) return null;
      return audit.report({ format: params.format, cspSource: typeof params.cspSource === 'string' ? params.cspSource : undefined });
    }),
  );

  connection.onExecuteCommand(
    guard.request('workspace/executeCommand', () => null, async (params, token, workDone: WorkDoneProgressReporter) => {
      if (params?.command === AUDIT_WORKSPACE_COMMAND) return audit.run(workDone, token);
      if (params?.command !== SHOW_RULE_DOCUMENTATION_COMMAND) return null;
      const ruleId: unknown = params.arguments?.[0];
      if (typeof ruleId !== 'string' || !(isRuleId(ruleId) || ruleId === UNUSED_DIRECTIVE_ID)) {
        notify(MessageType.Warning, `cors-lint: no documentation for "${String(ruleId)}"`);
        return null;
      }
      const url = ruleDocsUrl(ruleId);
      // window/showDocument where the client has it; else a showMessage *notification*. Never
      // window/showMessageRequest (what connection.window.show*Message sends): Neovim and Emacs answer
      // it with a prompt that blocks the editor until the user picks an option.
      if (capabilities.window?.showDocument?.support) {
        connection.window.showDocument({ uri: url, external: true }).catch((error: unknown) => notify(MessageType.Info, `cors-lint: ${ruleId} is documented at ${url} (${String(error)})`));
      } else {
        notify(MessageType.Info, `cors-lint: ${ruleId} is documented at ${url}`);
      }
      return null;
    }),
  );

  function notify(type: MessageType, message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  connection.onShutdown(() => {
    if (pendingEditsFlush) clearImmediate(pendingEditsFlush);
    project.dispose();
    validator.dispose();
    audit.dispose();
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
