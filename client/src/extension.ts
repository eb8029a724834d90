// The VS Code side of cors-lint: starts the language server (dist/server.js) over IPC, registers the
// commands and shows the server's state. All analysis happens in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  AUDIT_WORKSPACE_COMMAND,
  InitializationOptions,
  PLATFORM_FILES_GLOB,
  SHOW_AUDIT_REPORT_COMMAND,
  SHOW_RULE_DOCUMENTATION_COMMAND,
} from '../../server/src/lsp/protocol';
import { AuditView } from './audit';
import { showRuleDocumentation } from './ruleDocumentation';
import { configurationMiddleware } from './settings';
import { ServerStatus } from './status';

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

/** JS/TS documents on disk and unsaved ones, and platform configuration (vercel.json, serverless.yml…) on disk. */
export const DOCUMENT_SELECTOR: ({ scheme: string; language: string } | { scheme: string; pattern: string })[] = [
  ...LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  { scheme: 'file', pattern: PLATFORM_FILES_GLOB },
];

let client: LanguageClient | undefined;
let status: ServerStatus | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('CORS Lint', { log: true });
  status = new ServerStatus(DOCUMENT_SELECTOR);
  context.subscriptions.push(output, status);

  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const initializationOptions: InitializationOptions = { clientCommands: [SHOW_RULE_DOCUMENTATION_COMMAND, AUDIT_WORKSPACE_COMMAND] };
  const clientOptions: LanguageClientOptions = {
    // The config file is synchronised too, so that unsaved edits to it apply at once.
    documentSelector: [...DOCUMENT_SELECTOR, { scheme: 'file', pattern: '**/.corslintrc.json' }],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions,
    // The server decides per document whether a pull re-analyses (corsLint.run), so pull on both.
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: { workspace: { configuration: configurationMiddleware } },
  };
  try {
    client = new LanguageClient('corsLint', 'CORS Lint', serverOptions, clientOptions);
  } catch (error) {
    // e.g. vscode-languageclient refusing an older VS Code: say so instead of failing activation.
    status.set('error', describe(error));
    output.error(`The cors-lint client could not be created: ${describe(error)}`);
  }
  if (client) status.track(client);
  const auditView = new AuditView(() => client, output);

  context.subscriptions.push(
    auditView,
    vscode.commands.registerCommand(AUDIT_WORKSPACE_COMMAND, () => auditView.audit()),
    vscode.commands.registerCommand(SHOW_AUDIT_REPORT_COMMAND, () => auditView.show()),
    vscode.commands.registerCommand('corsLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('corsLint.restartServer', () => restartServer(output)),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION_COMMAND, (ruleId?: unknown) => showRuleDocumentation(context, ruleId)),
  );
  await startServer(output);
}

async function startServer(output: vscode.LogOutputChannel): Promise<void> {
  if (!client || !status) return;
  status.stopping = false;
  try {
    await client.start();
  } catch (error) {
    // Not fatal for VS Code: the status item turns red and the output has the details.
    status.set('error');
    output.error(`The cors-lint server did not start: ${describe(error)}`);
  }
}

async function restartServer(output: vscode.LogOutputChannel): Promise<void> {
  if (!client || !status) return;
  status.stopping = true;
  try {
    if (client.isRunning()) await client.stop();
  } catch (error) {
    output.warn(`Stopping the cors-lint server failed: ${describe(error)}`);
  }
  await startServer(output);
}

export async function deactivate(): Promise<void> {
  if (!client) return;
  if (status) status.stopping = true;
  await client.stop();
  client = undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
