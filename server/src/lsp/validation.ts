// When diagnostics are computed and how they reach the client. Push (publishDiagnostics) for clients
// without `textDocument.diagnostic`, pull otherwise — never both, or VS Code shows everything twice.
// Typing is debounced; a run whose document changed while it waited for settings/config is dropped.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { AnalysisCache, DocumentAnalysis } from './analysis';
import type { ConfigResolver } from './config-watch';
import type { DocumentStore } from './documents';
import { throwIfCancelled, type Guard } from './guard';
import type { SettingsCache } from './settings';

/**
 * Quiet time after the last keystroke before a document is analysed (push mode), at most: the wait is
 * what the document's last analysis cost (at least 10 ms), so a cheap analysis shows its result almost
 * at once and an expensive one (a large bundle) still does not run on every keystroke: while someone
 * types faster than the wait, nothing runs, and typing just slower than it keeps the server busy at most
 * half the time. The result is visible the wait plus one analysis after the last keystroke: on a
 * 5,000-line file (~12 ms to re-parse and analyse) about 25 ms of server time (bench/lsp.mjs). Twice
 * the cost, as before, added that much again to every keystroke's latency for no saving that matters.
 */
export const ANALYSIS_DEBOUNCE_MS = 150;
/** Below this, a burst of changes sent together (a paste, a multi-cursor edit, a format) still counts as one. */
const MIN_ANALYSIS_DEBOUNCE_MS = 10;

export interface ValidationHost {
  readonly pullDiagnostics: boolean;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** Asks a pull client to pull again (workspace/diagnostic/refresh), when it supports that. */
  refresh(): void;
}

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Milliseconds the last analysis of each document took (the debounce follows it). */
  private readonly costs = new Map<string, number>();
  /** Bumped on every trigger: a run that finds a newer one started gives up. */
  private readonly runs = new Map<string, number>();
  /** run = onSave: the diagnostics as of the last open/save, which pulls keep answering with. */
  private readonly onSaveSnapshots = new Map<string, Diagnostic[]>();
  private readonly resultIds = new WeakMap<Diagnostic[], string>();
  /** Documents this validator serves (open JS/TS and other non-config documents). */
  private readonly tracked = new Set<string>();
  private nextResultId = 1;

  constructor(
    private readonly host: ValidationHost,
    private readonly documents: DocumentStore,
    private readonly settings: SettingsCache,
    private readonly configs: ConfigResolver,
    private readonly analyses: AnalysisCache,
    private readonly guard: Guard,
  ) {}

  /**
   * The analysis of the document's current version, or undefined when the document was closed or
   * changed while settings and config were being fetched (the caller's request is then outdated).
   */
  /**
   * The analysis of a document's current text for a request. Throws RequestCancelled when the client
   * cancelled the request while settings were being fetched, before any analysis work.
   */
  async analysisFor(uri: string, token?: CancellationToken): Promise<{ document: TextDocument; analysis: DocumentAnalysis } | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const version = document.version;
    const [settings, config] = await Promise.all([this.settings.get(uri), this.configs.forDocument(uri)]);
    throwIfCancelled(token);
    const current = this.documents.get(uri);
    if (!current || current.version !== version) return undefined;
    const started = performance.now();
    const analysis = this.analyses.analyze(current, settings, config);
    this.costs.set(uri, performance.now() - started);
    return { document: current, analysis };
  }

  opened(document: TextDocument): void {
    this.tracked.add(document.uri);
    if (this.host.pullDiagnostics) {
      void this.snapshotIfOnSave(document.uri);
      return;
    }
    void this.validateNow(document.uri);
  }

  async changed(document: TextDocument): Promise<void> {
    if (this.host.pullDiagnostics) return;
    const uri = document.uri;
    const settings = await this.settings.get(uri);
    if (settings.run === 'onType' && this.documents.get(uri)) this.schedule(uri);
  }

  async saved(document: TextDocument): Promise<void> {
    const settings = await this.settings.get(document.uri);
    if (settings.run !== 'onSave') return;
    if (this.host.pullDiagnostics) {
      this.onSaveSnapshots.delete(document.uri);
      await this.snapshotIfOnSave(document.uri);
    } else {
      await this.validateNow(document.uri);
    }
  }

  closed(document: TextDocument): void {
    const uri = document.uri;
    this.tracked.delete(uri);
    this.cancel(uri);
    this.runs.delete(uri);
    this.costs.delete(uri);
    this.onSaveSnapshots.delete(uri);
    this.analyses.forget(uri);
    this.settings.forget(uri);
    // Pull clients drop a closed document's diagnostics themselves.
    if (!this.host.pullDiagnostics) this.host.publish(uri, undefined, []);
  }

  /** Settings or a config file changed: every open document is analysed again. */
  revalidateAll(): void {
    if (this.host.pullDiagnostics) {
      this.onSaveSnapshots.clear();
      this.host.refresh();
      return;
    }
    for (const uri of this.tracked) void this.validateNow(uri);
  }

  /**
   * Files other documents depend on changed (an edit, a save, a watched file): those open documents are
   * analysed again after the usual debounce (push), or the client is asked to pull again.
   */
  dependenciesChanged(uris: Iterable<string>): void {
    let any = false;
    for (const uri of uris) {
      if (!this.tracked.has(uri)) continue;
      any = true;
      this.analyses.invalidate(uri);
      this.onSaveSnapshots.delete(uri);
      if (!this.host.pullDiagnostics) this.schedule(uri);
    }
    if (any && this.host.pullDiagnostics) this.host.refresh();
  }

  /** The project index became available or was rebuilt: every open document is analysed again. */
  projectChanged(): void {
    this.analyses.invalidateAll();
    this.revalidateAll();
  }

  /** textDocument/diagnostic. */
  async pull(uri: string, previousResultId: string | undefined, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const diagnostics = await this.currentDiagnostics(uri, token);
    if (!diagnostics) return { kind: 'full', items: [] };
    let resultId = this.resultIds.get(diagnostics);
    if (!resultId) {
      resultId = String(this.nextResultId++);
      this.resultIds.set(diagnostics, resultId);
    }
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: diagnostics };
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private async currentDiagnostics(uri: string, token?: CancellationToken): Promise<Diagnostic[] | undefined> {
    const snapshot = this.onSaveSnapshots.get(uri);
    if (snapshot) return snapshot;
    // A pull answers for the current text: retry while edits keep arriving during the settings fetch.
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await this.analysisFor(uri, token);
      if (result) {
        if (result.analysis.settings.run === 'onSave') this.onSaveSnapshots.set(uri, result.analysis.diagnostics);
        return result.analysis.diagnostics;
      }
      if (!this.documents.get(uri)) return undefined;
    }
    return undefined;
  }

  private async snapshotIfOnSave(uri: string): Promise<void> {
    const settings = await this.settings.get(uri);
    if (settings.run === 'onSave' && !this.onSaveSnapshots.has(uri)) await this.currentDiagnostics(uri);
  }

  private schedule(uri: string): void {
    this.cancel(uri);
    this.runs.set(uri, (this.runs.get(uri) ?? 0) + 1);
    const timer = setTimeout(
      this.guard.notification('analysis', () => {
        this.timers.delete(uri);
        return this.validateNow(uri);
      }),
      this.debounceFor(uri),
    );
    this.timers.set(uri, timer);
  }

  private debounceFor(uri: string): number {
    const cost = this.costs.get(uri);
    if (cost === undefined) return ANALYSIS_DEBOUNCE_MS;
    return Math.min(ANALYSIS_DEBOUNCE_MS, Math.max(MIN_ANALYSIS_DEBOUNCE_MS, Math.round(cost)));
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  /** Analyses and publishes, unless a newer trigger or edit overtook this run. */
  private async validateNow(uri: string): Promise<void> {
    const run = (this.runs.get(uri) ?? 0) + 1;
    this.runs.set(uri, run);
    const result = await this.analysisFor(uri);
    if (!result || this.runs.get(uri) !== run) return;
    this.host.publish(uri, result.document.version, result.analysis.diagnostics);
  }
}
