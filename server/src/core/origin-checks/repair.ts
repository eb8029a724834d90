// Intent-preserving repairs of weak checks (issue 11, item 4): the rewrite accepts exactly the origins
// the check was written for (scheme, port and subdomain groups as written; localhost keeps http and any
// port) and nothing else. Every candidate is verified with the same evaluator and battery as the check
// itself; a candidate that fails is never offered.
import { configuredOriginProblem } from '../origins';
import { stringLiteral } from '../fixers';
import { attackOrigins, isIpOrLocal, trustedHostsIn, type TrustedHost } from './battery';
import type { Atom } from './predicate';
import { regexLanguage } from './regex';

export interface Repair {
  /** Replacement text for the atom's node. */
  text: string;
  /** Origins the repaired check was verified to accept. */
  intended: string[];
}

interface Intent {
  host: TrustedHost;
  /** '' none, '*' the domain and any subdomain, '+' subdomains only, or a group as written (`(www\.)?`). */
  subdomains: string;
}

/**
 * A verified repair of a weak atom, reading the origin through `subjectText`. `quote` is the file's quote.
 */
export function repairAtom(atom: Atom, subjectText: string, quote: string): Repair | undefined {
  if (!atom.wholeOrigin) return undefined;
  if (atom.kind === 'substringOf') return repairJoinedList(atom.texts[0], subjectText, quote);
  if (atom.kind === 'startsWith') {
    const origin = atom.texts[0];
    if (configuredOriginProblem(origin) === undefined && !isLocal(origin)) {
      return verified({ text: `${subjectText} === ${stringLiteral(origin, quote)}`, accepts: (o) => o === origin }, [origin], false);
    }
  }
  if (atom.kind === 'regex' && atom.regex) {
    const structural = repairRegexSource(atom.regex.source);
    if (structural) {
      const intents = intentsOf(trustedHostsIn([atom.regex.source]), atom.regex.source);
      const result = verifiedRegex(structural, atom.regex.flags, intents, atom.regex.node.getText().startsWith('/'), quote);
      if (result) return result;
    }
  }
  if (!['endsWith', 'includes', 'startsWith', 'regex'].includes(atom.kind)) return undefined;
  const trusted = trustedHostsIn(atom.texts);
  if (trusted.length === 0) return undefined;
  const looseStart = atom.kind === 'endsWith' || atom.kind === 'includes' || (atom.kind === 'regex' && !/^\^/.test(atom.texts[0]));
  const intents = trusted.map((host) => ({ host, subdomains: host.subdomains ? '+' : looseStart && !isIpOrLocal(host.host) ? '*' : '' }));
  const source = `^(${intents.map(intentSource).join('|')})$`.replace(/^\^\((.*)\)\$$/, (all, inner: string) => (intents.length === 1 ? `^${inner}$` : all));
  const regex = verifiedRegex(source, atom.kind === 'regex' ? atom.regex?.flags.replace(/[gy]/g, '') ?? '' : '', intents, true, quote);
  return regex && { ...regex, text: `${regex.text}.test(${subjectText})` };
}

/** `'https://a.com,https://b.com'.includes(origin)` meant a list: every part must be an origin. */
function repairJoinedList(joined: string, subjectText: string, quote: string): Repair | undefined {
  const parts = joined.split(/[\s,;|]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => configuredOriginProblem(p) !== undefined)) return undefined;
  const text = `[${parts.map((p) => stringLiteral(p, quote)).join(', ')}].includes(${subjectText})`;
  return verified({ text, accepts: (o) => parts.includes(o) }, parts, false);
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

function verifiedRegex(source: string, flags: string, intents: Intent[], literal: boolean, quote: string): Repair | undefined {
  const lang = regexLanguage(source, flags);
  if (!lang) return undefined;
  const text = literal ? `/${source}/${flags}` : stringLiteral(source, quote);
  const subdomains = intents.some((i) => i.subdomains !== '');
  return verified({ text, accepts: (o) => lang.accepts(o) }, intents.flatMap(samplesOf), subdomains, intents.map((i) => i.host));
}

/** Accepts every intended origin and no attacker origin (subdomains only when they were meant). */
function verified(candidate: { text: string; accepts: (origin: string) => boolean }, intended: string[], subdomainsMeant: boolean, trusted?: TrustedHost[]): Repair | undefined {
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

function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { out.push(source.slice(start, i)); start = i + 1; }
  }
  out.push(source.slice(start));
  return out;
}
