// Which version of a package a source file gets: the exact version from the nearest lockfile (npm
// package-lock.json v1–v3 / npm-shrinkwrap.json, yarn.lock v1 and berry, pnpm-lock.yaml v5–v9, bun.lock),
// else the range its nearest package.json declares (also for bun.lockb, which is binary). The host gives
// this to the core as `packageVersion` (core/host.ts). Pure apart from the `readFile` it is given: a file
// that is missing or malformed is "cannot tell" (undefined), never an exception.
import * as path from 'node:path';
import type { PackageVersion } from '../core/host';

type ReadFile = (path: string) => string | undefined;

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'] as const;
/** Lockfiles are large; past this a lockfile is not read (then package.json's range answers). */
const MAX_LOCKFILE_LENGTH = 64 * 1024 * 1024;

export function createPackageVersionReader(readFile: ReadFile): (name: string, fromFile: string) => PackageVersion | undefined {
  const read = (file: string): string | undefined => {
    try {
      const text = readFile(file);
      return typeof text === 'string' ? text : undefined;
    } catch {
      return undefined;
    }
  };
  return (name, fromFile) => {
    try {
      return packageVersion(read, name, fromFile);
    } catch {
      return undefined;
    }
  };
}

function packageVersion(read: ReadFile, name: string, fromFile: string): PackageVersion | undefined {
  let manifestDir: string | undefined;
  let declared: string | undefined;
  let manifestFile: string | undefined;
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    if (manifestDir === undefined) {
      const file = path.join(dir, 'package.json');
      const manifest = parseJson(read(file));
      if (manifest) {
        manifestDir = dir;
        manifestFile = file;
        declared = declaredRange(manifest, name);
      }
    }
    for (const lockfile of LOCKFILES) {
      const file = path.join(dir, lockfile);
      const text = read(file);
      if (text === undefined || text.length > MAX_LOCKFILE_LENGTH) continue;
      const importer = manifestDir !== undefined ? toPosix(path.relative(dir, manifestDir)) : '';
      const version = lockedVersion(lockfile, text, name, importer, declared);
      if (version) return { version, exact: true, file };
    }
    if (path.dirname(dir) === dir) break;
  }
  return declared !== undefined && manifestFile ? { version: declared, exact: false, file: manifestFile } : undefined;
}

function declaredRange(manifest: Record<string, unknown>, name: string): string | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string') {
      // npm aliases: "hono": "npm:hono@^4.12.0"
      return ((deps as Record<string, string>)[name]).replace(/^npm:(@?[^@]+)@/, '');
    }
  }
  return undefined;
}

function lockedVersion(lockfile: (typeof LOCKFILES)[number], text: string, name: string, importer: string, declared: string | undefined): string | undefined {
  switch (lockfile) {
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return fromNpmLock(text, name, importer);
    case 'pnpm-lock.yaml':
      return fromPnpmLock(text, name, importer);
    case 'yarn.lock':
      return fromYarnLock(text, name, declared);
    case 'bun.lock':
      return fromBunLock(text, name, importer);
  }
}

/** v2/v3: packages["<importer>/node_modules/<name>"] then the root's; v1: dependencies[name]. */
function fromNpmLock(text: string, name: string, importer: string): string | undefined {
  const lock = parseJson(text);
  if (!lock) return undefined;
  const packages = lock.packages as Record<string, { version?: unknown }> | undefined;
  if (packages && typeof packages === 'object') {
    const keys = importer ? [`${importer}/node_modules/${name}`, `node_modules/${name}`] : [`node_modules/${name}`];
    for (const key of keys) {
      const version = packages[key]?.version;
      if (typeof version === 'string' && isExact(version)) return version;
    }
  }
  const dependencies = lock.dependencies as Record<string, { version?: unknown }> | undefined;
  const version = dependencies && typeof dependencies === 'object' ? dependencies[name]?.version : undefined;
  return typeof version === 'string' && isExact(version) ? version : undefined;
}

/**
 * pnpm-lock.yaml, read line by line (the format is regular, and no YAML library is needed):
 *   v6–v9  importers: → <importer>: → dependencies: → <name>: → version: 4.12.9(peer@1)
 *   v5     importers: … <name>: 4.12.9_peer@1   or, with no importers, top-level dependencies: <name>: 4.12.9
 */
function fromPnpmLock(text: string, name: string, importer: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const wantedImporter = importer === '' ? '.' : importer;
  let section = '';
  let currentImporter: string | undefined;
  let inDependencies = false;
  let dependencyIndent = -1;
  let pendingVersionIndent = -1;
  const found: { importer: string | undefined; version: string }[] = [];
  for (const raw of lines) {
    if (/^\s*(#|$)/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      section = line.replace(/:.*$/, '');
      currentImporter = undefined;
      inDependencies = section === 'dependencies' || section === 'devDependencies' || section === 'optionalDependencies';
      dependencyIndent = inDependencies ? -2 : -1;
      pendingVersionIndent = -1;
      continue;
    }
    if (section === 'importers' && indent === 2) {
      currentImporter = unquote(line.replace(/:\s*$/, ''));
      inDependencies = false;
      continue;
    }
    if (section === 'importers' && indent === 4) {
      inDependencies = /^(dependencies|devDependencies|optionalDependencies):/.test(line);
      dependencyIndent = 6;
      pendingVersionIndent = -1;
      continue;
    }
    if (!inDependencies) continue;
    if (pendingVersionIndent >= 0) {
      if (indent > pendingVersionIndent) {
        const m = /^version:\s*(.+)$/.exec(line);
        if (m) {
          found.push({ importer: currentImporter, version: cleanPnpmVersion(m[1]) });
          pendingVersionIndent = -1;
        }
        continue;
      }
      pendingVersionIndent = -1;
    }
    if (dependencyIndent === -2) dependencyIndent = indent;
    if (indent !== dependencyIndent) continue;
    const m = /^(['"]?)(.+?)\1:\s*(.*)$/.exec(line);
    if (!m || m[2] !== name) continue;
    if (m[3]) found.push({ importer: currentImporter, version: cleanPnpmVersion(m[3]) });
    else pendingVersionIndent = indent;
  }
  const mine = found.find((f) => f.importer === wantedImporter) ?? found.find((f) => f.importer === undefined) ?? (found.length > 0 && found.every((f) => f.version === found[0].version) ? found[0] : undefined);
  return mine && isExact(mine.version) ? mine.version : undefined;
}

function cleanPnpmVersion(text: string): string {
  // 4.12.9(react@18.2.0), 4.12.9_react@18.2.0, '4.12.9'
  return unquote(text.trim()).replace(/[(_].*$/, '');
}

/**
 * yarn.lock v1 (`"hono@^4.12.0", hono@^4.0.0:` / `  version "4.12.9"`) and berry
 * (`"hono@npm:^4.12.0":` / `  version: 4.12.9`). The entry whose descriptors include the declared
 * range wins; without one, the version only when every entry for the package agrees.
 */
function fromYarnLock(text: string, name: string, declared: string | undefined): string | undefined {
  const entries: { ranges: string[]; version?: string }[] = [];
  let current: { ranges: string[]; version?: string } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    if (!/^\s/.test(raw)) {
      current = undefined;
      const descriptors = raw.replace(/:\s*$/, '').split(',').map((d) => unquote(d.trim()));
      const ranges = descriptors.flatMap((d) => {
        const at = d.lastIndexOf('@');
        if (at <= 0 || d.slice(0, at) !== name) return [];
        return [d.slice(at + 1).replace(/^npm:/, '')];
      });
      if (ranges.length > 0) {
        current = { ranges };
        entries.push(current);
      }
      continue;
    }
    if (current && /^\s{2}version:?\s/.test(raw)) current.version = unquote(raw.trim().replace(/^version:?\s*/, ''));
  }
  const withVersion = entries.filter((e) => e.version && isExact(e.version));
  const match = declared !== undefined ? withVersion.find((e) => e.ranges.includes(declared)) : undefined;
  if (match) return match.version;
  return withVersion.length > 0 && withVersion.every((e) => e.version === withVersion[0].version) ? withVersion[0].version : undefined;
}

/** bun.lock (JSONC): packages["<importer>/<name>"] or packages[name] = ["name@4.12.9", …]. */
function fromBunLock(text: string, name: string, importer: string): string | undefined {
  const lock = parseJson(stripJsonc(text));
  const packages = lock?.packages as Record<string, unknown> | undefined;
  if (!packages || typeof packages !== 'object') return undefined;
  for (const key of importer ? [`${importer}/${name}`, name] : [name]) {
    const entry = packages[key];
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const spec = entry[0] as string;
    const version = spec.slice(spec.lastIndexOf('@') + 1);
    if (spec.lastIndexOf('@') > 0 && isExact(version)) return version;
  }
  return undefined;
}

/** JSONC → JSON: comments and trailing commas out, strings untouched. Linear time. */
function stripJsonc(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] !== '}' && text[j] !== ']') out += c;
    } else out += c;
  }
  return out;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function unquote(text: string): string {
  return /^(['"]).*\1$/.test(text) ? text.slice(1, -1) : text;
}

function isExact(version: string): boolean {
  return /^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
