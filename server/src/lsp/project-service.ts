// The language server's project: one Project over the workspace folders, its import index built in
// the background at start-up (a slice at a time between requests), kept current from the editor's
// documents (unsaved text wins) and from watched-file events (create/change/delete, tsconfig,
// package.json, .env*). It answers which open documents an edit elsewhere may change, and hands the
// audit worker the same index.
import type { ProjectHost } from '../core/host';
import type { IndexSnapshot } from '../project/module-index';
import { Project } from '../project/project';
import type { FileChange } from '../project/project';
import type { Log } from './guard';

/** Quiet time after the last analysis before the modules parsed for the burst are released. */
const BATCH_IDLE_MS = 1000;

export class ProjectService {
  private project: Project | undefined;
  private generation = 0;
  private building: Promise<void> | undefined;

  constructor(
    private readonly log: Log,
    /** The index is complete: open documents are analysed again (`importersOf` now answers). */
    private readonly onIndexed: () => void,
    /** Text of the open documents, which the project reads instead of the disk. */
    private readonly openDocuments: () => { path: string; text: string }[],
  ) {}

  /** (Re)starts the project for these folders; the index is built in the background. */
  start(folders: readonly string[]): void {
    const generation = ++this.generation;
    const project = new Project({ roots: [...folders], indexing: 'background' });
    for (const document of this.openDocuments()) project.setOverlay(document.path, document.text);
    this.project = project;
    if (folders.length === 0) return;
    const started = Date.now();
    this.building = project
      .buildIndexInSlices(() => new Promise((resolve) => setImmediate(resolve)), () => generation !== this.generation)
      .then((complete) => {
        if (!complete) return;
        this.log.info(`cors-lint: project index: ${project.index.size} files in ${Date.now() - started} ms`);
        this.onIndexed();
      })
      .catch((error: unknown) => this.log.error(`cors-lint: building the project index failed: ${String(error)}`));
  }

  /** Settles when the current index build has finished (tests and the audit wait on it). */
  async whenIndexed(): Promise<void> {
    await this.building;
  }

  /** A project file's text (an open document's, else the disk's), or undefined. */
  readFile(filePath: string): string | undefined {
    return this.project?.readFile(filePath);
  }

  hostFor(dependencies: Set<string>): ProjectHost | undefined {
    const project = this.project;
    if (!project) return undefined;
    this.batchActivity(project);
    return project.hostFor(dependencies);
  }

  /**
   * Analyses come in bursts (a keystroke re-analyses its dependents, each after its own debounce): the
   * modules parsed for them are shared until the burst has been quiet for BATCH_IDLE_MS, then dropped
   * (issue 12, item 8: no syntax tree of an unopened file is kept between bursts).
   */
  private batchActivity(project: Project): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      const dropped = project.endBatch();
      if (dropped > 0) this.log.log(`cors-lint: project: ${dropped} parsed module(s) released after the analyses`);
    }, BATCH_IDLE_MS);
    this.batchTimer.unref();
  }

  private batchTimer: NodeJS.Timeout | undefined;

  /** A document was opened or edited (text) or closed (undefined). Returns the files that import it. */
  documentChanged(filePath: string, text: string | undefined): string[] {
    const project = this.project;
    if (!project) return [];
    project.setOverlay(filePath, text);
    return project.isIndexed ? project.index.dependentsOf(filePath) : [];
  }

  /** Watched files changed on disk. Returns the files whose analysis may change. */
  filesChanged(changes: readonly { path: string; change: FileChange }[]): Set<string> {
    const affected = new Set<string>();
    const project = this.project;
    if (!project) return affected;
    for (const { path, change } of changes) {
      for (const dependent of project.fileChanged(path, change)) affected.add(dependent);
    }
    return affected;
  }

  /** The index for the audit worker, when it is complete (else the worker builds its own). */
  snapshot(): IndexSnapshot | undefined {
    return this.project?.isIndexed ? this.project.index.snapshot() : undefined;
  }

  dispose(): void {
    this.generation++;
    this.project = undefined;
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
  }
}
