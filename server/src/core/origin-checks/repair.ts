// Intent-preserving repairs of weak checks (issue 11, item 4): the rewrite accepts exactly the origins
// the check was written for (scheme, port and subdomain groups as written; localhost keeps http and any
// port) and nothing else. Every candidate is verified with the same evaluator and battery as the check
// itself; a candidate that fails is never offered.
import ts from 'typescript';
import { configuredOriginProblem } from '../origins';
import { stringLiteral } from '../fixers';
import { attackOrigins, isIpOrLocal, trustedHostsIn, type TrustedHost } from './battery';
import type { Atom } from './predicate';
import { regexLanguage, topLevelAlternatives } from './regex';

export interface Repair {
  /** The node to replace (the atom's node, or the regex in it). */
  node: ts.Node;
  text: string;
  /** Origins the repaired check was verified to accept. */
  intended: string[];
}

interface Intent {
  host: TrustedHost;
  /** '' none, '*' the domain and any subdomain, '+' subdomains only, or a group as written (`(www\.)?`). */
  subdomains: string;
}

/** A verified repair of a weak atom; `quote` is the file's string quote. */
export function repairAtom(atom: Atom, quote: string): Repair | undefined {
  if (!atom.wholeOrigin) return undefined;
  const repair = repairText(atom, quote);
  if (!repair) return undefined;
  if (repair.node === atom.node && atom.negatedAtNode) return { ...repair, text: `!${repair.text}` };
  return repair;
}

function repairText(atom: Atom, quote: string): Repair | undefined {
  if (atom.regex) {
    const { node, source, flags } = atom.regex;
    const literal = ts.isRegularExpressionLiteral(node);
    const structural = repairRegexSource(source);
    const intents = intentsOf(trustedHostsIn([source]), source);
    const kept = structural && verifiedRegex(structural, flags, intents, literal, quote);
    if (kept) return { ...kept, node };
    const rebuilt = rebuild(atom, !/^\^/.test(source), flags.replace(/[gy]/g, ''), literal, quote);
    return rebuilt && { ...rebuilt, node };
  }
  const subjectText = atom.subjectNode?.getText();
  if (!subjectText) return undefined;
  if (atom.kind === 'substringOf') return repairJoinedList(atom.node, atom.texts[0], subjectText, quote);
  if (atom.kind === 'startsWith') {
    const origin = atom.texts[0];
    if (configuredOriginProblem(origin) === undefined && !isLocal(origin)) {
      const exact = verified({ text: `${subjectText} === ${stringLiteral(origin, quote)}`, accepts: (o) => o === origin }, [origin], false);
      if (exact) return { ...exact, node: atom.node };
    }
  }
  if (!['endsWith', 'includes', 'startsWith'].includes(atom.kind)) return undefined;
  const regex = rebuild(atom, atom.kind !== 'startsWith', '', true, quote);
  return regex && { ...regex, node: atom.node, text: `${regex.text}.test(${subjectText})` };
}

/** A regex for the hosts the atom names, with the scheme, port and subdomains they were written with. */
function rebuild(atom: Atom, looseStart: boolean, flags: string, literal: boolean, quote: string): Omit<Repair, 'node'> | undefined {
  const trusted = trustedHostsIn(atom.texts);
  if (trusted.length === 0) return undefined;
  const intents = trusted.map((host) => ({ host, subdomains: host.leadingDot ? '+' : (host.subdomains || looseStart) && !isIpOrLocal(host.host) ? '*' : '' }));
  const alternatives = intents.map(intentSource);
  const source = alternatives.length === 1 ? `^${alternatives[0]}$` : `^(${alternatives.join('|')})$`;
  return verifiedRegex(source, flags, intents, literal, quote);
}

/** `'https://a.com,https://b.com'.includes(origin)` meant a list: every part must be an origin. */
function repairJoinedList(node: ts.Node, joined: string, subjectText: string, quote: string): Repair | undefined {
  const parts = joined.split(/[\s,;|]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => configuredOriginProblem(p) !== undefined)) return undefined;
  const text = `[${parts.map((p) => stringLiteral(p, quote)).join(', ')}].includes(${subjectText})`;
  const list = verified({ text, accepts: (o) => parts.includes(o) }, parts, false);
  return list && { ...list, node };
}

function isLocal(origin: string): boolean {
  return /^https?:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(origin);
}

/** The intents a regex source shows: the subdomain group written before each host. */
function intentsOf(trusted: TrustedHost[], source: string): Intent[] {
  return trusted.map((host) => {
    const escaped = host.host.replace(/\./g, '\\.');
    const at = source.indexOf(escaped);
    const before = at > 0 ? source.slice(0, at) : '';
    const group = /(\((?:[^()]|\\\()*\)[?*+])$/.exec(before)?.[1];
    return { host, subdomains: group ? group : host.subdomains ? '+' : '' };
  });
}

function intentSource(intent: Intent): string {
  const { host } = intent;
  const local = isIpOrLocal(host.host);
  const scheme = local ? 'https?' : host.scheme ?? 'https';
  const sub = intent.subdomains === '*' ? '([a-z0-9-]+\\.)*' : intent.subdomains === '+' ? '([a-z0-9-]+\\.)+' : intent.subdomains;
  const port = host.port ? `:${host.port}` : local ? '(:\\d+)?' : '';
  return `${scheme}:\\/\\/${sub}${host.host.replace(/\./g, '\\.')}${port}`;
}

/** Origins the intent stands for, to verify a repair accepts them. */
function samplesOf(intent: Intent): string[] {
  const { host } = intent;
  const local = isIpOrLocal(host.host);
  const schemes = local ? ['http', 'https'] : [host.scheme ?? 'https'];
  const ports = host.port ? [`:${host.port}`] : local ? ['', ':3000'] : [''];
  const names = intent.subdomains === '' ? [host.host] : intent.subdomains === '+' ? [`app.${host.host}`] : intent.subdomains === '*' ? [host.host, `app.${host.host}`] : [];
  return schemes.flatMap((s) => names.flatMap((n) => ports.map((p) => `${s}://${n}${p}`)));
}

function verifiedRegex(source: string, flags: string, intents: Intent[], literal: boolean, quote: string): Omit<Repair, 'node'> | undefined {
  const lang = regexLanguage(source, flags);
  if (!lang) return undefined;
  const text = literal ? `/${source}/${flags}` : stringLiteral(source, quote);
  // An anchored alternation accepts a finite set: that set is the intent it is verified against.
  const words = lang.finiteWords(20);
  if (words) return verified({ text, accepts: (o) => lang.accepts(o) }, words, false, intents.map((i) => i.host));
  const subdomains = intents.some((i) => i.subdomains !== '');
  return verified({ text, accepts: (o) => lang.accepts(o) }, intents.flatMap(samplesOf), subdomains, intents.map((i) => i.host));
}

/** Accepts every intended origin and no attacker origin (subdomains only when they were meant). */
function verified(candidate: { text: string; accepts: (origin: string) => boolean }, intended: string[], subdomainsMeant: boolean, trusted?: TrustedHost[]): Omit<Repair, 'node'> | undefined {
  if (intended.length === 0 || !intended.every((o) => candidate.accepts(o))) return undefined;
  const hosts = trusted ?? trustedHostsIn(intended);
  for (const attack of attackOrigins(hosts)) {
    if (intended.includes(attack.origin)) continue;
    if (attack.attack === 'any subdomain' && subdomainsMeant) continue;
    // http is part of the intent only for local development hosts.
    if (candidate.accepts(attack.origin)) return undefined;
  }
  return { text: candidate.text, intended };
}

/**
 * Anchors and escapes a regex source, keeping its groups: lone dots escaped, `.*`/`.+` before a host become
 * a subdomain group, a missing scheme becomes https (http too for localhost) and localhost keeps any port.
 */
export function repairRegexSource(source: string): string | undefined {
  const glued = unglue(source);
  if (glued) return glued;
  if (topLevelAlternatives(source).length > 1) {
    const parts = topLevelAlternatives(source).map(repairRegexSource);
    return parts.every((p) => p !== undefined) ? parts.join('|') : undefined;
  }
  let body = source.replace(/^\^/, '').replace(/(^|[^\\])\$$/, '$1');
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') { out += c + (body[i + 1] ?? ''); i++; continue; }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; continue; }
    if (c === '.' && (body[i + 1] === '*' || body[i + 1] === '+')) {
      out += '([a-z0-9-]+\\.)*';
      i++;
      if (body[i + 1] === '?') i++;
      if (body[i + 1] === '\\' && body[i + 2] === '.') i += 2;
      continue;
    }
    out += c === '.' ? '\\.' : c;
  }
  body = out;
  const local = /^(\(?https\??:|\(?http|\\\/\\\/|\/\/)?(\\\/\\\/|\/\/)?(localhost|127\\\.0\\\.0\\\.1)/.test(body.replace(/^https?\??:/, ''));
  const hasScheme = /^(\(?https\??:|\(?http|\\\/\\\/|\/\/)/.test(body);
  if (!hasScheme) {
    const subdomain = body.startsWith('\\.');
    body = `${local ? 'https?' : 'https'}:\\/\\/${subdomain ? `([a-z0-9-]+\\.)+${body.slice(2)}` : body}`;
  } else if (local) {
    body = body.replace(/^https?:/, 'https?:');
  }
  if (local && !/:\\d|:\d/.test(body)) body += '(:\\d+)?';
  return `^${body}$`;
}

/**
 * `^https:\/\/app|admin\.example\.com$` was meant as `^https:\/\/(app|admin)\.example\.com$`: the first
 * alternative holds the scheme, the last the domain, and the ones between (if any) are bare labels.
 */
function unglue(source: string): string | undefined {
  const alts = topLevelAlternatives(source);
  if (alts.length < 2) return undefined;
  const first = /^\^(https\??:\\\/\\\/)([a-z0-9-]+)$/i.exec(alts[0]);
  const last = /^([a-z0-9-]+)((?:\\\.[a-z0-9-]+)+)\$$/i.exec(alts[alts.length - 1]);
  const middle = alts.slice(1, -1);
  if (!first || !last || !middle.every((m) => /^[a-z0-9-]+$/i.test(m))) return undefined;
  return `^${first[1]}(${[first[2], ...middle, last[1]].join('|')})${last[2]}$`;
}
