// Text edits in the config file's own syntax: a scalar replaced in its quote style, an entry removed
// with its separator. Fixes built here are checked by re-parsing the fixed text in the tests.
import type { TextEdit, TextRange } from '../types';
import type { PNode, Syntax } from './tree';

/** `value` written as a scalar of `syntax`, in the quote style of `like` when it has one. */
export function scalarText(syntax: Syntax, value: string, like?: PNode): string {
  const quote = like?.kind === 'scalar' ? like.quote : '"';
  switch (syntax) {
    case 'json':
      return JSON.stringify(value);
    case 'headers':
      return value;
    case 'toml':
      return quote === "'" && !/['\r\n]/.test(value) ? `'${value}'` : JSON.stringify(value);
    case 'yaml':
      if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
      if (quote === '' && /^[A-Za-z0-9][\w.:/-]*$/.test(value) && !/:(\s|$)/.test(value) && !/^(true|false|null|yes|no|on|off|~|[\d.]+)$/i.test(value)) return value;
      return JSON.stringify(value);
  }
}

/** A list of scalars in `syntax` flow style: `["a", "b"]`, `['a', 'b']`. */
export function listText(syntax: Syntax, values: string[], like?: PNode): string {
  return `[${values.map((v) => scalarText(syntax, v, like?.kind === 'scalar' && like.quote === '' ? { ...like, quote: "'" } : like)).join(', ')}]`;
}

export function replaceRange(range: TextRange, newText: string): TextEdit {
  return { start: range.start, end: range.end, newText };
}

/**
 * Removes the `index`th of `siblings` (entries of an object or items of a list, in order) together with
 * the separator and line break that tie it to a neighbour. Undefined when it is the only one (the
 * container would be left empty, which some platforms reject) or a comment sits in the gap.
 */
export function removeSibling(text: string, siblings: readonly TextRange[], index: number): TextEdit | undefined {
  if (siblings.length < 2 || index < 0 || index >= siblings.length) return undefined;
  const target = siblings[index];
  const range = index + 1 < siblings.length ? { start: target.start, end: siblings[index + 1].start } : { start: siblings[index - 1].end, end: target.end };
  if (text.slice(range.start, range.end).replace(text.slice(target.start, target.end), '').includes('#')) return undefined;
  return { ...range, newText: '' };
}

/** Removes the whole lines a range sits on (a `_headers` header line). */
export function removeLines(text: string, range: TextRange): TextEdit {
  const start = text.lastIndexOf('\n', range.start - 1) + 1;
  const newline = text.indexOf('\n', range.end);
  return { start, end: newline < 0 ? text.length : newline + 1, newText: '' };
}
