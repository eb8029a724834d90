// One document tree for every platform format: JSON (jsonc-parser), YAML (yaml) and TOML
// (toml-eslint-parser) are read into the same shape, with UTF-16 offsets into the file's text, so each
// platform's analyzer is written once whatever the file's syntax.
import type { TextRange } from '../types';

export type Syntax = 'json' | 'yaml' | 'toml' | 'headers';

export interface PScalar extends TextRange {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** How the scalar is written: its quote character, or '' (plain YAML, JSON/TOML numbers and booleans). */
  quote: '"' | "'" | '';
  /** Why the value is not known statically (a CloudFormation intrinsic function such as `!Sub`). */
  unknown?: string;
}

export interface PArray extends TextRange {
  kind: 'array';
  items: PNode[];
  unknown?: string;
}

export interface PEntry extends TextRange {
  key: string;
  keyRange: TextRange;
  value: PNode;
}

export interface PObject extends TextRange {
  kind: 'object';
  entries: PEntry[];
  /** `{ "Fn::Join": … }`, `{ "Ref": … }`: an intrinsic function, whose value is not known statically. */
  unknown?: string;
}

export type PNode = PScalar | PArray | PObject;

/** Where a node sits in its document (JSON edits are computed from it). */
export type PPath = (string | number)[];

export interface ParsedTree {
  root: PNode | undefined;
  /** The first syntax error, if any: one clear diagnostic per file. */
  error?: TextRange & { message: string };
  /** Whole-line `#` comments (YAML, TOML), for cors-lint-disable directives. */
  comments: TextRange[];
}

export function entry(node: PNode | undefined, key: string): PEntry | undefined {
  return node?.kind === 'object' ? node.entries.find((e) => e.key === key) : undefined;
}

export function child(node: PNode | undefined, key: string): PNode | undefined {
  return entry(node, key)?.value;
}

/** The first of several spellings of a key (`cors`/`Cors`, `allowedOrigins`/`AllowOrigins`…). */
export function childOf(node: PNode | undefined, ...keys: string[]): PEntry | undefined {
  for (const key of keys) {
    const found = entry(node, key);
    if (found) return found;
  }
  return undefined;
}

export function items(node: PNode | undefined): PNode[] {
  return node?.kind === 'array' ? node.items : [];
}

/** The text of a string scalar, or undefined for anything else. */
export function stringOf(node: PNode | undefined): string | undefined {
  return node?.kind === 'scalar' && !node.unknown && typeof node.value === 'string' ? node.value : undefined;
}

/** true/false, also written as strings ("true"), 'unknown' for anything else that is present. */
export function booleanOf(node: PNode | undefined): boolean | 'unknown' | undefined {
  if (!node) return undefined;
  if (node.kind !== 'scalar' || node.unknown) return 'unknown';
  if (node.value === true || (typeof node.value === 'string' && node.value.trim().toLowerCase() === 'true')) return true;
  if (node.value === false || (typeof node.value === 'string' && node.value.trim().toLowerCase() === 'false')) return false;
  return 'unknown';
}

/** The intrinsic function or tag that makes this node's value unknown, if any. */
export function unknownReason(node: PNode | undefined): string | undefined {
  return node?.unknown;
}
