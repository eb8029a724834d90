// serverless.yml (Serverless Framework): `functions.<fn>.events[].http.cors` (REST API; `true` or
// { origin | origins, headers, allowCredentials }), `provider.httpApi.cors` (HTTP API; `true` or
// { allowedOrigins, allowedHeaders, allowedMethods, allowCredentials }) and `functions.<fn>.url.cors`
// (function URLs, same keys). https://www.serverless.com/framework/docs/providers/aws/events/apigateway#enabling-cors
import { listCors, type ListCorsKeys } from './aws';
import type { PlatformCors } from './model';
import { child, entry, items, stringOf, type PNode } from './tree';

const REST_KEYS: ListCorsKeys = { origins: ['origins', 'origin'], credentials: ['allowCredentials'], methods: ['methods'], headers: ['headers'] };
const HTTP_API_KEYS: ListCorsKeys = { origins: ['allowedOrigins'], credentials: ['allowCredentials'], methods: ['allowedMethods'], headers: ['allowedHeaders'] };

export function serverlessCors(text: string, root: PNode | undefined): PlatformCors[] {
  const found: PlatformCors[] = [];
  const push = (cors: PlatformCors | undefined) => {
    if (cors) found.push(cors);
  };
  const httpApiCors = entry(child(child(root, 'provider'), 'httpApi'), 'cors');
  if (httpApiCors) push(listCors(text, httpApiCors, HTTP_API_KEYS, { platform: 'serverless', library: 'Serverless provider.httpApi.cors', route: 'every httpApi event' }, true));
  const functions = child(root, 'functions');
  if (functions?.kind !== 'object') return found;
  for (const fn of functions.entries) {
    const handler = stringOf(child(fn.value, 'handler'));
    for (const event of items(child(fn.value, 'events'))) {
      const http = child(event, 'http');
      const cors = entry(http, 'cors');
      if (!cors) continue;
      const method = stringOf(child(http, 'method'))?.toUpperCase();
      const path = stringOf(child(http, 'path'));
      const route = `${method ?? 'ANY'} ${path ? `/${path.replace(/^\//, '')}` : '/'} (functions.${fn.key})`;
      push(listCors(text, cors, REST_KEYS, { platform: 'serverless', library: 'Serverless http event cors', route, handler }, true));
    }
    const urlCors = entry(child(fn.value, 'url'), 'cors');
    if (urlCors) push(listCors(text, urlCors, HTTP_API_KEYS, { platform: 'serverless', library: 'Serverless function URL cors', route: `functions.${fn.key} URL`, handler }, true));
  }
  return found;
}
