// The attacker's origins for a check: the classes dynamic CORS scanners send (Corsy, CORScanner, CORStest,
// nuclei's cors-misconfig template, ZAP rule 40040), derived from the trusted hosts the check names.

/** Weakest first: a check is reported with the first class it lets through. */
export const ATTACK_CLASSES = [
  'arbitrary origin',
  'null origin',
  'prefix match',
  'suffix match',
  'substring match',
  'unescaped dot',
  'special characters after the host',
  'localhost prefix',
  'shared hosting',
  'attacker-controlled host',
  'http downgrade',
  'any subdomain',
] as const;
export type AttackClass = (typeof ATTACK_CLASSES)[number];

export interface AttackOrigin {
  origin: string;
  attack: AttackClass;
  /** The trusted host it imitates (for the property "not the trusted host, not its subdomain"). */
  host?: string;
}

/** One host the check trusts, with the scheme and port written next to it (when any). */
export interface TrustedHost {
  host: string;
  scheme?: 'http' | 'https';
  port?: string;
  /** Written with a leading dot or a subdomain group: subdomains are meant. */
  subdomains?: boolean;
  /** Written with a leading dot (`.example.com`): subdomains only, not the domain itself. */
  leadingDot?: boolean;
}

const ATTACKER = 'evil.net';

/**
 * Hosting domains where anyone can get a subdomain: trusting "any subdomain" of these trusts strangers.
 * A maintained slice of the Public Suffix List's private section (publicsuffix.org, "PRIVATE DOMAINS"),
 * plus the sandboxes CORS scanners probe (codepen, jsfiddle/jshell).
 */
export const SHARED_HOSTING = [
  '.amazonaws.com', '.appspot.com', '.azurestaticapps.net', '.azurewebsites.net', '.cloudfront.net', '.codepen.io',
  '.codesandbox.io', '.csb.app', '.deno.dev', '.firebaseapp.com', '.fly.dev', '.github.io', '.gitlab.io', '.glitch.me',
  '.herokuapp.com', '.jsfiddle.net', '.jshell.net', '.netlify.app', '.netlify.com', '.ngrok-free.app', '.ngrok-free.dev',
  '.ngrok.app', '.ngrok.io', '.onrender.com', '.pages.dev', '.railway.app', '.repl.co', '.replit.app', '.replit.dev',
  '.stackblitz.io', '.surge.sh', '.vercel.app', '.web.app', '.workers.dev',
];

/** Public suffixes with two labels that a registrable domain sits under (example.co.uk). */
const TWO_LABEL_SUFFIXES = /\.(co|com|net|org|gov|ac|edu)\.[a-z]{2}$/;

/** The registrable domain of a host (example.com for app.example.com), or the host itself for IPs/localhost. */
export function registrableDomain(host: string): string {
  if (isIpOrLocal(host)) return host;
  for (const shared of SHARED_HOSTING) {
    if (host.endsWith(shared) && host.length > shared.length) return host.slice(host.lastIndexOf('.', host.length - shared.length - 1) + 1);
  }
  const labels = host.split('.');
  const keep = TWO_LABEL_SUFFIXES.test(host) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export function isIpOrLocal(host: string): boolean {
  return host === 'localhost' || /^\d+(\.\d+){3}$/.test(host) || host.startsWith('[');
}

/** The shared hosting suffix (".vercel.app") a host is or sits under, if any. */
export function sharedHostingOf(host: string): string | undefined {
  const h = host.startsWith('.') ? host : `.${host}`;
  return SHARED_HOSTING.find((s) => h.endsWith(s));
}

/** Is `origin`'s host the trusted host or one of its subdomains? */
export function isTrustedOrSubdomain(origin: string, host: string): boolean {
  const m = /^[a-z]+:\/\/([^/:]+)/i.exec(origin);
  if (!m) return false;
  const h = m[1].toLowerCase();
  return h === host || h.endsWith(`.${host}`);
}

/** The attacker's origins for these trusted hosts, weakest class first. */
export function attackOrigins(trusted: readonly TrustedHost[]): AttackOrigin[] {
  const out: AttackOrigin[] = [
    { origin: `https://${ATTACKER}`, attack: 'arbitrary origin' },
    { origin: 'null', attack: 'null origin' },
  ];
  const add = (attack: AttackClass, origin: string, host?: string) => out.push({ origin, attack, host });
  for (const t of trusted) {
    const host = t.host.toLowerCase();
    const scheme = t.scheme ?? (host === 'localhost' || host === '127.0.0.1' ? 'http' : 'https');
    const port = t.port ? `:${t.port}` : '';
    const domain = registrableDomain(host);
    const local = isIpOrLocal(host);
    const prefix = local ? 'localhost prefix' : 'prefix match';
    add(prefix, `${scheme}://${host}.${ATTACKER}`, host);
    add(prefix, `${scheme}://${host}${port}.${ATTACKER}`, host);
    if (!local) {
      add('suffix match', `${scheme}://evil${domain}`, host);
      add('suffix match', `${scheme}://evil-${domain}`, host);
      add('substring match', `${scheme}://${domain.slice(0, -1)}`, host);
      if (domain !== host) add('substring match', `${scheme}://${host.slice(0, -1)}`, host);
      add('substring match', `${scheme}://${domain.slice(1)}`, host);
      add('prefix match', `${scheme}://${host}-${ATTACKER.replace('.', '-')}.com`, host);
      // A dot that is not the last one, replaced by a letter: still a host someone can register.
      const dots = [...host.matchAll(/\./g)].map((m) => m.index!).slice(0, -1);
      for (const i of dots) add('unescaped dot', `${scheme}://${host.slice(0, i)}x${host.slice(i + 1)}${port}`, host);
      for (const c of ['_', '-', '`', '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=', '~']) {
        add('special characters after the host', `${scheme}://${host}${c}.${ATTACKER}`, host);
      }
      if (t.scheme === 'https') add('http downgrade', `http://${host}${port}`, host);
      add('any subdomain', `${scheme}://evil.${host}${port}`, host);
      if (domain !== host) {
        add('any subdomain', `${scheme}://evil.${domain}`, host);
        add('any subdomain', `${scheme}://evil${host}`, host);
      }
    }
  }
  add('localhost prefix', `https://localhost.${ATTACKER}`);
  add('localhost prefix', `http://localhost.${ATTACKER}`);
  for (const shared of SHARED_HOSTING) add('shared hosting', `https://attacker${shared}`);
  // Several trusted hosts give the same attackers (evil.net, localhost.evil.net…): keep the first.
  const seen = new Set<string>();
  const rank = (a: AttackOrigin) => ATTACK_CLASSES.indexOf(a.attack);
  return out.filter((a) => !seen.has(a.origin) && seen.add(a.origin)).sort((a, b) => rank(a) - rank(b));
}

/**
 * The hosts a check names, from the texts it compares with (strings, regex sources): `'.example.com'`,
 * `/^https:\/\/(www\.)?example\.com$/`, `'localhost'`. Regex escapes are read as the characters they stand for.
 */
export function trustedHostsIn(texts: readonly string[]): TrustedHost[] {
  const out = new Map<string, TrustedHost>();
  for (const raw of texts) {
    const text = raw.replace(/\\([./:-])/g, '$1').replace(/\[\\?\.\]/g, '.');
    const hostPattern = /(?:(https?)(?:\??|\(?s\)?\??|\[s\]\??):\/\/)?(\.)?((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*|localhost|\d+(?:\.\d+){3})(?::(\d{1,5}))?/gi;
    for (const m of text.matchAll(hostPattern)) {
      const host = m[3].toLowerCase();
      if (/\.(js|ts|json|html|php)$/.test(host)) continue;
      const writtenScheme = m[1]?.toLowerCase() as 'http' | 'https' | undefined;
      // `https?://` accepts both: the intent includes https.
      const scheme = writtenScheme && /\?|\(s\)|\[s\]/.test(m[0].slice(writtenScheme.length, m[0].indexOf('://'))) ? 'https' : writtenScheme;
      const before = text.slice(0, m.index);
      const subdomains = m[2] === '.' || /[*+]\)?\??$/.test(before) || /\)[*+?]$/.test(before);
      const existing = out.get(host);
      const leadingDot = m[2] === '.' && !/[*+?]\)?\??$/.test(before);
      if (!existing) out.set(host, { host, scheme, port: m[4], subdomains, leadingDot });
      else {
        existing.subdomains ||= subdomains;
        existing.leadingDot &&= leadingDot;
        existing.scheme ??= scheme;
      }
    }
  }
  // A shared hosting suffix named on its own (`.vercel.app`) is covered by the shared hosting class.
  return [...out.values()].filter((t) => !SHARED_HOSTING.includes(`.${t.host}`) || out.size === 1);
}
