// Package versions as the project declares them (host.packageVersion): an exact version from a lockfile,
// or a package.json range. Behaviour that changed between versions is modelled only when every version
// the answer allows falls on one side; otherwise the answer is "cannot tell" and the current behaviour
// applies with nothing version-specific said.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { PackageVersion, ProjectHost } from '../host';
import type { TextEdit } from '../types';

export type Version = readonly [number, number, number];

/** '4.12.9', 'v4.12.9', '4.12.9-beta.1' (pre-releases count as the version they precede). */
export function parseVersion(text: string): Version | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The versions a declaration allows, as [lowest, below) — `below` exclusive, undefined = unbounded.
 * Exact versions, `^`, `~`, `x` ranges and `>=a <b`; anything else (`*`, `latest`, `||`, git URLs) is undefined.
 */
export function versionBounds(declared: PackageVersion): { lowest: Version; below?: Version } | undefined {
  const text = declared.version.trim();
  if (declared.exact) {
    const v = parseVersion(text);
    return v && { lowest: v, below: [v[0], v[1], v[2] + 1] };
  }
  if (/\|\||^(\*|latest|next)$|:|\//.test(text)) return undefined;
  let m = /^\^\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(text);
  if (m) {
    const [major, minor, patch] = [Number(m[1]), num(m[2]), num(m[3])];
    const lowest: Version = [major, minor ?? 0, patch ?? 0];
    if (major > 0) return { lowest, below: [major + 1, 0, 0] };
    if ((minor ?? 0) > 0 || minor === undefined) return { lowest, below: minor === undefined ? [1, 0, 0] : [0, minor + 1, 0] };
    return { lowest, below: patch === undefined ? [0, 1, 0] : [0, 0, patch + 1] };
  }
  m = /^~\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(text);
  if (m) {
    const [major, minor, patch] = [Number(m[1]), num(m[2]), num(m[3])];
    return { lowest: [major, minor ?? 0, patch ?? 0], below: minor === undefined ? [major + 1, 0, 0] : [major, minor + 1, 0] };
  }
  m = /^>=?\s*v?([\d.]+)\s*(?:<\s*v?([\d.]+))?$/.exec(text);
  if (m) {
    const lowest = parseVersion(m[1]);
    const below = m[2] ? parseVersion(m[2]) : undefined;
    return lowest && { lowest, below };
  }
  m = /^=?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(text);
  if (m) {
    const [major, minor, patch] = [Number(m[1]), num(m[2]), num(m[3])];
    if (minor === undefined) return { lowest: [major, 0, 0], below: [major + 1, 0, 0] };
    if (patch === undefined) return { lowest: [major, minor, 0], below: [major, minor + 1, 0] };
    return { lowest: [major, minor, patch], below: [major, minor, patch + 1] };
  }
  return undefined;
}

function num(part: string | undefined): number | undefined {
  return part === undefined || part === 'x' || part === '*' ? undefined : Number(part);
}

/**
 * Whether every version the project allows lies in [from, below): true, false (none does), or undefined
 * (some do, or the host cannot tell).
 */
export function allInRange(declared: PackageVersion | undefined, from: Version, below: Version): boolean | undefined {
  if (!declared) return undefined;
  const bounds = versionBounds(declared);
  if (!bounds) return undefined;
  const { lowest, below: top } = bounds;
  if (compareVersions(lowest, from) >= 0 && top && compareVersions(top, below) <= 0) return true;
  if ((top && compareVersions(top, from) <= 0) || compareVersions(lowest, below) >= 0) return false;
  return undefined;
}

/** The host's answer for `name` as seen from `fileName`; undefined without a host, and never a throw. */
export function packageVersionOf(host: ProjectHost | undefined, name: string, fileName: string): PackageVersion | undefined {
  if (!host) return undefined;
  try {
    return host.packageVersion(name, fileName);
  } catch {
    return undefined;
  }
}

export function formatVersion(v: PackageVersion): string {
  return v.exact ? v.version : `${v.version} (declared range)`;
}

/** Dependency sections of package.json that decide what is installed. */
const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/**
 * The edit that raises `name` to `fixedIn` in the package.json that declares it for `fromFile` (the nearest
 * one up the folders that lists it; a workspace package first, then the root), keeping the range's style:
 * `^4.0.0` → `^5.0.0`, `~4.0.0` → `~5.0.0`, `4.0.0` → `5.0.0`. Undefined without a host, when no
 * package.json declares it, or for a range of another form (`*`, `||`, tags, URLs, workspace protocols).
 */
export function upgradeEdit(host: ProjectHost | undefined, name: string, fixedIn: string, fromFile: string): TextEdit | undefined {
  if (!host) return undefined;
  let dir = fromFile;
  for (let level = 0; level < 30; level++) {
    const cut = Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\'));
    if (cut < 0) return undefined;
    dir = dir.slice(0, cut);
    const file = `${dir}${fromFile.includes('\\') && !fromFile.includes('/') ? '\\' : '/'}package.json`;
    let text: string | undefined;
    try {
      text = host.readFile(file);
    } catch {
      text = undefined;
    }
    const declared = text === undefined ? undefined : declaredRange(text, name);
    if (!declared) continue;
    const style = /^\s*([\^~]|=|v)?\s*\d+(\.\d+)?(\.\d+)?([-+][\w.-]*)?\s*$/.exec(declared.value);
    if (!style) return undefined;
    const prefix = style[1] === '^' || style[1] === '~' ? style[1] : '';
    return { file, start: declared.start, end: declared.end, newText: `${prefix}${fixedIn}` };
  }
  return undefined;
}

/** The range string of `name` in a package.json text, with the offsets of its contents (inside the quotes). */
function declaredRange(text: string, name: string): { value: string; start: number; end: number } | undefined {
  const tree = parseTree(text);
  if (!tree || tree.type !== 'object') return undefined;
  for (const section of DEPENDENCY_SECTIONS) {
    const node = findNodeAtLocation(tree, [section, name]);
    if (node?.type === 'string' && typeof node.value === 'string') return { value: node.value, start: node.offset + 1, end: node.offset + node.length - 1 };
  }
  return undefined;
}
