// firebase.json: `hosting.headers: [{ source | glob | regex, headers: [{ key, value }] }]`; `hosting` may
// be one site or a list of sites. https://firebase.google.com/docs/hosting/full-config#headers
import type { HeaderRule } from './model';
import { child, items, stringOf, type PNode } from './tree';
import { keyValueHeaders } from './values';

export function firebaseRules(text: string, root: PNode | undefined): HeaderRule[] {
  const hosting = child(root, 'hosting');
  const sites = hosting?.kind === 'array' ? hosting.items : hosting ? [hosting] : [];
  const rules: HeaderRule[] = [];
  for (const site of sites) {
    for (const item of items(child(site, 'headers'))) {
      const headers = keyValueHeaders(text, child(item, 'headers'));
      const pattern = stringOf(child(item, 'source')) ?? stringOf(child(item, 'glob')) ?? stringOf(child(item, 'regex')) ?? '(no source)';
      if (headers.length > 0) rules.push({ platform: 'firebase', pattern, range: item, headers, merges: false });
    }
  }
  return rules;
}
