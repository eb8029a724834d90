// The config's `ignore` globs (and the editor's files.exclude, which the audit anchors at the folder),
// matched with gitignore semantics by the `ignore` package, as .gitignore files are. The config schema
// documents two additions, kept here: `{a,b}` alternatives (expanded before matching) and a leading `./`.
import ignore from 'ignore';
import type { Ignore } from 'ignore';

/** A glob with many alternatives expands to at most this many patterns (the rest are dropped). */
const MAX_EXPANSIONS = 256;

const compiled = new WeakMap<readonly string[], Ignore>();

/**
 * True when `relativePath` ('/'-separated, relative to the globs' folder) or a folder above it matches one
 * of `globs`. `isDir`: the path is a folder (a `dir/` pattern matches folders only).
 */
export function matchesIgnoreGlobs(relativePath: string, globs: readonly string[], isDir = false): boolean {
  if (globs.length === 0 || relativePath === '' || relativePath.startsWith('../')) return false;
  let matcher = compiled.get(globs);
  if (!matcher) {
    matcher = ignore({ ignorecase: false }).add(globs.flatMap((g) => expandBraces(normalizeGlob(g))));
    compiled.set(globs, matcher);
  }
  const normalized = relativePath.replace(/\\/g, '/');
  try {
    return matcher.ignores(isDir ? `${normalized}/` : normalized);
  } catch {
    return false; // a path `ignore` rejects (e.g. a name of only dots) is not one a glob names
  }
}

function normalizeGlob(glob: string): string {
  const trimmed = glob.trim().replace(/\\/g, '/');
  return trimmed.startsWith('./') ? trimmed.slice(2) : trimmed;
}

/** `src/{a,b}/*.js` → `src/a/*.js`, `src/b/*.js` (each brace group in turn; no nesting). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  const close = open < 0 ? -1 : glob.indexOf('}', open);
  if (close < 0) return [glob];
  const head = glob.slice(0, open);
  const tails = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const alternative of glob.slice(open + 1, close).split(',')) {
    for (const tail of tails) {
      if (out.length >= MAX_EXPANSIONS) return out;
      out.push(head + alternative + tail);
    }
  }
  return out;
}
