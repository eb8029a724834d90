// Serialized origins (scheme://host[:port]) as browsers send them in the Origin header: what makes a
// string one, and the nearest valid origin to a malformed one. Used by invalid-origin and by the config.

/** A scheme, a 253-character host and a port fit many times over; longer text is not an origin. */
const MAX_ORIGIN_LENGTH = 2048;

/** What is wrong with an origin string, or undefined when it is a valid serialized origin. */
export function originProblem(text: string): string | undefined {
  if (text !== text.trim()) return 'it has surrounding whitespace';
  if (/\s/.test(text)) return 'it contains whitespace';
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(text);
  if (!m) {
    // Only host-like text is an origin missing its scheme; other words ('value', 'self') are not origins at all.
    return /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?\/?$/i.test(text) ? 'it has no scheme (browsers send e.g. https://example.com)' : undefined;
  }
  const [, scheme, host, rest] = m;
  if (host.includes('*')) return 'wildcards are not patterns here: the browser compares the exact text';
  if (rest === '/') return 'it ends with a slash, but an Origin header never does';
  if (rest) return 'it has a path, but an Origin header is only scheme://host[:port]';
  if (/[A-Z]/.test(scheme + host)) return 'it has upper-case letters, but browsers send the scheme and host in lower case';
  if ((/^https$/i.test(scheme) && /:443$/.test(host)) || (/^http$/i.test(scheme) && /:80$/.test(host))) return 'it names the default port, which browsers omit';
  if (host === '') return 'it has no host';
  return undefined;
}

/**
 * Why a configured allowedOrigins entry is not an exact serialized origin, or undefined when it is one.
 * Stricter than originProblem: words that are not origins at all ('*', 'null', 'self') are refused too,
 * because fixes paste these entries into code and checks compare the Origin header against them.
 */
export function configuredOriginProblem(text: string): string | undefined {
  if (text.length > MAX_ORIGIN_LENGTH) return 'it is longer than any origin';
  const problem = originProblem(text);
  if (problem) return problem;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(text)) return 'it is not of the form scheme://host[:port]';
  if (!/^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[a-z0-9_.~-]+)(:\d{1,5})?$/i.test(text)) return 'its host or port has characters an origin cannot have';
  return undefined;
}

/** A serialized origin (scheme://host[:port]) normalised the way browsers send it, or undefined. */
export function normaliseOrigin(text: string): { origin: string; safe: boolean } | undefined {
  if (text.length > MAX_ORIGIN_LENGTH) return undefined;
  const trimmed = text.trim();
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]+)(\/.*)?$/i.exec(trimmed);
  if (!m) {
    // A bare host: add a scheme (a guess, so a suggestion).
    if (/^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?\/?$/i.test(trimmed) || /^localhost(:\d+)?\/?$/i.test(trimmed)) {
      const host = trimmed.replace(/\/$/, '').toLowerCase();
      return { origin: `${/^localhost/.test(host) ? 'http' : 'https'}://${host}`, safe: false };
    }
    return undefined;
  }
  const scheme = m[1].toLowerCase();
  let host = m[2].toLowerCase();
  if ((scheme === 'https' && host.endsWith(':443')) || (scheme === 'http' && host.endsWith(':80'))) host = host.replace(/:\d+$/, '');
  const path = m[3] ?? '';
  // Dropping "/" or fixing case/whitespace/default port keeps the intent exactly; dropping a real path is a guess.
  const safe = path === '' || path === '/';
  return { origin: `${scheme}://${host}`, safe };
}

/**
 * A regular expression literal that matches https://<domain> and any subdomain of it, or undefined when
 * `domain` is not a plain host name (a fix must not paste arbitrary text into a regex).
 */
export function subdomainRegex(domain: string): string | undefined {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i.test(domain)) return undefined;
  return `/^https:\\/\\/([a-z0-9-]+\\.)*${domain.toLowerCase().replace(/\./g, '\\.')}$/`;
}
