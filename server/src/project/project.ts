// The project around the analysed files, and the ProjectHost the engine asks about it (core/host.ts):
// module resolution, other files' text (the editor's unsaved text wins over the disk), who imports a
// file, `.env*` values and package versions. One implementation serves the CLI, the audit and the
// language server; in-memory tests implement the interface themselves.
import * as path from 'node:path';
import { ANALYZABLE_EXTENSIONS, isAnalyzableFile } from '../core/prefilter';
import type { EnvValue, PackageVersion, ProjectHost } from '../core/host';
import { DirectoryCache } from './directory-cache';
import { discoverFiles } from './discover';
import { EnvFiles, isEnvFileName } from './env-files';
import { ModuleIndex } from './module-index';
import type { IndexSnapshot } from './module-index';
import { isInside, relativePath } from './paths';
import { createPackageVersionReader } from './packages';
import { ModuleResolver } from './resolver';
import { decodeSource, readRegularFile } from './text-file';
import { needsAnalysis } from './lint-file';
import type { LintVerdict } from './lint-file';
import { scanImports } from '../core/imports';

/** Files the project reads for another file's analysis are at most this large (generated bundles are not config). */
export const MAX_PROJECT_FILE_SIZE = 2_000_000;
/** Texts of unopened files kept for re-use between analyses (an LRU; bounded so memory stays flat). */
const TEXT_CACHE_FILES = 256;
/** Names whose change re-resolves every import. */
const RESOLUTION_CONFIG_FILES = new Set(['tsconfig.json', 'jsconfig.json', 'package.json', 'pnpm-workspace.yaml']);
/** Names whose change can change a package version the engine was told (project/packages.ts reads them). */
export const PACKAGE_VERSION_FILES = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb']);

export interface ProjectOptions {
  /** The folders that make up the project (workspace folders, or the CLI's scan root). */
  roots: string[];
  /** The config's `ignore` globs and their folder, applied when the whole project is indexed. */
  ignore?: { baseDir: string; globs: readonly string[] };
  /**
   * How `importersOf` behaves before the index exists: 'lazy' builds it on first need (the CLI: only
   * runs that ask pay for it); 'background' answers undefined ("cannot tell") until the caller has
   * built it (the language server builds it in slices between requests).
   */
  indexing?: 'lazy' | 'background';
  /**
   * What discovery finds under the roots with this `ignore`, when the caller has walked them already
   * (the CLI linting its scan root): the index takes these instead of walking the folders again.
   */
  files?: readonly string[];
}

export type FileChange = 'created' | 'changed' | 'deleted';

export class Project {
  readonly directories = new DirectoryCache();
  readonly resolver: ModuleResolver;
  readonly index: ModuleIndex;
  readonly env: EnvFiles;
  /** Open editor documents: their text wins over the disk. */
  private readonly overlay = new Map<string, string>();
  private readonly texts = new Map<string, string | null>();
  private indexed = false;
  /**
   * The CLI reads each file once. Before the index exists, the lint pass hands over the specifiers of
   * each module it reads (textRead); building the index then reads only the others, and keeps for
   * each of those that needs no analysis what lintFile reports for it (takeLintVerdict).
   */
  private readonly scannedBeforeIndex = new Map<string, readonly string[]>();
  private readonly lintVerdicts = new Map<string, LintVerdict>();
  /** packageVersion answers by package name and folder: lockfiles are large, and every file of a folder asks alike. */
  private readonly packageVersions = new Map<string, PackageVersion | undefined>();
  private readonly readPackageVersion = createPackageVersionReader((file) => this.overlay.get(file) ?? readText(file, Infinity) ?? undefined);

  constructor(readonly options: ProjectOptions) {
    const readFile = (file: string) => this.readFile(file);
    this.resolver = new ModuleResolver({ directories: this.directories, readFile });
    this.index = new ModuleIndex(this.resolver);
    this.env = new EnvFiles({
      directories: this.directories,
      readFile,
      isProjectRoot: (folder) => this.options.roots.includes(folder),
    });
  }

  /**
   * The host for one analysis; `dependencies` collects what it read (AnalysisResult.dependencies). The host
   * object is the same for every analysis of this project: the engine keys its module records by host
   * (core/modules.ts), so a module imported by many files is parsed once per text, not once per importer.
   * Analyses are synchronous, so the sink set here is the current analysis's.
   */
  hostFor(dependencies?: Set<string>): ProjectHost {
    this.sink = dependencies;
    return this.host;
  }

  private sink: Set<string> | undefined;
  private readonly host: ProjectHost = {
    resolveModule: (specifier, fromFile) => this.resolver.resolve(specifier, fromFile),
    readFile: (file) => {
      const text = this.readFile(file);
      if (text !== undefined) this.sink?.add(file);
      return text;
    },
    importersOf: (file) => {
      if (this.options.indexing !== 'background') this.ensureIndexed();
      return this.indexed ? this.index.importersOf(file) : undefined;
    },
    envValues: (name, fromFile): EnvValue[] => {
      const values = this.env.valuesOf(name, fromFile);
      for (const v of values) this.sink?.add(v.file);
      return values;
    },
    packageVersion: (name, fromFile): PackageVersion | undefined => {
      const key = `${name}\0${path.dirname(fromFile)}`;
      let version = this.packageVersions.get(key);
      if (version === undefined && !this.packageVersions.has(key)) {
        version = this.readPackageVersion(name, fromFile);
        this.packageVersions.set(key, version);
      }
      if (version) this.sink?.add(version.file);
      return version;
    },
    displayPath: (file) => this.displayPath(file),
    registerModuleCache: (release) => {
      this.moduleCaches.push(release);
    },
  };

  /** The engine's module caches filled through this project's host (core/modules.ts); see endBatch. */
  private readonly moduleCaches: ((keep: (file: string) => boolean) => number)[] = [];

  /**
   * A batch of analyses ended: the engine drops the syntax trees of the modules it parsed for it, except
   * open documents'. The next batch parses what it needs once more. Returns how many were dropped.
   */
  endBatch(): number {
    let dropped = 0;
    for (const release of this.moduleCaches) dropped += release((file) => this.overlay.has(file));
    return dropped;
  }

  /**
   * A file as messages and provenance name it: relative to the deepest root that holds it ('/'-separated),
   * else to the first root (with `..`), and absolute only when the project has no root.
   */
  displayPath(file: string): string {
    const holding = this.options.roots.filter((root) => isInside(root, file)).sort((a, b) => b.length - a.length)[0];
    const root = holding ?? this.options.roots[0];
    return root === undefined ? file : relativePath(root, file);
  }

  /** The text of a project file: an open document's, else the disk's (decoded as lintFile does). */
  readFile(file: string): string | undefined {
    const open = this.overlay.get(file);
    if (open !== undefined) return open;
    let text = this.texts.get(file);
    if (text !== undefined) {
      // Most recently used last.
      this.texts.delete(file);
      this.texts.set(file, text);
      return text ?? undefined;
    }
    text = readText(file);
    this.texts.set(file, text);
    if (this.texts.size > TEXT_CACHE_FILES) this.texts.delete(this.texts.keys().next().value!);
    return text ?? undefined;
  }

  /** An editor document was opened or edited (text) or closed (undefined: the disk is read again). */
  setOverlay(file: string, text: string | undefined): void {
    this.forgetRead(file);
    if (text === undefined) this.overlay.delete(file);
    else this.overlay.set(file, text);
    if (this.indexed && this.index.has(file)) this.index.update(file, this.readFile(file));
    else if (this.indexed && text !== undefined) this.index.update(file, text);
  }

  /** Indexes every file discovery finds under the roots, once (the CLI asks lazily, on first need). */
  ensureIndexed(): void {
    if (this.indexed) return;
    for (const file of this.discover()) {
      if (!isModuleFile(file)) continue;
      const scanned = this.scannedBeforeIndex.get(file);
      if (scanned !== undefined) {
        this.index.setSpecifiers(file, scanned);
        continue;
      }
      const known = this.overlay.get(file) ?? this.texts.get(file);
      if (known !== undefined) {
        this.index.update(file, known ?? undefined);
        continue;
      }
      const read = readForIndex(file);
      this.index.update(file, read.text);
      if (read.verdict) this.lintVerdicts.set(file, read.verdict);
    }
    this.scannedBeforeIndex.clear();
    this.indexed = true;
  }

  /**
   * lintFile read a file (`size` bytes, decoded to `text`). Before a lazy index exists, its specifiers
   * are kept for it; files the index would not read (too large for the project, open documents) are not.
   */
  textRead(file: string, text: string, size: number): void {
    if (this.indexed || this.options.indexing === 'background' || size > MAX_PROJECT_FILE_SIZE || this.overlay.has(file) || !isModuleFile(file)) return;
    this.scannedBeforeIndex.set(file, scanImports(text));
  }

  /** What building the index learned of a file that needs no analysis; given once (then the disk is read again). */
  takeLintVerdict(file: string): LintVerdict | undefined {
    const verdict = this.lintVerdicts.get(file);
    if (verdict) this.lintVerdicts.delete(file);
    return verdict;
  }

  /**
   * Builds the index a slice at a time, yielding between slices so requests are answered meanwhile.
   * Returns false when `stale()` said another build superseded this one.
   */
  async buildIndexInSlices(yieldNow: () => Promise<void>, stale: () => boolean, sliceMs = 8): Promise<boolean> {
    const files = this.discover();
    await yieldNow();
    let sliceStart = Date.now();
    for (const file of files) {
      if (stale()) return false;
      if (!isModuleFile(file)) continue;
      this.index.update(file, this.readFile(file));
      // Reading every file once: the text cache would only churn.
      if (!this.overlay.has(file)) this.texts.delete(file);
      if (Date.now() - sliceStart >= sliceMs) {
        await yieldNow();
        sliceStart = Date.now();
      }
    }
    if (stale()) return false;
    this.indexed = true;
    return true;
  }

  /** Uses an index another thread built (the language server's, sent with an audit job). */
  loadIndex(snapshot: IndexSnapshot): void {
    this.index.load(snapshot);
    this.indexed = true;
  }

  get isIndexed(): boolean {
    return this.indexed;
  }

  discover(): string[] {
    if (this.options.files) return [...this.options.files];
    const files: string[] = [];
    for (const root of this.options.roots) {
      const { files: found } = discoverFiles({
        root,
        targets: [root],
        ignore: this.options.ignore ?? { baseDir: root, globs: [] },
      });
      for (const f of found) files.push(f.absolutePath);
    }
    return files;
  }

  /**
   * A file changed on disk (watcher, --fix). Returns the files whose analysis may change: the file's
   * importers, transitively; every indexed file when a resolution config (tsconfig, package.json)
   * changed; the files that read an env file (callers match those by their recorded dependencies).
   */
  fileChanged(file: string, change: FileChange): string[] {
    this.texts.delete(file);
    this.forgetRead(file);
    if (change !== 'changed') {
      this.directories.forget(path.dirname(file));
      this.directories.forgetUnder(file);
      this.resolver.forgetAnswers();
      this.env.forgetAll();
    }
    const name = path.basename(file);
    if (PACKAGE_VERSION_FILES.has(name)) this.packageVersions.clear();
    if (isEnvFileName(name)) {
      this.env.forget(file);
      return [];
    }
    if (RESOLUTION_CONFIG_FILES.has(name)) {
      this.resolver.forgetConfigs();
      this.index.reresolveAll();
      return [...this.index.files()];
    }
    if (!this.indexed) return [];
    const dependents = this.index.dependentsOf(file);
    if (change === 'deleted') this.index.update(file, undefined);
    else if (this.isProjectSource(file)) this.index.update(file, this.readFile(file));
    // What other files' imports resolve to may change when a file appears or goes.
    if (change !== 'changed') this.index.fileAppearedOrWent(file);
    return dependents;
  }

  /** What was learned of a file's text when it was read is stale once the file or its overlay changes. */
  private forgetRead(file: string): void {
    this.scannedBeforeIndex.delete(file);
    this.lintVerdicts.delete(file);
  }

  private isProjectSource(file: string): boolean {
    if (!isModuleFile(file)) return false;
    return this.options.roots.some((root) => isInside(root, file)) && !file.split(path.sep).includes('node_modules');
  }
}

/** JS/TS modules: what imports name (discovery also yields platform config files, which import nothing). */
function isModuleFile(file: string): boolean {
  return isAnalyzableFile(file) && ANALYZABLE_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext));
}

function readText(file: string, maxSize = MAX_PROJECT_FILE_SIZE): string | null {
  return readForIndex(file, maxSize).text ?? null;
}

/** A project file's text (decoded as lintFile does), and, when it needs no analysis, what lintFile reports for it. */
function readForIndex(file: string, maxSize = MAX_PROJECT_FILE_SIZE): { text?: string; verdict?: LintVerdict } {
  try {
    const read = readRegularFile(file, maxSize === Infinity ? 0 : maxSize);
    if (read.kind !== 'read') return {};
    const decoded = decodeSource(read.bytes);
    const size = read.bytes.length;
    if (decoded.kind === 'binary') return { verdict: { size, content: 'binary' } };
    return { text: decoded.text, verdict: needsAnalysis(file, decoded.text) ? undefined : { size, content: 'no-cors', encoding: decoded.encoding } };
  } catch {
    return {};
  }
}
