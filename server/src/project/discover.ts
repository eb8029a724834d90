// Which files a run lints. Reads folders only (never imports or executes anything it finds), follows
// symbolic links but visits each real folder once, so link loops end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAnalyzableFile } from '../core/prefilter';
import { describeFsError, errorCode } from './fs-errors';
import { GitignoreStack } from './gitignore';
import { matchesIgnoreGlobs } from './ignore-globs';
import { isInside, toSlashes } from './paths';

/** Dependencies, VCS data and build output: never hand-written server code. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules', '.git', '.hg', '.svn',
  'dist', 'build', 'out', 'coverage',
  '.next', '.nuxt', '.svelte-kit', '.output', '.vercel', '.turbo', '.cache',
]);

const MINIFIED = /\.min\.[cm]?js$/i;

export interface ScanPlan {
  /** Output paths are relative to this folder (json, sarif, github). */
  root: string;
  /** The config file search starts here and walks upward. */
  configSearchStart: string;
  /** The given paths, resolved and de-duplicated, in command-line order. */
  targets: string[];
}

/**
 * The scan root is the working directory when every path is inside it (CI runs from the repository
 * root, and SARIF/annotation paths must be relative to it); otherwise the deepest folder that
 * contains every given path. The config search starts at the deepest common folder of the given
 * paths, so `cors-lint packages/api` finds packages/api/.corslintrc.json before the root one.
 */
export function planScan(cwd: string, paths: readonly string[]): ScanPlan {
  const given = paths.length > 0 ? paths : ['.'];
  // path.resolve drops a trailing slash, but `app.js/` must not find the file app.js.
  const targets = [
    ...new Set(
      given.map((p) => {
        const absolute = path.resolve(cwd, p);
        return /[\\/]$/.test(p) && !isDirectory(absolute) ? absolute + path.sep : absolute;
      }),
    ),
  ];
  const folders = targets.map((t) => (isDirectory(t) ? t : path.dirname(t)));
  const common = commonAncestor(folders);
  const root = targets.every((t) => isInside(cwd, t)) ? cwd : common;
  return { root, configSearchStart: common, targets };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function commonAncestor(folders: readonly string[]): string {
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    while (!isInside(common, folder)) {
      const parent = path.dirname(common);
      if (parent === common) return common; // different drives on Windows: nothing in common
      common = parent;
    }
  }
  return common;
}

export interface DiscoveredFile {
  absolutePath: string;
  /** Named on the command line: linted whatever its name or ignore rules say. */
  explicit: boolean;
}

export type DiscoveryProblemKind = 'not-found' | 'unreadable' | 'symlink-loop' | 'not-a-file';

export interface DiscoveryProblem {
  kind: DiscoveryProblemKind;
  absolutePath: string;
  message: string;
}

export interface DiscoveryOptions {
  root: string;
  targets: readonly string[];
  /** The config's `ignore` globs and the folder they are relative to. */
  ignore: { baseDir: string; globs: readonly string[] };
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  problems: DiscoveryProblem[];
}

export function discoverFiles(options: DiscoveryOptions): DiscoveryResult {
  const walker = new Walker(GitignoreStack.forScanRoot(options.root), options.ignore);
  for (const target of options.targets) walker.addTarget(target);
  return { files: [...walker.files.values()], problems: walker.problems };
}

class Walker {
  /** Keyed by real path: a file reachable through two links is linted once. */
  readonly files = new Map<string, DiscoveredFile>();
  readonly problems: DiscoveryProblem[] = [];
  private readonly visitedFolders = new Set<string>();

  constructor(
    private readonly gitignore: GitignoreStack,
    private readonly ignore: DiscoveryOptions['ignore'],
  ) {}

  addTarget(target: string): void {
    let stat: fs.Stats;
    let isLink = false;
    try {
      stat = fs.lstatSync(target);
      isLink = stat.isSymbolicLink();
      if (isLink) stat = fs.statSync(target);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ELOOP') this.problem('symlink-loop', target, 'skipped: a symbolic link loop (too many levels of links)');
      else if (code === 'ENOTDIR') this.problem('not-found', target, 'no such file or directory (a part of the path is a file, not a folder)');
      else if (code === 'ENOENT') this.problem('not-found', target, isDanglingLink(target) ? 'no such file or directory (a broken symbolic link)' : 'no such file or directory');
      else this.problem('unreadable', target, `cannot read: ${describeFsError(error)}`);
      return;
    }
    if (stat.isDirectory()) this.walk(target, realPath(target), []);
    // A file that is no link is its folder's real path plus its name: one realpath per folder, not per
    // file, when a run is given thousands of files (an explicit list, a pre-commit hook's staged files).
    else if (stat.isFile()) this.addFile(target, isLink ? realPath(target) : path.join(this.realFolder(path.dirname(target)), path.basename(target)), true);
    else this.problem('not-a-file', target, 'skipped: not a regular file or folder');
  }

  /**
   * `real` is the folder's real path. Only a symbolic link costs a system call to find one: below a
   * folder whose real path is known, an ordinary entry's real path is that path plus its name, so a walk
   * is one readdir per folder and no lstat/realpath per file.
   */
  private walk(folder: string, real: string, chain: readonly string[]): void {
    if (this.visitedFolders.has(real)) {
      // Reached again through a link: a loop when the link points at a folder we are inside of.
      if (chain.includes(real)) this.problem('symlink-loop', folder, 'skipped: a symbolic link loop (the link points to a folder that contains it)');
      return;
    }
    this.visitedFolders.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      this.problem('unreadable', folder, `cannot read folder: ${describeFsError(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inner = [...chain, real];
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let entryReal: string | undefined;
      if (entry.isSymbolicLink()) {
        try {
          const stat = fs.statSync(full);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
          entryReal = realPath(full);
        } catch (error) {
          const code = errorCode(error);
          if (code === 'ELOOP') this.problem('symlink-loop', full, 'skipped: a symbolic link loop (too many levels of links)');
          else if (code !== 'ENOENT' && code !== 'ENOTDIR') this.problem('unreadable', full, `cannot read: ${describeFsError(error)}`);
          continue; // a broken link in a tree is not worth a message
        }
      }
      if (isDir) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || this.isIgnored(full, true)) continue;
        this.walk(full, entryReal ?? path.join(real, entry.name), inner);
      } else if (isFile) {
        if (!isAnalyzableFile(entry.name) || MINIFIED.test(entry.name) || this.isIgnored(full, false)) continue;
        this.addFile(full, entryReal ?? path.join(real, entry.name), false);
      }
    }
  }

  private readonly realFolders = new Map<string, string>();

  private realFolder(folder: string): string {
    let real = this.realFolders.get(folder);
    if (real === undefined) {
      real = realPath(folder);
      this.realFolders.set(folder, real);
    }
    return real;
  }

  private addFile(file: string, real: string, explicit: boolean): void {
    if (!this.files.has(real)) this.files.set(real, { absolutePath: file, explicit });
  }

  private isIgnored(full: string, isDir: boolean): boolean {
    if (this.gitignore.isIgnored(full, isDir)) return true;
    if (this.ignore.globs.length === 0 || !isInside(this.ignore.baseDir, full)) return false;
    return matchesIgnoreGlobs(toSlashes(path.relative(this.ignore.baseDir, full)), this.ignore.globs, isDir);
  }

  private problem(kind: DiscoveryProblemKind, absolutePath: string, message: string): void {
    this.problems.push({ kind, absolutePath, message });
  }
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function isDanglingLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
