// The workspace audit (DESIGN §1), main-thread side: runs audit jobs on a worker thread, reports
// `$/progress`, honours cancellation, streams each file's findings to the Problems panel as it
// completes, keeps the results for the report view and exports, and keeps them current as files
// change, are deleted, or are opened and closed.
//
// Diagnostics of unopened files are pushed (publishDiagnostics) to every client, also to pull clients:
// push streams file by file while the audit runs, needs no long-running workspace/diagnostic request
// held open by the server, and works the same in VS Code, Neovim and Emacs. Open documents belong to
// the Validator (live diagnostics of the unsaved text): the audit never publishes for them, and for a
// pull client it withdraws its pushed diagnostics when a document opens (VS Code keeps pushed and
// pulled diagnostics in separate collections, so both would show) and restores them, re-read from
// disk, when it closes.
import * as path from 'node:path';
import {
  CancellationToken,
  Diagnostic,
  FileChangeType,
  FileEvent,
  WorkDoneProgressReporter,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import type { DiscoveryProblem } from '../project/discover';
import { isAnalyzableFile } from '../core';
import type { AuditFileResult, AuditFolder, AuditJob, ExcludeGlob } from './audit-job';
import { AuditedFile, buildLintReport, renderAuditReport } from './audit-report';
import { AuditRunner } from './audit-runner';
import { locatedFindingToDiagnostic } from './diagnostics';
import { describeError, Log } from './guard';
import type { AuditReportParams, AuditReportResult, AuditResult, CorsLintSettings } from './protocol';
import { fileUriOf, filePathOf } from './uri';

export interface AuditHost {
  readonly pullDiagnostics: boolean;
  workspaceFolders(): string[];
  /** Open .corslintrc.json documents (their unsaved text is the config the editor uses). */
  openConfigs(): { path: string; text: string }[];
  /** The language server's project for the job: its import index (when built) and the open documents. */
  project(): AuditJob['project'];
  settings(folderUri: string): Promise<CorsLintSettings>;
  /** The `files` settings section of a folder (files.exclude), or undefined when the client has none. */
  filesSettings(folderUri: string): Promise<unknown>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** A server-initiated progress token (window/workDoneProgress/create); a null reporter if unsupported. */
  createProgress(): Promise<WorkDoneProgressServerReporter>;
  /** Asks the client to report changes of JS/TS files (once; after the first audit). */
  watchSourceFiles(): void;
}

/** Watched-file changes are collected this long, so a branch switch becomes one job. */
const CHANGE_DEBOUNCE_MS = 100;
/** Config and settings edits are collected this long before the audit runs again. */
const RERUN_DEBOUNCE_MS = 1000;
/** After a cancel, the audit waits this long for the worker's last batch before it answers. */
const CANCEL_GRACE_MS = 500;
/** A file whose analysis shows no end after this long is skipped (a test hook shortens it). */
const STALL_MS = Number(process.env.CORS_LINT_TEST_AUDIT_STALL_MS) || 30_000;

/** One audit: its counts for the answer, and its cancellation. */
class AuditRun {
  readonly started = Date.now();
  total = 0;
  done = 0;
  cancelled = false;
  private failure: string | undefined;
  readonly counts: AuditResult['findings'] = { error: 0, warning: 0, info: 0 };
  policies = 0;
  skipped = 0;
  readonly whenCancelled: Promise<void>;
  private resolveCancelled!: () => void;

  constructor(readonly id: number) {
    this.whenCancelled = new Promise((resolve) => (this.resolveCancelled = resolve));
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.resolveCancelled();
  }

  fail(message: string): void {
    this.failure = message;
    this.cancel();
  }

  count(result: AuditFileResult): void {
    this.done++;
    if (result.kind === 'skipped' || result.kind === 'unreadable') this.skipped++;
    if (result.kind !== 'linted') return;
    for (const finding of result.findings) this.counts[finding.severity]++;
    this.policies += result.policies.length;
  }

  result(): AuditResult {
    return {
      cancelled: this.cancelled,
      filesTotal: this.total,
      filesScanned: this.done - this.skipped,
      findings: this.counts,
      policies: this.policies,
      skippedFiles: this.skipped,
      durationMs: Date.now() - this.started,
      ...(this.failure !== undefined ? { error: `The audit failed: ${this.failure}` } : {}),
    };
  }
}

export class WorkspaceAudit {
  /** Per file (absolute path): its latest result; `seq` is the job (or event) that produced it. */
  private readonly files = new Map<string, AuditedFile & { seq: number }>();
  /** URIs that show audit diagnostics now (non-empty), so clearing is sent only where needed. */
  private readonly published = new Set<string>();
  /** Paths of open documents: their diagnostics are the Validator's. */
  private readonly open = new Set<string>();
  private readonly runner: AuditRunner;
  private nextSeq = 1;
  private current: AuditRun | undefined;
  /** Set once an audit has run: from then on file events and closed documents keep the results current. */
  private last: { generatedAt: string; durationMs: number; problems: DiscoveryProblem[] } | undefined;
  private readonly pendingChanges = new Set<string>();
  private changeTimer: NodeJS.Timeout | undefined;
  private rerunTimer: NodeJS.Timeout | undefined;
  /** A config or settings change arrived while an audit ran: run again once it ends. */
  private staleRun = false;

  constructor(
    private readonly host: AuditHost,
    workerScript: string,
    private readonly log: Log,
  ) {
    // Job ids are sequence numbers (see `files`): a newer job's result for a file wins over an older one's.
    this.runner = new AuditRunner({ script: workerScript, log, stallMs: STALL_MS, cancelGraceMs: CANCEL_GRACE_MS });
    for (const hook of ['CORS_LINT_TEST_AUDIT_HANG', 'CORS_LINT_TEST_AUDIT_CRASH', 'CORS_LINT_TEST_AUDIT_STALL_MS']) {
      if (process.env[hook]) log.warn(`cors-lint: ${hook}=${process.env[hook]} (test hook of the workspace audit)`);
    }
  }

  /**
   * Runs the audit. `attached` is the client's workDoneToken reporter, if it sent one; otherwise the
   * server creates a progress token. Cancelled by the request's token or the progress's cancel.
   */
  async run(attached: WorkDoneProgressReporter | undefined, token: CancellationToken | undefined): Promise<AuditResult> {
    this.current?.cancel(); // a newer audit supersedes a running one
    clearTimeout(this.rerunTimer);
    const run = new AuditRun(this.nextSeq++);
    const folders = this.host.workspaceFolders();
    if (folders.length === 0) return { ...run.result(), error: 'There is no workspace folder to audit.' };
    this.current = run;

    let progress: WorkDoneProgressReporter;
    try {
      progress = attached && !WorkDoneProgressReporter.isNullInstance(attached) ? attached : await this.host.createProgress();
    } catch (error) {
      // A client that refuses the progress token still gets its audit.
      this.log.warn(`cors-lint: window/workDoneProgress/create failed: ${describeError(error)}`);
      progress = NO_PROGRESS;
    }
    const subscriptions = [token, 'token' in progress ? (progress as WorkDoneProgressServerReporter).token : undefined]
      .filter((t): t is CancellationToken => t !== undefined)
      .map((t) => t.onCancellationRequested(() => run.cancel()));
    progress.begin('CORS Lint: auditing the workspace', 0, 'Finding files…', true);
    try {
      this.host.watchSourceFiles();
      const job: AuditJob = { id: run.id, folders: await this.folderSpecs(folders), openConfigs: this.host.openConfigs(), project: this.host.project() };
      if (run.cancelled) return run.result();
      const problems: DiscoveryProblem[] = [];
      let remembered = false;
      const remember = () => {
        this.last = { generatedAt: new Date(run.started).toISOString(), durationMs: Date.now() - run.started, problems };
        remembered = true;
      };
      const finished = new Promise<void>((resolve) => {
        this.runner.start(job, {
          onEvent: (event) => {
            if (event.type === 'discovered') {
              run.total = event.files.length;
              problems.push(...event.problems);
              progress.report(percentage(0, run.total), progressMessage(0, run.total, job.folders[0]?.name));
            } else if (event.type === 'results') {
              this.apply(run.id, event.results, run);
              if (this.current === run) progress.report(percentage(run.done, run.total), progressMessage(run.done, run.total, event.folder));
            } else {
              if (event.cancelled) run.cancel();
              // A complete audit saw every file there is; a cancelled one keeps older results of the rest.
              if (!run.cancelled) this.forgetUnvisited(run.id);
              remember();
              resolve();
            }
          },
          onFailed: (message) => {
            this.log.error(`cors-lint: the workspace audit failed: ${message}`);
            run.fail(message);
            resolve();
          },
        });
      });
      void run.whenCancelled.then(() => this.runner.cancel(run.id));
      // After a cancel, the worker's last batch (files already done) is awaited briefly; a file that
      // takes long to analyse does not hold up the answer.
      await Promise.race([finished, run.whenCancelled.then(() => Promise.race([finished, delay(CANCEL_GRACE_MS)]))]);
      if (!remembered) remember();
      return run.result();
    } finally {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.current === run) this.current = undefined;
      progress.done();
      if (this.staleRun && !this.current) {
        this.staleRun = false;
        this.configurationChanged();
      }
    }
  }

  /**
   * A .corslintrc.json, the corsLint settings or the workspace folders changed: the kept results were
   * computed with the old ones, so the audit runs again (with server-created progress), once the edits
   * settle and after a running audit ends. Nothing happens before the first audit.
   */
  configurationChanged(): void {
    if (!this.last) return;
    if (this.current) {
      this.staleRun = true;
      return;
    }
    clearTimeout(this.rerunTimer);
    this.rerunTimer = setTimeout(() => {
      this.rerunTimer = undefined;
      this.run(undefined, undefined).catch((error: unknown) => this.log.error(`cors-lint: re-running the audit failed: ${describeError(error)}`));
    }, RERUN_DEBOUNCE_MS);
  }

  /** The kept results as the report page or an export; null before the first audit. */
  report(params: AuditReportParams): AuditReportResult | null {
    if (!this.last) return null;
    const report = buildLintReport(this.reportRoot(), this.files, this.last);
    return { root: report.root, generatedAt: this.last.generatedAt, content: renderAuditReport(report, this.last.generatedAt, params) };
  }

  opened(uri: string): void {
    const filePath = filePathOf(uri);
    if (!filePath) return;
    this.open.add(filePath);
    const auditUri = fileUriOf(filePath);
    if (!this.published.delete(auditUri)) return;
    // A push client gets the live diagnostics on the same URI, which replace these.
    if (this.host.pullDiagnostics) this.host.publish(auditUri, []);
  }

  /** A closed document's file is read again: it may have been saved with other text than the audit saw. */
  closed(uri: string): void {
    const filePath = filePathOf(uri);
    if (!filePath) return;
    this.open.delete(filePath);
    if (this.last) this.queueChange(filePath);
  }

  /** workspace/didChangeWatchedFiles for JS/TS files (and deleted folders). */
  filesChanged(changes: readonly FileEvent[]): void {
    if (!this.last) return;
    for (const change of changes) {
      const filePath = typeof change?.uri === 'string' ? filePathOf(change.uri) : undefined;
      if (!filePath) continue;
      if (change.type === FileChangeType.Deleted) {
        this.deleted(filePath);
      } else if (isAnalyzableFile(filePath)) {
        this.queueChange(filePath);
      }
    }
  }

  /** Removed workspace folders take their audit results with them. */
  foldersRemoved(folders: readonly string[]): void {
    for (const folder of folders) this.deleted(folder);
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    clearTimeout(this.rerunTimer);
    this.current?.cancel();
    this.runner.dispose();
  }

  private deleted(filePath: string): void {
    const seq = this.nextSeq++;
    // A deleted folder arrives as one event for the folder: everything below it goes too.
    const below = `${filePath}${path.sep}`;
    for (const file of this.files.keys()) {
      if (file !== filePath && !file.startsWith(below)) continue;
      this.files.set(file, { ...GONE, seq });
      this.show(file, []);
    }
    // Not audited yet (a running audit may still reach it): an older job's result must not bring it back.
    if (!this.files.has(filePath) && isAnalyzableFile(filePath)) this.files.set(filePath, { ...GONE, seq });
    this.pendingChanges.delete(filePath);
  }

  private queueChange(filePath: string): void {
    this.pendingChanges.add(filePath);
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.flushChanges(), CHANGE_DEBOUNCE_MS);
  }

  private flushChanges(): void {
    this.changeTimer = undefined;
    const files = [...this.pendingChanges];
    this.pendingChanges.clear();
    const folders = this.host.workspaceFolders();
    if (files.length === 0 || folders.length === 0) return;
    const id = this.nextSeq++;
    this.folderSpecs(folders)
      .then((specs) => {
        this.runner.start({ id, folders: specs, openConfigs: this.host.openConfigs(), project: this.host.project(), files }, {
          onEvent: (event) => {
            if (event.type === 'results') this.apply(id, event.results, undefined);
          },
          onFailed: (message) => this.log.error(`cors-lint: re-analysing changed files failed: ${message}`),
        });
      })
      .catch((error: unknown) => this.log.error(`cors-lint: re-analysing changed files failed: ${describeError(error)}`));
  }

  /** Stores a batch of results (unless a newer job or event already answered for a file) and publishes. */
  private apply(seq: number, results: readonly AuditFileResult[], run: AuditRun | undefined): void {
    for (const result of results) {
      run?.count(result);
      const previous = this.files.get(result.path);
      if (previous && previous.seq > seq) continue;
      const entry = toEntry(result, seq);
      this.files.set(result.path, entry);
      this.show(result.path, entry.findings.map((f) => locatedFindingToDiagnostic(f, fileUriOf(result.path))));
    }
  }

  /** Publishes a file's audit diagnostics unless the document is open (its live diagnostics win). */
  private show(filePath: string, diagnostics: Diagnostic[]): void {
    if (this.open.has(filePath)) return;
    const uri = fileUriOf(filePath);
    if (diagnostics.length === 0 && !this.published.has(uri)) return;
    if (diagnostics.length > 0) this.published.add(uri);
    else this.published.delete(uri);
    this.host.publish(uri, diagnostics);
  }

  /** A completed audit saw every file there is: what it did not visit was deleted, ignored or excluded. */
  private forgetUnvisited(seq: number): void {
    for (const [file, entry] of this.files) {
      if (entry.seq >= seq) continue;
      this.files.delete(file);
      this.show(file, []);
    }
  }

  private async folderSpecs(folders: readonly string[]): Promise<AuditFolder[]> {
    const specs = await Promise.all(
      folders.map(async (folder): Promise<AuditFolder | undefined> => {
        const uri = fileUriOf(folder);
        const [settings, files] = await Promise.all([this.host.settings(uri), this.host.filesSettings(uri).catch(() => undefined)]);
        if (!settings.enable) return undefined;
        return {
          path: folder,
          name: path.basename(folder) || folder,
          maxFileSize: settings.maxFileSize,
          customizations: settings.rules.customizations,
          exclude: excludeGlobs(files),
        };
      }),
    );
    return specs.filter((s): s is AuditFolder => s !== undefined);
  }

  private reportRoot(): string {
    const folders = this.host.workspaceFolders();
    let root = folders[0] ?? '/';
    for (const folder of folders.slice(1)) {
      while (path.relative(root, folder).startsWith('..') && path.dirname(root) !== root) root = path.dirname(root);
    }
    return root;
  }
}

const NO_PROGRESS: WorkDoneProgressReporter = { begin: () => {}, report: () => {}, done: () => {} };

/** A file the audit no longer covers (deleted, or now ignored/excluded). */
const GONE: AuditedFile = { kind: 'gone', findings: [], policies: [], notices: [] };

function toEntry(result: AuditFileResult, seq: number): AuditedFile & { seq: number } {
  switch (result.kind) {
    case 'linted':
      return { kind: 'linted', findings: result.findings, policies: result.policies, notices: result.notices, seq };
    case 'skipped':
    case 'unreadable':
      return { kind: result.kind, findings: [], policies: [], notices: [result.notice], seq };
    case 'excluded':
      return { ...GONE, seq };
  }
}

/** files.exclude: `{ glob: true }` entries, and `{ glob: { when } }` ones (kept with their condition). */
function excludeGlobs(files: unknown): ExcludeGlob[] {
  const exclude = typeof files === 'object' && files !== null ? (files as { exclude?: unknown }).exclude : undefined;
  if (typeof exclude !== 'object' || exclude === null) return [];
  const globs: ExcludeGlob[] = [];
  for (const [glob, value] of Object.entries(exclude as Record<string, unknown>)) {
    if (value === true) globs.push({ glob });
    const when = typeof value === 'object' && value !== null ? (value as { when?: unknown }).when : undefined;
    if (typeof when === 'string' && when !== '') globs.push({ glob, when });
  }
  return globs;
}

/** "<done>/<total> files — <folder>": the folder the last analysed file is in. */
function progressMessage(done: number, total: number, folder: string | undefined): string {
  return folder ? `${done}/${total} files — ${folder}` : `${done}/${total} files`;
}

function percentage(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done * 100) / total);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
