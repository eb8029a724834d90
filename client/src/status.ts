// The language status item next to the language mode: is the server starting, running, stopped, failing?
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';

export type ServerState = 'starting' | 'running' | 'stopped' | 'error';

const PRESENTATION: Record<ServerState, { text: string; detail: string; severity: vscode.LanguageStatusSeverity; busy: boolean }> = {
  starting: { text: 'CORS Lint: starting', detail: 'The cors-lint server is starting', severity: vscode.LanguageStatusSeverity.Information, busy: true },
  running: { text: 'CORS Lint', detail: 'The cors-lint server is running', severity: vscode.LanguageStatusSeverity.Information, busy: false },
  stopped: { text: 'CORS Lint: stopped', detail: 'Run "CORS Lint: Restart Server" to start it again', severity: vscode.LanguageStatusSeverity.Warning, busy: false },
  error: { text: 'CORS Lint: error', detail: 'The cors-lint server failed; see "CORS Lint: Show Output"', severity: vscode.LanguageStatusSeverity.Error, busy: false },
};

export class ServerStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private subscription: vscode.Disposable | undefined;
  private current: ServerState = 'starting';
  /** Set while the extension itself stops the client (restart, deactivate): not an error. */
  stopping = false;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('corsLint.server', selector);
    this.item.name = 'CORS Lint';
    this.item.command = { title: 'Show Output', command: 'corsLint.showOutput' };
    this.set('starting');
  }

  get state(): ServerState {
    return this.current;
  }

  set(state: ServerState, detail?: string): void {
    this.current = state;
    const presentation = PRESENTATION[state];
    this.item.text = presentation.text;
    this.item.detail = detail ?? presentation.detail;
    this.item.severity = presentation.severity;
    this.item.busy = presentation.busy;
  }

  track(client: LanguageClient): void {
    this.subscription?.dispose();
    this.subscription = client.onDidChangeState((event) => {
      switch (event.newState) {
        case State.Starting:
          this.set('starting');
          break;
        case State.Running:
          this.set('running');
          break;
        case State.StartFailed:
          this.set('error');
          break;
        case State.Stopped:
          // A stop nobody asked for is the server dying (after the client's restart attempts).
          this.set(this.stopping ? 'stopped' : 'error');
          break;
      }
    });
  }

  dispose(): void {
    this.subscription?.dispose();
    this.item.dispose();
  }
}
