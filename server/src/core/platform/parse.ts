// The three parsers, each read into the shared tree (tree.ts) with exact offsets. A syntax error is
// data (`error`), never an exception: a half-typed config file gets one diagnostic, not a crash.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsonParseError } from 'jsonc-parser';
import { parseTOML, type AST as TomlAst } from 'toml-eslint-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node as YamlNode } from 'yaml';
import type { TextRange } from '../types';
import type { ParsedTree, PEntry, PNode, PObject, Syntax } from './tree';

export function parseTreeOf(text: string, syntax: Exclude<Syntax, 'headers'>): ParsedTree {
  const tree = syntax === 'json' ? parseJson(text) : syntax === 'yaml' ? parseYaml(text) : parseToml(text);
  if (tree.error) tree.error = visibleRange(text, tree.error);
  return tree;
}

/** An error at a point is shown on the rest of its line (or the line before, at the end of the file). */
function visibleRange<T extends TextRange>(text: string, error: T): T {
  const start = Math.min(error.start, text.length);
  const end = Math.min(error.end, text.length);
  // yaml points at the first character of a bad key: underline the key.
  if (end === start + 1) return { ...error, start, end: start + (/^[\w$.-]+/.exec(text.slice(start, start + 200))?.[0].length ?? 1) };
  if (end > start) return { ...error, start, end };
  const lineEnd = text.slice(start).search(/\r?\n|$/) + start;
  if (lineEnd > start) return { ...error, start, end: lineEnd };
  const lineStart = text.lastIndexOf('\n', start - 1 - (text[start - 1] === '\n' ? 1 : 0)) + 1;
  return { ...error, start: Math.min(lineStart, start), end: start };
}

/** `{ "Ref": … }`, `{ "Fn::Sub": … }`: CloudFormation intrinsic functions, resolved only at deploy time. */
function intrinsicOf(entries: PEntry[]): string | undefined {
  return entries.length === 1 && /^(Ref|Fn::\w+)$/.test(entries[0].key) ? entries[0].key : undefined;
}

function objectNode(range: TextRange, entries: PEntry[]): PObject {
  return { kind: 'object', ...range, entries, unknown: intrinsicOf(entries) };
}

// --- JSON (vercel.json, now.json, firebase.json, CloudFormation/SAM templates) ---

function parseJson(text: string): ParsedTree {
  const errors: JsonParseError[] = [];
  // Strict JSON: the platforms reject comments and trailing commas, so they are errors here too.
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const error = first ? { start: first.offset, end: first.offset + Math.max(first.length, 0), message: jsonErrorMessage(printParseErrorCode(first.error)) } : undefined;
  return { root: root ? fromJson(root) : undefined, error, comments: [] };
}

function jsonErrorMessage(code: string): string {
  // 'CommaExpected' → 'comma expected'
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function fromJson(node: JsonNode): PNode {
  const range = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object': {
      const entries: PEntry[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value) continue;
        entries.push({ key: String(key.value), keyRange: { start: key.offset, end: key.offset + key.length }, value: fromJson(value), start: property.offset, end: property.offset + property.length });
      }
      return objectNode(range, entries);
    }
    case 'array':
      return { kind: 'array', ...range, items: (node.children ?? []).map(fromJson) };
    case 'string':
      return { kind: 'scalar', ...range, value: node.value as string, quote: '"' };
    default:
      return { kind: 'scalar', ...range, value: (node.value ?? null) as number | boolean | null, quote: '' };
  }
}

// --- YAML (serverless.yml, SAM/CloudFormation templates) ---

function parseYaml(text: string): ParsedTree {
  const lineCounter = new LineCounter();
  // uniqueKeys: duplicate keys are an error for CloudFormation and for the Serverless Framework alike.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const first = document.errors[0];
  const error = first ? { start: first.pos[0], end: Math.max(first.pos[1], first.pos[0]), message: first.message.split('\n')[0] } : undefined;
  const root = document.contents ? fromYaml(document.contents as YamlNode) : undefined;
  return { root, error, comments: hashComments(text) };
}

/** Tags that are YAML's own; any other (`!Sub`, `!Ref`, `!GetAtt`, `!If`…) is a deploy-time function. */
const CORE_TAG = /^tag:yaml\.org,2002:/;

function fromYaml(node: YamlNode): PNode {
  const [start, , end] = node.range ?? [0, 0, 0];
  // A node's range ends after its trailing comment and blank lines; the value itself ends at range[1].
  const valueEnd = node.range?.[1] ?? end;
  const tag = node.tag && !CORE_TAG.test(node.tag) ? node.tag : undefined;
  if (isMap(node)) {
    const entries: PEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      const value = pair.value as YamlNode | null;
      if (!key || !isScalar(key) || !key.range) continue;
      const keyRange = { start: key.range[0], end: key.range[1] };
      const valueNode: PNode = value && !isAlias(value) ? fromYaml(value) : { kind: 'scalar', start: keyRange.end, end: keyRange.end, value: null, quote: '', unknown: value ? 'a YAML alias' : undefined };
      entries.push({ key: String(key.value), keyRange, value: valueNode, start: keyRange.start, end: Math.max(valueNode.end, keyRange.end) });
    }
    const object = objectNode({ start, end: valueEnd }, entries);
    if (tag) object.unknown = tag;
    return object;
  }
  if (isSeq(node)) {
    const list = node.items.filter((i): i is YamlNode => !!i && !isPair(i) && !isAlias(i)).map(fromYaml);
    return { kind: 'array', start, end: valueEnd, items: list, unknown: tag };
  }
  if (isScalar(node)) {
    const scalar = node as Scalar;
    const quote = scalar.type === Scalar.QUOTE_DOUBLE ? '"' : scalar.type === Scalar.QUOTE_SINGLE ? "'" : '';
    const value = scalar.value;
    const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : String(value);
    return { kind: 'scalar', start, end: valueEnd, value: plain, quote, unknown: tag };
  }
  return { kind: 'scalar', start, end: valueEnd, value: null, quote: '', unknown: 'a YAML alias' };
}

// --- TOML (netlify.toml) ---

function parseToml(text: string): ParsedTree {
  let program: TomlAst.TOMLProgram;
  try {
    program = parseTOML(text);
  } catch (error) {
    const e = error as { index?: number; message?: string };
    const at = typeof e.index === 'number' ? e.index : 0;
    return { root: undefined, error: { start: at, end: at, message: String(e.message ?? error).split('\n')[0] }, comments: hashComments(text) };
  }
  const top = program.body[0];
  const root: PObject = { kind: 'object', start: top.range[0], end: top.range[1], entries: [] };
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      addKeyValue(root, item);
      continue;
    }
    // [table] and [[array.of.tables]]: walk the resolved key, creating the objects on the way.
    let target: PObject = root;
    const path = item.resolvedKey;
    const header = { start: item.range[0], end: item.range[1] };
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      if (typeof step === 'number') continue; // the index into an array of tables: handled by the name before it
      const isArrayStep = typeof path[i + 1] === 'number';
      let existing = target.entries.find((e) => e.key === step);
      if (!existing) {
        const value: PNode = isArrayStep ? { kind: 'array', ...header, items: [] } : { kind: 'object', ...header, entries: [] };
        existing = { key: String(step), keyRange: rangeOf(item.key), value, ...header };
        target.entries.push(existing);
      }
      if (existing.value.kind === 'array') {
        const list = existing.value;
        // resolvedKey names the element: ['headers', 1, 'values'] is [headers.values] of the second [[headers]].
        const index = typeof path[i + 1] === 'number' ? (path[i + 1] as number) : list.items.length;
        while (list.items.length <= index) list.items.push({ kind: 'object', ...header, entries: [] });
        const element = list.items[index];
        if (!element || element.kind !== 'object') break;
        target = element;
      } else if (existing.value.kind === 'object') {
        target = existing.value;
      } else break;
    }
    // The table's own range covers its header and body.
    target.start = Math.min(target.start, header.start);
    target.end = Math.max(target.end, header.end);
    for (const keyValue of item.body) addKeyValue(target, keyValue);
  }
  return { root, comments: hashComments(text) };
}

function rangeOf(node: { range: [number, number] }): TextRange {
  return { start: node.range[0], end: node.range[1] };
}

/** `a.b.c = v` inside `target`: dotted keys create the tables between. */
function addKeyValue(target: PObject, keyValue: TomlAst.TOMLKeyValue): void {
  const keys = keyValue.key.keys;
  let object = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const name = keyName(keys[i]);
    let existing = object.entries.find((e) => e.key === name);
    if (!existing || existing.value.kind !== 'object') {
      existing = { key: name, keyRange: rangeOf(keys[i]), value: { kind: 'object', ...rangeOf(keyValue), entries: [] }, ...rangeOf(keyValue) };
      object.entries.push(existing);
    }
    object = existing.value as PObject;
  }
  const last = keys[keys.length - 1];
  object.entries.push({ key: keyName(last), keyRange: rangeOf(last), value: fromToml(keyValue.value), ...rangeOf(keyValue) });
}

function keyName(key: TomlAst.TOMLBare | TomlAst.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

function fromToml(node: TomlAst.TOMLContentNode): PNode {
  const range = rangeOf(node);
  if (node.type === 'TOMLArray') return { kind: 'array', ...range, items: node.elements.map(fromToml) };
  if (node.type === 'TOMLInlineTable') {
    const object: PObject = { kind: 'object', ...range, entries: [] };
    for (const keyValue of node.body) addKeyValue(object, keyValue);
    return object;
  }
  if (node.kind === 'string') return { kind: 'scalar', ...range, value: node.value, quote: node.style === 'literal' ? "'" : '"' };
  if (node.kind === 'boolean') return { kind: 'scalar', ...range, value: node.value, quote: '' };
  if (node.kind === 'integer' || node.kind === 'float') return { kind: 'scalar', ...range, value: Number(node.value), quote: '' };
  return { kind: 'scalar', ...range, value: String(node.value), quote: '' };
}

/** Comments that fill their line (`# cors-lint-disable-next-line …`), for directives. */
export function hashComments(text: string): TextRange[] {
  const comments: TextRange[] = [];
  for (const match of text.matchAll(/^[ \t]*(#[^\r\n]*)/gm)) {
    const start = (match.index ?? 0) + match[0].length - match[1].length;
    comments.push({ start, end: start + match[1].length });
  }
  return comments;
}
