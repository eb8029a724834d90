// "CORS Lint: Audit Workspace" and "CORS Lint: Show Audit Report". The audit runs in the server (every
// JS/TS file of the workspace, findings into the Problems panel as they complete); here it gets a
// cancellable progress notification, and its report a webview panel. The page and the exports come
// from the server: the same renderer and formatters as `cors-lint --format html|sarif|json|markdown`,
// so the client bundles neither the engine nor the renderer.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgress } from 'vscode-languageclient/node';
import {
  AUDIT_REPORT_REQUEST,
  AUDIT_REQUEST,
  AuditParams,
  AuditReportFormat,
  AuditReportParams,
  AuditReportResult,
  AuditResult,
} from '../../server/src/lsp/protocol';

type ExportFormat = Exclude<AuditReportFormat, 'html'>;

const EXPORTS: Record<ExportFormat, { label: string; extension: string; filters: Record<string, string[]> }> = {
  sarif: { label: 'SARIF', extension: 'sarif', filters: { SARIF: ['sarif', 'json'] } },
  json: { label: 'JSON', extension: 'json', filters: { JSON: ['json'] } },
  markdown: { label: 'Markdown', extension: 'md', filters: { Markdown: ['md'] } },
};

export class AuditView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** Report paths are relative to this folder (from the last page the server sent). */
  private root: string | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Runs the audit with a cancellable notification, then shows the report. */
  async audit(): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    let result: AuditResult | null;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'CORS Lint: auditing the workspace', cancellable: true },
        (progress, token) => requestAudit(client, progress, token),
      );
    } catch (error) {
      this.output.error(`The workspace audit failed: ${describe(error)}`);
      void vscode.window.showErrorMessage(`CORS Lint: the audit failed: ${describe(error)}`);
      return;
    }
    this.output.info(`Workspace audit: ${JSON.stringify(result)}`);
    if (!result || result.error) {
      void vscode.window.showWarningMessage(`CORS Lint: ${result?.error ?? 'the audit failed; see "CORS Lint: Show Output".'}`);
      return;
    }
    if (result.cancelled) {
      const choice = await vscode.window.showInformationMessage(
        `CORS Lint: audit cancelled after ${result.filesScanned} of ${result.filesTotal} files.`,
        'Show Report',
      );
      if (choice === 'Show Report') await this.show();
      return;
    }
    await this.show();
  }

  /** Opens (or refreshes) the report panel; offers to run the audit when there is no report yet. */
  async show(): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    const panel = this.panel ?? this.createPanel();
    let report: AuditReportResult | null;
    try {
      const params: AuditReportParams = { format: 'html', cspSource: panel.webview.cspSource };
      report = await client.sendRequest<AuditReportResult | null>(AUDIT_REPORT_REQUEST, params);
    } catch (error) {
      this.output.error(`The audit report could not be built: ${describe(error)}`);
      void vscode.window.showErrorMessage(`CORS Lint: the audit report could not be built: ${describe(error)}`);
      if (!panel.webview.html) panel.dispose();
      return;
    }
    if (!report) {
      panel.dispose();
      const choice = await vscode.window.showInformationMessage('CORS Lint: there is no audit report yet.', 'Audit Workspace');
      if (choice === 'Audit Workspace') await this.audit();
      return;
    }
    this.root = report.root;
    panel.webview.html = report.content;
    panel.reveal();
    await shown(panel);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    // Scripts for the page's filters, sorting and buttons; no local resources (the page is self-contained
    // and its Content-Security-Policy allows only its own nonce'd style and script).
    const panel = vscode.window.createWebviewPanel('corsLint.auditReport', 'CORS Audit', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      enableFindWidget: true,
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      this.onMessage(message).catch((error: unknown) => void vscode.window.showErrorMessage(`CORS Lint: ${describe(error)}`));
    });
    this.panel = panel;
    return panel;
  }

  /** Messages from the page (server/src/report/html.ts ReportMessage); anything else is ignored. */
  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown; path?: unknown; line?: unknown; column?: unknown; format?: unknown };
    if (m.type === 'open' && typeof m.path === 'string' && this.root !== undefined) {
      const file = path.isAbsolute(m.path) ? m.path : path.join(this.root, m.path);
      const position = new vscode.Position(Math.max(0, toInt(m.line) - 1), Math.max(0, toInt(m.column) - 1));
      await vscode.window.showTextDocument(vscode.Uri.file(file), {
        selection: new vscode.Range(position, position),
        viewColumn: vscode.ViewColumn.Beside,
      });
    } else if (m.type === 'export' && typeof m.format === 'string' && Object.hasOwn(EXPORTS, m.format)) {
      await this.export(m.format as ExportFormat);
    }
  }

  private async export(format: ExportFormat): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    const spec = EXPORTS[format];
    const folder = this.root ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const target = await vscode.window.showSaveDialog({
      title: `Export the CORS audit as ${spec.label}`,
      defaultUri: folder ? vscode.Uri.file(path.join(folder, `cors-audit.${spec.extension}`)) : undefined,
      filters: spec.filters,
      saveLabel: 'Export',
    });
    if (!target) return;
    const params: AuditReportParams = { format };
    const report = await client.sendRequest<AuditReportResult | null>(AUDIT_REPORT_REQUEST, params);
    if (!report) {
      void vscode.window.showWarningMessage('CORS Lint: there is no audit report to export; run "CORS Lint: Audit Workspace".');
      return;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(report.content, 'utf8'));
    const choice = await vscode.window.showInformationMessage(`CORS Lint: audit exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (choice === 'Open') await vscode.window.showTextDocument(target);
  }

  private runningClient(): LanguageClient | undefined {
    const client = this.client();
    if (client?.isRunning()) return client;
    void vscode.window.showWarningMessage('CORS Lint: the server is not running; see "CORS Lint: Show Output".');
    return undefined;
  }
}

/**
 * The audit request with a workDoneToken of our own: the server's $/progress goes to this notification
 * (vscode-languageclient would show server-created progress in the status bar, without a Cancel
 * button), and Cancel cancels the request, which stops the audit.
 */
async function requestAudit(
  client: LanguageClient,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<AuditResult | null> {
  const workDoneToken = randomUUID();
  let reported = 0;
  const subscription = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind === 'end') return;
    const percentage = typeof value.percentage === 'number' ? Math.max(reported, Math.min(100, value.percentage)) : reported;
    progress.report({ message: value.message, increment: percentage - reported });
    reported = percentage;
  });
  try {
    const params: AuditParams = { workDoneToken };
    return await client.sendRequest<AuditResult | null>(AUDIT_REQUEST, params, token);
  } finally {
    subscription.dispose();
  }
}

/**
 * Resolves once the workbench lists the panel's tab (the extension host learns of new tabs a moment
 * after createWebviewPanel returns), so "Show Audit Report" ends when the report is on screen.
 */
function shown(panel: vscode.WebviewPanel, timeoutMs = 5000): Promise<void> {
  const isShown = () =>
    vscode.window.tabGroups.all.some((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(panel.viewType) && tab.label === panel.title),
    );
  if (isShown()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => isShown() && done());
    const timer = setTimeout(done, timeoutMs);
  });
}

function toInt(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : 1;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
