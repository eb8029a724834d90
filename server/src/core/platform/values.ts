// Reading values and header lists out of the shared tree, for every platform analyzer.
import { removeSibling } from './edits';
import type { PlatformHeader, PlatformValue } from './model';
import type { PEntry, PNode } from './tree';

/** Serverless Framework variables (`${env:ORIGIN}`, `${self:custom.origin}`) are resolved at deploy time. */
const DEPLOY_VARIABLE = /\$\{[^}]*\}/;

/** The value of a scalar (numbers and booleans as their text), or why it is unknown. */
export function valueOf(node: PNode, options: { variables?: boolean } = {}): PlatformValue {
  if (node.unknown) return { start: node.start, end: node.end, text: undefined, unknown: node.unknown, node };
  if (node.kind !== 'scalar' || node.value === null) return { start: node.start, end: node.end, text: undefined, unknown: 'not a string', node };
  const text = String(node.value);
  if (options.variables && DEPLOY_VARIABLE.test(text)) return { start: node.start, end: node.end, text: undefined, unknown: DEPLOY_VARIABLE.exec(text)![0], node };
  return { start: node.start, end: node.end, text, node };
}

/** Headers written as a list of `{ key, value }` objects (vercel.json, firebase.json). */
export function keyValueHeaders(text: string, list: PNode | undefined): PlatformHeader[] {
  if (list?.kind !== 'array') return [];
  const headers: PlatformHeader[] = [];
  list.items.forEach((item, index) => {
    if (item.kind !== 'object') return;
    const key = item.entries.find((e) => e.key === 'key')?.value;
    const value = item.entries.find((e) => e.key === 'value')?.value;
    if (key?.kind !== 'scalar' || typeof key.value !== 'string' || !value) return;
    headers.push({ name: key.value.toLowerCase(), value: valueOf(value), entry: { start: item.start, end: item.end }, removal: removeSibling(text, list.items, index) });
  });
  return headers;
}

/** Headers written as an object `{ "Name": "value" }` (vercel.json routes, netlify.toml values). */
export function objectHeaders(text: string, object: PNode | undefined): PlatformHeader[] {
  if (object?.kind !== 'object') return [];
  return object.entries.map((entry: PEntry, index) => ({
    name: entry.key.toLowerCase(),
    value: valueOf(entry.value),
    entry: { start: entry.start, end: entry.end },
    removal: removeSibling(text, object.entries, index),
  }));
}
