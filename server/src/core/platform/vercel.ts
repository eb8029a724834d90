// vercel.json / now.json: `headers: [{ source, headers: [{ key, value }] }]` and the legacy
// `routes: [{ src, headers: { Name: value } }]`. https://vercel.com/docs/project-configuration#headers
import type { HeaderRule } from './model';
import { child, items, stringOf, type PNode } from './tree';
import { keyValueHeaders, objectHeaders } from './values';

export function vercelRules(text: string, root: PNode | undefined): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const item of items(child(root, 'headers'))) {
    const headers = keyValueHeaders(text, child(item, 'headers'));
    if (headers.length > 0) rules.push({ platform: 'vercel', pattern: stringOf(child(item, 'source')) ?? '(no source)', range: item, headers, merges: false });
  }
  for (const route of items(child(root, 'routes'))) {
    const headers = objectHeaders(text, child(route, 'headers'));
    if (headers.length > 0) rules.push({ platform: 'vercel', pattern: stringOf(child(route, 'src')) ?? '(no src)', range: route, headers, merges: false });
  }
  return rules;
}
