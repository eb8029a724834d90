// The audit's file work, run on a worker thread (audit-worker.ts) so the server keeps answering while
// thousands of files are read. Which files: the project layer's discovery (as the CLI) (.gitignore, node_modules and build
// folders, the config's `ignore`) plus the editor's files.exclude. Each file: the shared lintFile (read,
// decode, prefilter, analyse, lines and columns), so the audit and `cors-lint` agree, with the config
// the editor would use for that file (the nearest .corslintrc.json, unsaved edits included) and the
// folder's `corsLint.rules.customizations`. Results stream back in small batches; a cancelled job
// stops between two files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, SKIPPED_DIRECTORIES } from '../project/discover';
import type { DiscoveryProblem } from '../project/discover';
import { GitignoreStack } from '../project/gitignore';
import { lintFile } from '../project/lint-file';
import type { FileNotice } from '../project/lint-file';
import { isInside, toSlashes } from '../project/paths';
import type { ReportedFinding, ReportedPolicy } from '../project/report';
import type { IndexSnapshot } from '../project/module-index';
import { Project } from '../project/project';
import { isAnalyzableFile } from '../core';
import { matchesIgnoreGlobs } from '../project/ignore-globs';
import { ConfigResolver } from './config-watch';
import type { RuleCustomization } from './protocol';
import { applyCustomizations } from './settings';
import { fileUriOf } from './uri';

/** One files.exclude entry: `glob` is relative to the workspace folder; `when` names a sibling file. */
export interface ExcludeGlob {
  glob: string;
  /** VS Code's condition, e.g. `$(basename).ts`: excluded only when that sibling exists. */
  when?: string;
}

/** A workspace folder with the settings the audit needs (the main thread reads them per folder). */
export interface AuditFolder {
  path: string;
  name: string;
  /** corsLint.maxFileSize, applied to the file size before reading (the editor counts characters). */
  maxFileSize: number;
  customizations: RuleCustomization[];
  exclude: ExcludeGlob[];
}

export interface AuditJob {
  id: number;
  folders: AuditFolder[];
  /** Open .corslintrc.json documents: their unsaved text wins over the disk, as in the editor. */
  openConfigs: { path: string; text: string }[];
  /** Absent: every file of every folder. Present: only these files (watched-file changes). */
  files?: string[];
  /**
   * The language server's project: its import index (absent while it is still being built: the job then
   * indexes lazily itself) and the open documents, whose unsaved text other files' analyses read.
   */
  project?: { index?: IndexSnapshot; openDocuments: { path: string; text: string }[] };
}

export type AuditFileResult =
  | { path: string; kind: 'linted'; findings: ReportedFinding[]; policies: ReportedPolicy[]; notices: FileNotice[] }
  | { path: string; kind: 'skipped' | 'unreadable'; notice: FileNotice }
  /** Not (or no longer) part of the audit: outside the folders, ignored, excluded, or not JS/TS. */
  | { path: string; kind: 'excluded' };

export type AuditEvent =
  /** `files`: the order the job analyses them in (results come in this order). */
  | { type: 'discovered'; files: string[]; problems: DiscoveryProblem[] }
  | { type: 'results'; folder: string; results: AuditFileResult[] }
  | { type: 'done'; cancelled: boolean };

/** A batch goes out when it has this many files or is this old, whichever comes first. */
const BATCH_FILES = 100;
const BATCH_MS = 50;
/** The job yields to the event loop this often, so a cancel message is seen between two files. */
const YIELD_MS = 10;

/** The same rule as the CLI's discovery: minified bundles are build output, not server code. */
const MINIFIED = /\.min\.[cm]?js$/i;

export interface AuditJobHooks {
  emit(event: AuditEvent): void;
  cancelled(): boolean;
  /**
   * Called with the queue index of the file about to be analysed, and with undefined after it: the main
   * thread reads it (shared memory) to name the file when the worker hangs or dies on one.
   */
  analysing(index: number | undefined, file: string): void;
}

export async function runAuditJob(job: AuditJob, hooks: AuditJobHooks): Promise<void> {
  const { emit, cancelled } = hooks;
  const openConfigs = new Map(job.openConfigs.map((c) => [c.path, c.text]));
  const configs = new ConfigResolver({
    workspaceFolders: () => job.folders.map((f) => f.path),
    openText: (filePath) => {
      const text = openConfigs.get(filePath);
      return text === undefined ? undefined : { uri: fileUriOf(filePath), text };
    },
    // Config problems are the main thread's to publish (its resolver reads the same files).
    publishDiagnostics: () => {},
  });
  const scopes = await Promise.all(job.folders.map((folder) => FolderScope.create(folder, configs)));
  const project = new Project({ roots: job.folders.map((f) => f.path), indexing: 'lazy' });
  if (job.project?.index) project.loadIndex(job.project.index);
  for (const document of job.project?.openDocuments ?? []) project.setOverlay(document.path, document.text);

  const queue: { file: string; scope: FolderScope | undefined }[] = [];
  if (job.files) {
    for (const file of job.files) queue.push({ file, scope: scopeOf(scopes, file) });
  } else {
    const problems: DiscoveryProblem[] = [];
    for (const scope of scopes) {
      if (cancelled()) break;
      const discovered = scope.discover();
      problems.push(...discovered.problems);
      for (const file of discovered.files) {
        // A nested config's `ignore` (discovery applied the folder root's).
        if (!(await configs.forDocument(fileUriOf(file))).ignored) queue.push({ file, scope });
      }
      await yieldToEventLoop();
    }
    emit({ type: 'discovered', files: queue.map((q) => q.file), problems });
  }

  let batch: AuditFileResult[] = [];
  let batchFolder = '';
  let batchStarted = Date.now();
  let lastYield = Date.now();
  const flush = () => {
    if (batch.length > 0) emit({ type: 'results', folder: batchFolder, results: batch });
    batch = [];
    batchStarted = Date.now();
  };
  let stopped = false;
  for (const [index, { file, scope }] of queue.entries()) {
    if (cancelled()) {
      stopped = true;
      break;
    }
    if (batch.length === 0) batchStarted = Date.now();
    batch.push(await auditFile(file, scope, configs, project, job.files !== undefined, (busy) => hooks.analysing(busy ? index : undefined, file)));
    batchFolder = scope?.folder.name ?? batchFolder;
    const now = Date.now();
    if (batch.length >= BATCH_FILES || now - batchStarted >= BATCH_MS) flush();
    if (now - lastYield >= YIELD_MS) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  // A cancelled job's last batch is kept: those files are done, and "reports what it has" includes them.
  flush();
  emit({ type: 'done', cancelled: stopped || cancelled() });
}

async function auditFile(
  file: string,
  scope: FolderScope | undefined,
  configs: ConfigResolver,
  project: Project,
  single: boolean,
  analysing: (busy: boolean) => void,
): Promise<AuditFileResult> {
  // Single files come from file events, which know nothing of the audit's filters.
  if (!scope || (single && !scope.admits(file))) return { path: file, kind: 'excluded' };
  const resolved = await configs.forDocument(fileUriOf(file));
  if (resolved.ignored) return { path: file, kind: 'excluded' };
  analysing(true);
  const outcome = lintFile(file, { config: resolved.config, fix: false, quiet: false, maxFileSize: scope.folder.maxFileSize }, project);
  analysing(false);
  if (outcome.kind !== 'linted') return { path: file, kind: outcome.kind, notice: editorNotice(outcome.notice) };
  return {
    path: file,
    kind: 'linted',
    findings: applyCustomizations(outcome.findings, scope.folder.customizations),
    policies: outcome.policies,
    notices: outcome.notices,
  };
}

/** lintFile words its size notice for the command line; in the editor the limit is a setting. */
function editorNotice(notice: FileNotice): FileNotice {
  if (notice.kind !== 'too-large') return notice;
  return { ...notice, message: notice.message.replace('(see --max-file-size)', '(see the corsLint.maxFileSize setting)') };
}

function scopeOf(scopes: readonly FolderScope[], file: string): FolderScope | undefined {
  // The innermost folder wins when workspace folders nest.
  let best: FolderScope | undefined;
  for (const scope of scopes) {
    if (isBelow(scope.folder.path, file) && (!best || scope.folder.path.length > best.folder.path.length)) best = scope;
  }
  return best;
}

/** Which files of one workspace folder the audit covers. */
class FolderScope {
  /** files.exclude (anchored at the folder, like VS Code) and the root config's `ignore`. */
  private readonly globs: string[];
  /** With the anchored glob as a one-entry list, so its compiled matcher is reused. */
  private readonly conditional: (ExcludeGlob & { anchored: string[] })[];

  private constructor(
    readonly folder: AuditFolder,
    rootIgnore: readonly string[],
    private readonly gitignore: GitignoreStack,
  ) {
    const unconditional = folder.exclude.filter((e) => e.when === undefined).map((e) => anchored(e.glob));
    this.globs = [...unconditional, ...rootIgnore];
    this.conditional = folder.exclude.filter((e) => e.when !== undefined).map((e) => ({ ...e, anchored: [anchored(e.glob)] }));
  }

  static async create(folder: AuditFolder, configs: ConfigResolver): Promise<FolderScope> {
    // The resolver looks for a config no higher than the workspace folder, so the one it finds for a
    // file at the top is at the folder root and its `ignore` globs are relative to the folder: they
    // can prune whole folders during discovery. (The name is never read; any file at the top will do.)
    const root = await configs.forDocument(fileUriOf(path.join(folder.path, 'index.js')));
    return new FolderScope(folder, root.filePath ? root.config.ignore : [], GitignoreStack.forScanRoot(folder.path));
  }

  discover(): { files: string[]; problems: DiscoveryProblem[] } {
    const { files, problems } = discoverFiles({
      root: this.folder.path,
      targets: [this.folder.path],
      ignore: { baseDir: this.folder.path, globs: this.globs },
    });
    return { files: files.map((f) => f.absolutePath).filter((f) => !this.excludedBySibling(f)), problems };
  }

  /** discoverFiles' decision for one file: what a watched-file event reports may be anything. */
  admits(file: string): boolean {
    if (!isBelow(this.folder.path, file)) return false;
    const segments = path.relative(this.folder.path, file).split(path.sep);
    const name = segments[segments.length - 1];
    if (!isAnalyzableFile(name) || MINIFIED.test(name)) return false;
    let dir = this.folder.path;
    for (const segment of segments.slice(0, -1)) {
      dir = path.join(dir, segment);
      if (SKIPPED_DIRECTORIES.has(segment) || this.ignores(dir, true)) return false;
    }
    return !this.ignores(file, false) && !this.excludedBySibling(file);
  }

  private ignores(full: string, isDir: boolean): boolean {
    if (this.gitignore.isIgnored(full, isDir)) return true;
    return this.globs.length > 0 && matchesIgnoreGlobs(toSlashes(path.relative(this.folder.path, full)), this.globs, isDir);
  }

  /** files.exclude entries with a `when` such as `$(basename).ts`: compiled output next to its source. */
  private excludedBySibling(file: string): boolean {
    if (this.conditional.length === 0) return false;
    const relative = toSlashes(path.relative(this.folder.path, file));
    return this.conditional.some((e) => {
      if (!matchesIgnoreGlobs(relative, e.anchored)) return false;
      const base = path.basename(file, path.extname(file));
      return fs.existsSync(path.join(path.dirname(file), e.when!.replace(/\$\(basename\)/g, base)));
    });
  }
}

/** VS Code matches files.exclude against the folder-relative path: `out` is the top-level folder only. */
function anchored(glob: string): string {
  return glob.startsWith('/') ? glob : `/${glob}`;
}

function isBelow(folder: string, file: string): boolean {
  return file !== folder && isInside(folder, file);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
