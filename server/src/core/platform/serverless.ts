// serverless.yml (Serverless Framework): `functions.<fn>.events[].http.cors` (REST API; `true` or
// { origin | origins, headers, allowCredentials }), `provider.httpApi.cors` (HTTP API; `true` or
// { allowedOrigins, allowedHeaders, allowedMethods, allowCredentials }) and `functions.<fn>.url.cors`
// (function URLs, same keys). https://www.serverless.com/framework/docs/providers/aws/events/apigateway#enabling-cors
//
// Who answers the actual request matters for the cross-layer checks: an `http` event's `cors` only adds
// the OPTIONS (preflight) method, and with the default Lambda-proxy integration the function must return
// the CORS headers itself ("If you want to use CORS with the lambda-proxy integration, remember to include
// the Access-Control-Allow-* headers in your headers object", docs/providers/aws/events/apigateway.md). An
// HTTP API with CORS configured adds the headers to every response and "ignores CORS headers returned from
// your backend integration" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html).
import { listCors, type ListCorsKeys } from './aws';
import type { HandlerRef, PlatformCors } from './model';
import { child, entry, items, stringOf, type PNode } from './tree';

const REST_KEYS: ListCorsKeys = { origins: ['origins', 'origin'], credentials: ['allowCredentials'], methods: ['methods'], headers: ['headers'] };
const HTTP_API_KEYS: ListCorsKeys = { origins: ['allowedOrigins'], credentials: ['allowCredentials'], methods: ['allowedMethods'], headers: ['allowedHeaders'] };

export function serverlessCors(text: string, root: PNode | undefined): PlatformCors[] {
  const found: PlatformCors[] = [];
  const push = (cors: PlatformCors | undefined) => {
    if (cors) found.push(cors);
  };
  const functions = child(root, 'functions');
  const runtime = stringOf(child(child(root, 'provider'), 'runtime'));
  const httpApiCors = entry(child(child(root, 'provider'), 'httpApi'), 'cors');
  if (httpApiCors) {
    const handlers = functionsOf(functions, runtime).filter((fn) => items(child(fn.node, 'events')).some((event) => child(event, 'httpApi'))).flatMap((fn) => fn.ref ?? []);
    push(listCors(text, httpApiCors, HTTP_API_KEYS, { platform: 'serverless', library: 'Serverless provider.httpApi.cors', route: 'every httpApi event', handlers, actualResponse: 'platform' }, true));
  }
  for (const fn of functionsOf(functions, runtime)) {
    const handlers = fn.ref ? [fn.ref] : [];
    for (const event of items(child(fn.node, 'events'))) {
      const http = child(event, 'http');
      const cors = entry(http, 'cors');
      if (!cors) continue;
      const method = stringOf(child(http, 'method'))?.toUpperCase();
      const path = stringOf(child(http, 'path'));
      const route = `${method ?? 'ANY'} ${path ? `/${path.replace(/^\//, '')}` : '/'} (functions.${fn.key})`;
      // Other integrations (`lambda`, `http`, `mock`) shape the response in API Gateway, so the handler's
      // code is not the whole response there: the cross-layer checks only look at the proxy integration.
      const integration = stringOf(child(http, 'integration'))?.toLowerCase();
      const proxy = integration === undefined || LAMBDA_PROXY.has(integration);
      push(listCors(text, cors, REST_KEYS, { platform: 'serverless', library: 'Serverless http event cors', route, handlers, actualResponse: proxy ? 'handler' : undefined }, true));
    }
    const urlCors = entry(child(fn.node, 'url'), 'cors');
    if (urlCors) push(listCors(text, urlCors, HTTP_API_KEYS, { platform: 'serverless', library: 'Serverless function URL cors', route: `functions.${fn.key} URL`, handlers }, true));
  }
  return found;
}

const LAMBDA_PROXY = new Set(['lambda-proxy', 'aws-proxy', 'aws_proxy']);

/**
 * The `functions` entries with their handler, when it is written as a plain string and the function runs
 * on Node.js (its `runtime`, else the provider's; none written is the Node.js default of the framework).
 */
function functionsOf(functions: PNode | undefined, providerRuntime: string | undefined): { key: string; node: PNode; ref?: HandlerRef }[] {
  if (functions?.kind !== 'object') return [];
  return functions.entries.map((fn) => {
    const handler = stringOf(child(fn.value, 'handler'));
    const runtime = stringOf(child(fn.value, 'runtime')) ?? providerRuntime;
    const node = runtime === undefined || /^nodejs/i.test(runtime);
    return { key: fn.key, node: fn.value, ref: handler && node ? { handler, name: `functions.${fn.key}` } : undefined };
  });
}
