// Starts a CommonJS bundle from V8's code cache: the CLI bundle, and the engine bundle (dist/core.js,
// 3 MB minified with TypeScript inside) when a file needs it. Compiling them is most of a small run's
// start-up; with the cache V8 skips the compile. Node 20 has no
// built-in compile cache (module.enableCompileCache is Node 22), so this does what it does: compile
// with vm.Script and cachedData, and after the run store the cache, which then also holds every
// function the run compiled lazily.
//
// The cache lives in a per-user folder ($CORS_LINT_CACHE_DIR, else $XDG_CACHE_HOME/cors-lint, else
// ~/.cache/cors-lint), named after the bundle's size and mtime and the Node version. V8 itself rejects
// data made for other source or flags. Anything that goes wrong (no home, read-only disk, a corrupt
// file) only means a normal compile: the cache never changes what the program does.
// CORS_LINT_CACHE_DIR=off turns it off.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { isAscii } from 'node:buffer';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface ModuleInternals {
  filename: string;
  paths: string[];
  loaded: boolean;
  exports: unknown;
}
type ModuleStatics = typeof Module & { _nodeModulePaths(dir: string): string[]; wrap(source: string): string };

export function cacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  const configured = env.CORS_LINT_CACHE_DIR;
  if (configured === 'off') return undefined;
  if (configured) return configured;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'cors-lint');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'cors-lint') : undefined;
  } catch {
    return undefined;
  }
}

/** Loads and runs `file` as the main module, with V8's code cache when there is a valid one. */
export function runWithCodeCache(file: string, env: NodeJS.ProcessEnv = process.env): void {
  loadWithCodeCache(file, { env });
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Write the cache when it is missing or stale (off on worker threads: they share a process id, and the main thread writes it). */
  store?: boolean;
}

/**
 * Loads a CommonJS bundle like `require` does, with V8's code cache when there is a valid one, and
 * returns its exports. Used for the CLI bundle and for the engine bundle (dist/core.js, TypeScript
 * inside), which the CLI loads only when a file passes the prefilter.
 */
export function loadWithCodeCache(file: string, options: LoadOptions = {}): unknown {
  const env = options.env ?? process.env;
  const source = readSource(file);
  const cachePath = cachePathFor(file, env);
  let cachedData: Buffer | undefined;
  if (cachePath && isPrivate(cachePath) && isPrivate(dirname(cachePath))) {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined;
    }
  }
  const statics = Module as ModuleStatics;
  const script = new Script(statics.wrap(source), { filename: file, cachedData });
  if (cachePath && options.store !== false && (!cachedData || script.cachedDataRejected)) {
    // After the run, so the cache also holds every function the run compiled lazily.
    process.once('exit', () => storeCache(cachePath, script));
  }
  const module = new Module(file) as unknown as ModuleInternals;
  module.filename = file;
  module.paths = statics._nodeModulePaths(dirname(file));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/**
 * The bundle's text. esbuild writes ASCII only (it escapes the rest), and ASCII read as Latin-1 is the
 * same string without UTF-8 decoding: a third of reading the 5 MB engine bundle. Anything else (a
 * bundle someone edited) is read as UTF-8.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')).replace(/^#!.*/, '');
}

/**
 * V8 checks cached data against the source's length, not its content, so the file must come from this
 * user: owned by them and writable by nobody else (else it is ignored and rewritten).
 */
function isPrivate(file: string): boolean {
  if (typeof process.getuid !== 'function') return true;
  try {
    const { uid, mode } = statSync(file);
    return uid === process.getuid() && (mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function cachePathFor(file: string, env: NodeJS.ProcessEnv): string | undefined {
  const dir = cacheDirectory(env);
  if (!dir) return undefined;
  try {
    const { size, mtimeMs } = statSync(file);
    return join(dir, `${basename(file, '.js')}-${size}-${Math.floor(mtimeMs)}-${process.version}-${process.arch}.v8`);
  } catch {
    return undefined;
  }
}

function storeCache(cachePath: string, script: Script): void {
  try {
    mkdirSync(dirname(cachePath), { recursive: true, mode: 0o700 });
    if (!isPrivate(dirname(cachePath))) return;
    const temporary = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, cachePath);
    // Caches of earlier builds of the same bundle are dead weight: V8 would reject them anyway.
    const prefix = basename(cachePath).replace(/-\d+-\d+-v[\d.]+-\w+\.v8$/, '-');
    for (const name of readdirSync(dirname(cachePath))) {
      if (name.startsWith(prefix) && name.endsWith('.v8') && name !== basename(cachePath)) rmSync(join(dirname(cachePath), name), { force: true });
    }
  } catch {
    // A cache that cannot be written costs the next run a compile, nothing else.
  }
}
