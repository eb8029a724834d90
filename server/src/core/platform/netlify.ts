// Netlify's netlify.toml `[[headers]] for = "/*" [headers.values] Name = "value"`, and the `_headers`
// file that Netlify and Cloudflare Pages (and Workers static assets) read:
//
//   /api/*
//     Access-Control-Allow-Origin: https://app.example.com
//
// Both platforms apply every rule whose pattern matches the request path and join the values of a
// header set by several of them with ', ' — https://docs.netlify.com/routing/headers/ ("multi-value
// headers"), https://developers.cloudflare.com/pages/configuration/headers/ ("if a header is applied
// twice … the values are joined with a comma").
import { removeLines } from './edits';
import type { HeaderRule, PlatformHeader } from './model';
import { child, items, stringOf, type PNode } from './tree';
import { objectHeaders } from './values';

export function netlifyTomlRules(text: string, root: PNode | undefined): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const item of items(child(root, 'headers'))) {
    const headers = objectHeaders(text, child(item, 'values'));
    if (headers.length > 0) rules.push({ platform: 'netlify', pattern: stringOf(child(item, 'for')) ?? '(no for)', range: item, headers, merges: true });
  }
  return rules;
}

export interface HeadersFile {
  rules: HeaderRule[];
  error?: { start: number; end: number; message: string };
}

/** Parses a `_headers` file. A header line before any path, or a line without `:`, is the syntax error. */
export function headersFileRules(text: string, platform: HeaderRule['platform']): HeadersFile {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | undefined;
  let error: HeadersFile['error'];
  for (const match of text.matchAll(/^([ \t]*)([^\r\n]*?)[ \t]*$/gm)) {
    const [line, indent, content] = match;
    const at = (match.index ?? 0) + indent.length;
    if (content === '' || content.startsWith('#')) continue;
    if (indent === '') {
      current = { platform, pattern: content, range: { start: at, end: at + content.length }, headers: [], merges: true };
      rules.push(current);
      continue;
    }
    // Cloudflare's `! Header-Name` removes a header set by an earlier rule: nothing to check.
    if (content.startsWith('!')) continue;
    const colon = content.indexOf(':');
    if (!current || colon <= 0) {
      error ??= { start: at, end: at + content.length, message: current ? 'a header line needs "Name: value"' : 'a header line comes before any path pattern' };
      continue;
    }
    const name = content.slice(0, colon).trim();
    const rawValue = content.slice(colon + 1);
    const valueStart = at + colon + 1 + (rawValue.length - rawValue.trimStart().length);
    const value = rawValue.trim();
    const header: PlatformHeader = {
      name: name.toLowerCase(),
      value: { start: valueStart, end: valueStart + value.length, text: value, node: { kind: 'scalar', start: valueStart, end: valueStart + value.length, value, quote: '' } },
      entry: { start: at, end: at + content.length },
      removal: removeLines(text, { start: at, end: at + content.length }),
    };
    current.headers.push(header);
    current.range = { start: current.range.start, end: at + content.length };
    void line;
  }
  return { rules: rules.filter((r) => r.headers.length > 0), error };
}

/**
 * Does every path that `later` matches also match `earlier`? Only the shapes that are certain:
 * the same pattern, `/*`, or a `/prefix/*` that the other pattern starts with. Placeholders
 * (`:name`) and absolute URLs are compared literally, so they only ever match themselves.
 */
export function patternCovers(wide: string, narrow: string): boolean {
  if (wide === narrow) return true;
  if (!wide.endsWith('*') || wide.slice(0, -1).includes('*') || /(^|\/):/.test(wide)) return false;
  return narrow.startsWith(wide.slice(0, -1));
}
