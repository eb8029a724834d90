// CORS options shared by the AWS formats: a list-style configuration (API Gateway HTTP APIs, Lambda
// function URLs, the Serverless Framework's options) read into a PlatformCors.
import { removeSibling } from './edits';
import type { PlatformCors, PlatformValue } from './model';
import { booleanOf, childOf, type PEntry, type PNode } from './tree';
import { valueOf } from './values';

export interface ListCorsKeys {
  origins: string[];
  credentials: string[];
  methods: string[];
  headers: string[];
}

export function stringsOf(node: PNode | undefined): string[] | undefined {
  if (!node) return undefined;
  const nodes = node.kind === 'array' ? node.items : [node];
  const texts = nodes.map((n) => valueOf(n).text).filter((t): t is string => t !== undefined);
  return texts.length > 0 ? texts.flatMap((t) => t.split(',').map((s) => s.trim().replace(/^'|'$/g, ''))).filter(Boolean) : undefined;
}

/** The entries of an origin list (a list, or one string), each with its range. */
export function originEntries(node: PNode, variables: boolean): PlatformValue[] {
  const nodes = node.kind === 'array' && !node.unknown ? node.items : [node];
  return nodes.map((n) => valueOf(n, { variables }));
}

/** The credentials option: its value, range and an edit that removes it. */
export function credentialsOf(text: string, options: PNode, found: PEntry | undefined): Pick<PlatformCors, 'credentials' | 'credentialsRange' | 'credentialsRemoval'> {
  if (!found) return { credentials: false };
  const value = booleanOf(found.value) ?? false;
  const entries = options.kind === 'object' ? options.entries : [];
  return { credentials: value, credentialsRange: found.value, credentialsRemoval: removeSibling(text, entries, entries.indexOf(found)) };
}

/**
 * A list-style CORS option (`true`, or an object with an origin list): `*` or no origin option means
 * any origin; the platform echoes the request's origin when it is on the list.
 */
export function listCors(text: string, cors: PEntry, keys: ListCorsKeys, base: Pick<PlatformCors, 'platform' | 'library' | 'route' | 'handlers' | 'actualResponse'>, variables: boolean): PlatformCors | undefined {
  const value = cors.value;
  const range = { start: cors.start, end: cors.end };
  const keyRange = { start: cors.keyRange.start, end: cors.keyRange.end };
  if (value.kind === 'scalar' && !value.unknown) {
    if (booleanOf(value) !== true) return undefined;
    return { ...base, range, keyRange, originRange: value, origin: 'any', entries: [], style: 'list', credentials: false, defaultNote: `${cors.key}: true allows any origin` };
  }
  if (value.kind !== 'object' || value.unknown) {
    return { ...base, range, keyRange, originRange: value, origin: 'unknown', entries: [], style: 'list', credentials: 'unknown' };
  }
  const origins = childOf(value, ...keys.origins);
  const entries = origins ? originEntries(origins.value, variables) : [];
  // One '*' allows any origin whatever the other entries are; a deploy-time entry makes the list unknown
  // (its known entries are still checked).
  const origin: PlatformCors['origin'] = !origins || entries.some((e) => e.text?.trim() === '*') ? 'any' : entries.some((e) => e.text === undefined) ? 'unknown' : 'list';
  return {
    ...base,
    range,
    keyRange,
    originRange: origins?.value ?? { start: cors.keyRange.start, end: cors.keyRange.end },
    origin,
    entries,
    style: 'list',
    ...credentialsOf(text, value, childOf(value, ...keys.credentials)),
    methods: stringsOf(childOf(value, ...keys.methods)?.value),
    allowedHeaders: stringsOf(childOf(value, ...keys.headers)?.value),
    defaultNote: origins ? undefined : `${cors.key} with no origin option allows any origin`,
  };
}
