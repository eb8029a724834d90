// Module resolution for the project index and the engine's host: which project file an import names.
// Only project source counts (packages under node_modules are libraries the engine models by name), and
// what cannot be resolved is undefined, never a guess. In TypeScript's order (moduleNameResolver.ts):
// relative paths, package.json `imports` (`#alias`), tsconfig/jsconfig `paths` and `baseUrl` (with
// `extends`, read by get-tsconfig), then workspace packages of a monorepo resolved to their source.
// Candidates are probed as TypeScript does for ESM written against its output: `./cors.js` finds
// `cors.ts`, an extension-less path tries each extension, a folder its index file.
import * as path from 'node:path';
import { createPathsMatcher, parseTsconfig } from 'get-tsconfig';
import type { PathsMatcher, TsConfigResult } from 'get-tsconfig';
import type { DirectoryCache } from './directory-cache';

/** Extension-less candidates try these, TypeScript's first (a compiled .js next to its .ts is output). */
const PROBED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** An import written with the output's extension names the TypeScript source when there is one. */
const SOURCE_EXTENSIONS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
const RESOLVABLE_EXTENSIONS = new Set([...PROBED_EXTENSIONS, '.json']);
/** Build output folders of a workspace package: its entry point there is mapped back to `src/`. */
const BUILD_FOLDERS = new Set(['dist', 'lib', 'build', 'out', 'esm', 'cjs']);
/** Export conditions in the order a bundler for Node picks them; `source` first, `types` never (.d.ts). */
const CONDITIONS = ['source', 'development', 'import', 'module', 'require', 'node', 'default'];
/** Workspace globs with `**` descend at most this deep (monorepos nest packages one or two levels). */
const MAX_WORKSPACE_GLOB_DEPTH = 4;

interface PackageJson {
  name?: unknown;
  main?: unknown;
  module?: unknown;
  source?: unknown;
  exports?: unknown;
  imports?: unknown;
  workspaces?: unknown;
}

export interface ResolverFiles {
  directories: DirectoryCache;
  /** Text of a file (the editor's unsaved text wins), or undefined. */
  readFile(file: string): string | undefined;
}

export class ModuleResolver {
  private readonly packageJsons = new Map<string, PackageJson | null>();
  private readonly tsconfigCache = new Map<string, unknown>();
  private readonly tsconfigs = new Map<string, { config: TsConfigResult; matcher: PathsMatcher | null } | null>();
  /** The nearest config file of each name, by folder (`name\0folder`), undefined when there is none. */
  private readonly nearestConfigs = new Map<string, string | undefined>();
  /** Parsed config files by path: the folders below one tsconfig.json share its parse. */
  private readonly parsedConfigs = new Map<string, { config: TsConfigResult; matcher: PathsMatcher | null } | null>();
  private readonly workspaces = new Map<string, Map<string, string> | null>();
  /** Answers by folder and specifier: every file of a folder that imports `express` asks alike. */
  private readonly answers = new Map<string, string | null>();

  constructor(private readonly files: ResolverFiles) {}

  resolve(specifier: string, fromFile: string): string | undefined {
    if (specifier === '' || specifier.includes('\0')) return undefined;
    const folder = path.dirname(fromFile);
    const key = `${folder}\0${specifier}`;
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = this.resolveUncached(specifier, folder) ?? null;
      this.answers.set(key, answer);
    }
    return answer ?? undefined;
  }

  /** A file or folder appeared or went: answers are computed again (listings are forgotten separately). */
  forgetAnswers(): void {
    this.answers.clear();
  }

  private resolveUncached(specifier: string, folder: string): string | undefined {
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      return this.probe(path.resolve(folder, specifier));
    }
    if (path.isAbsolute(specifier)) return this.probe(specifier);
    if (specifier.startsWith('#')) return this.resolvePackageImport(specifier, folder);
    if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined; // node:fs, https:, data:
    const tsconfig = this.tsconfigFor(folder);
    if (tsconfig?.matcher) {
      for (const candidate of tsconfig.matcher(specifier)) {
        const found = this.probe(candidate);
        if (found) return found;
      }
    }
    return this.resolveWorkspacePackage(specifier, folder);
  }

  /** tsconfig.json, jsconfig.json or a package.json changed: every derived answer is read again. */
  forgetConfigs(): void {
    this.answers.clear();
    this.packageJsons.clear();
    this.tsconfigCache.clear();
    this.tsconfigs.clear();
    this.nearestConfigs.clear();
    this.parsedConfigs.clear();
    this.workspaces.clear();
  }

  /** The path itself, its TypeScript source, with an extension added, or its folder's index file. */
  private probe(candidate: string): string | undefined {
    const { directories } = this.files;
    const extension = path.extname(candidate).toLowerCase();
    for (const sourceExtension of SOURCE_EXTENSIONS[extension] ?? []) {
      const source = candidate.slice(0, -extension.length) + sourceExtension;
      if (directories.isFile(source)) return source;
    }
    if (RESOLVABLE_EXTENSIONS.has(extension) && directories.isFile(candidate)) return candidate;
    for (const probed of PROBED_EXTENSIONS) {
      if (directories.isFile(candidate + probed)) return candidate + probed;
    }
    if (directories.isDirectory(candidate)) {
      for (const probed of PROBED_EXTENSIONS) {
        const index = path.join(candidate, `index${probed}`);
        if (directories.isFile(index)) return index;
      }
    }
    return undefined;
  }

  private resolvePackageImport(specifier: string, folder: string): string | undefined {
    for (const dir of ancestors(folder)) {
      const pkg = this.packageJson(dir);
      if (!pkg) continue;
      // The nearest package.json is the package scope, whether or not it has `imports` (Node's rule).
      const target = matchSubpath(pkg.imports, specifier);
      if (target === undefined) return undefined;
      if (target.startsWith('./')) return this.probeBuilt(dir, target);
      return target.startsWith('#') ? undefined : this.resolveWorkspacePackage(target, dir);
    }
    return undefined;
  }

  private resolveWorkspacePackage(specifier: string, folder: string): string | undefined {
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    if (parts.length < nameLength || parts.slice(0, nameLength).some((p) => p === '')) return undefined;
    const name = parts.slice(0, nameLength).join('/');
    const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
    for (const dir of ancestors(folder)) {
      const packages = this.workspacePackages(dir);
      if (!packages) continue;
      const packageDir = packages.get(name);
      return packageDir ? this.resolvePackageEntry(packageDir, subpath) : undefined;
    }
    return undefined;
  }

  private resolvePackageEntry(packageDir: string, subpath: string): string | undefined {
    const pkg = this.packageJson(packageDir) ?? {};
    if (pkg.exports !== undefined && pkg.exports !== null) {
      const exportsMap = typeof pkg.exports === 'string' || Array.isArray(pkg.exports) || !hasSubpathKeys(pkg.exports) ? { '.': pkg.exports } : pkg.exports;
      const target = matchSubpath(exportsMap, subpath);
      return target?.startsWith('./') ? this.probeBuilt(packageDir, target) : undefined;
    }
    if (subpath !== '.') return this.probeBuilt(packageDir, subpath);
    for (const field of [pkg.source, pkg.module, pkg.main]) {
      if (typeof field === 'string' && field !== '') {
        const found = this.probeBuilt(packageDir, field.startsWith('.') ? field : `./${field}`);
        if (found) return found;
      }
    }
    return this.probe(path.join(packageDir, 'src', 'index')) ?? this.probe(path.join(packageDir, 'index'));
  }

  /** A package-relative target; one in a build folder (`./dist/index.js`) is mapped to `./src/index.ts`. */
  private probeBuilt(packageDir: string, target: string): string | undefined {
    const relative = target.replace(/^\.\//, '');
    const [first, ...rest] = relative.split('/');
    if (BUILD_FOLDERS.has(first) && rest.length > 0) {
      const source = this.probe(path.join(packageDir, 'src', ...rest));
      if (source) return source;
    }
    return this.probe(path.join(packageDir, relative));
  }

  private packageJson(dir: string): PackageJson | undefined {
    let pkg = this.packageJsons.get(dir);
    if (pkg === undefined) {
      pkg = null;
      const file = path.join(dir, 'package.json');
      const text = this.files.directories.isFile(file) ? this.files.readFile(file) : undefined;
      if (text !== undefined) {
        try {
          const parsed: unknown = JSON.parse(text);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) pkg = parsed as PackageJson;
        } catch {
          pkg = null; // a broken package.json resolves nothing
        }
      }
      this.packageJsons.set(dir, pkg);
    }
    return pkg ?? undefined;
  }

  /** The nearest tsconfig.json or jsconfig.json (the deeper one when a folder chain has both). */
  private tsconfigFor(folder: string): { config: TsConfigResult; matcher: PathsMatcher | null } | undefined {
    let entry = this.tsconfigs.get(folder);
    if (entry === undefined) {
      const ts = this.nearestConfig(folder, 'tsconfig.json');
      const js = this.nearestConfig(folder, 'jsconfig.json');
      const file = ts && js ? (path.dirname(js).length > path.dirname(ts).length ? js : ts) : (ts ?? js);
      entry = file === undefined ? null : this.parsedConfig(file);
      this.tsconfigs.set(folder, entry);
    }
    return entry ?? undefined;
  }

  /**
   * get-tsconfig's search (`getTsconfig`: up from the folder to the first file of that name), answered
   * from the parent folder's answer and the cached listings: one look per folder, not a walk to the root
   * from each of the thousands of folders a project has.
   */
  private nearestConfig(folder: string, name: string): string | undefined {
    const key = `${name}\0${folder}`;
    if (this.nearestConfigs.has(key)) return this.nearestConfigs.get(key);
    const here = path.join(folder, name);
    const parent = path.dirname(folder);
    const found = this.files.directories.isFile(here) ? here : parent === folder ? undefined : this.nearestConfig(parent, name);
    this.nearestConfigs.set(key, found);
    return found;
  }

  /** A config file parsed once (with its `extends`), whichever folder asks. */
  private parsedConfig(file: string): { config: TsConfigResult; matcher: PathsMatcher | null } | null {
    let entry = this.parsedConfigs.get(file);
    if (entry === undefined) {
      try {
        const config: TsConfigResult = { path: file, config: parseTsconfig(file, this.tsconfigCache as Map<string, never>) };
        entry = { config, matcher: createPathsMatcher(config) };
      } catch {
        entry = null; // an unreadable or cyclic `extends`: no aliases rather than wrong ones
      }
      this.parsedConfigs.set(file, entry);
    }
    return entry;
  }

  /**
   * Package name → folder for the monorepo whose root is `dir` (its package.json has `workspaces`, or a
   * pnpm-workspace.yaml is there), or undefined when `dir` is no workspace root.
   */
  private workspacePackages(dir: string): Map<string, string> | undefined {
    let packages = this.workspaces.get(dir);
    if (packages === undefined) {
      packages = null;
      const globs = this.workspaceGlobs(dir);
      if (globs) {
        packages = new Map();
        const excluded = globs.filter((g) => g.startsWith('!')).map((g) => path.join(dir, g.slice(1)));
        for (const glob of globs.filter((g) => !g.startsWith('!'))) {
          for (const packageDir of this.expandGlob(dir, glob.replace(/^\.\//, '').replace(/\/+$/, '').split('/'), 0)) {
            if (excluded.includes(packageDir)) continue;
            const name = this.packageJson(packageDir)?.name;
            if (typeof name === 'string' && !packages.has(name)) packages.set(name, packageDir);
          }
        }
      }
      this.workspaces.set(dir, packages);
    }
    return packages ?? undefined;
  }

  private workspaceGlobs(dir: string): string[] | undefined {
    const pnpm = path.join(dir, 'pnpm-workspace.yaml');
    if (this.files.directories.isFile(pnpm)) return pnpmWorkspaceGlobs(this.files.readFile(pnpm) ?? '');
    const workspaces = this.packageJson(dir)?.workspaces;
    // npm and yarn: an array of globs; yarn classic also `{ packages: [...] }`.
    const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
    return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : undefined;
  }

  private expandGlob(dir: string, segments: string[], depth: number): string[] {
    if (segments.length === 0) return [dir];
    const [segment, ...rest] = segments;
    const folders = () => [...(this.files.directories.list(dir) ?? [])].filter(([name, kind]) => kind === 'directory' && name !== 'node_modules' && !name.startsWith('.')).map(([name]) => name);
    if (segment === '**') {
      const here = this.expandGlob(dir, rest, depth);
      if (depth >= MAX_WORKSPACE_GLOB_DEPTH) return here;
      return [...here, ...folders().flatMap((name) => this.expandGlob(path.join(dir, name), segments, depth + 1))];
    }
    if (!/[*?]/.test(segment)) return this.files.directories.isDirectory(path.join(dir, segment)) ? this.expandGlob(path.join(dir, segment), rest, depth) : [];
    const pattern = new RegExp(`^${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    return folders().filter((name) => pattern.test(name)).flatMap((name) => this.expandGlob(path.join(dir, name), rest, depth));
  }
}

function* ancestors(folder: string): Generator<string> {
  let dir = folder;
  for (;;) {
    yield dir;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function hasSubpathKeys(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).some((k) => k.startsWith('.'));
}

/**
 * Node's PACKAGE_IMPORTS_EXPORTS_RESOLVE over a map (`exports` with subpath keys, or `imports`): an
 * exact key, else the longest `*` pattern, then the target's conditions. The `*` of a pattern is
 * substituted into the target.
 */
function matchSubpath(map: unknown, key: string): string | undefined {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return undefined;
  const entries = map as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(entries, key) && !key.includes('*')) return conditionalTarget(entries[key], undefined);
  let best: { key: string; star: string } | undefined;
  for (const pattern of Object.keys(entries)) {
    const star = pattern.indexOf('*');
    if (star < 0 || pattern.indexOf('*', star + 1) >= 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (key.length < pattern.length - 1 || !key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    if (!best || prefix.length > best.key.indexOf('*')) best = { key: pattern, star: key.slice(prefix.length, key.length - suffix.length) };
  }
  return best ? conditionalTarget(entries[best.key], best.star) : undefined;
}

function conditionalTarget(target: unknown, star: string | undefined): string | undefined {
  if (typeof target === 'string') return star === undefined ? target : target.split('*').join(star);
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = conditionalTarget(item, star);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (!CONDITIONS.includes(condition)) continue;
    const found = conditionalTarget(value, star);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The `packages:` list of a pnpm-workspace.yaml (a block sequence of globs is all pnpm documents). */
export function pnpmWorkspaceGlobs(text: string): string[] {
  const globs: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) {
      inPackages = true;
      continue;
    }
    if (!inPackages) continue;
    if (/^\S/.test(line)) break; // the next top-level key
    const item = /^\s*-\s*(['"]?)(.*?)\1\s*(?:#.*)?$/.exec(line);
    if (item && item[2] !== '') globs.push(item[2]);
  }
  return globs;
}
