// How a fix reads the request's Origin in the handler around a header write, the way that handler's
// request object offers it: a Node/Express/Fastify request has a plain `headers` object (`.get()` on it
// is a TypeError), a Fetch Request has a `Headers` (`.origin` on it is undefined), Koa and Hono read
// through their context, a Cloudflare Pages function through `context.request`, a Lambda event through
// `event.headers` in the case the gateway kept. A variable that already holds the origin is reused.
import ts from 'typescript';
import type { HeaderWrite } from './facts/model';
import type { TextEdit } from './types';

export interface OriginRead {
  /** The expression text that yields the request's Origin (or undefined) at the write. */
  text: string;
  /** Edits the read needs, e.g. a `request` parameter added to `export function GET()`. */
  edits: TextEdit[];
}

/** `req.headers.origin`, `request.headers.get('Origin')`, `ctx.get('origin')`, `c.req.header('Origin')`, `event.headers?.Origin`… */
export const ORIGIN_READ = /(\.headers(\?\.|\.)origin\b|\.headers(\?\.)?\[\s*['"`]origin['"`]\s*\]|\.(get|header)\(\s*['"`]origin['"`]\s*\))/i;
const HTTP_METHOD_EXPORT = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/;

/**
 * Is the write's value fixed before any request arrives? A NestJS `@Header` decorator takes a constant,
 * a next.config `headers()` entry is read once at start-up, a setting that implies the header
 * (Nitro's `cors: true`) and a header object outside any function have no request in scope. A fix
 * there writes a fixed origin, never an expression that reads the request.
 */
export function isStaticWrite(write: HeaderWrite): boolean {
  return write.api === '@Header' || write.api === 'headers() entry' || write.implied === true || write.group.handler === undefined;
}

/** Parameter names frameworks give the request (or the context that carries it). */
const REQUEST_NAME = /^_?(req|request|ctx|context|c|event|evt|e|r|incoming|httpRequest|\w+(Req|Request|Event|Context|Ctx))$/;
/** Parameter names of the response object that follows the request. */
const RESPONSE_NAME = /^_?(res|response|resp|reply|h|\w+(Res|Response|Reply))$/;
/** Request, context and event types (`NextRequest`, `IncomingMessage`, `APIGatewayProxyEvent`, `Context`…). */
const REQUEST_TYPE = /(Request|IncomingMessage|Context|Event)\b/;

/**
 * Does the parameter hold the request (or its context)? A helper such as `corsHeaders(origin)` or a
 * NestJS method taking only `@Res() res` has no request to read: the fix must not invent one.
 */
function holdsRequest(handler: ts.SignatureDeclaration, sourceFile: ts.SourceFile): boolean {
  const [first, second] = handler.parameters;
  if (!first || !ts.isIdentifier(first.name)) return false;
  if (REQUEST_NAME.test(first.name.text)) return true;
  if (first.type && REQUEST_TYPE.test(first.type.getText(sourceFile))) return true;
  return second !== undefined && ts.isIdentifier(second.name) && RESPONSE_NAME.test(second.name.text);
}

export function requestOriginRead(write: HeaderWrite, sourceFile: ts.SourceFile, imports: ReadonlySet<string>): OriginRead | undefined {
  if (isStaticWrite(write)) return undefined;
  for (const v of write.value.variants) {
    if (v.kind === 'request' && v.source === 'origin' && ts.isExpression(v.node)) return { text: v.node.getText(sourceFile), edits: [] };
  }
  const handler = write.group.handler?.node;
  if (!handler) return undefined;
  const local = localOriginVariable(handler, write.node, sourceFile);
  if (local) return { text: local, edits: [] };
  const params = handler.parameters;
  const first = params[0];
  const has = (re: RegExp) => [...imports].some((m) => re.test(m));
  const receiver = write.receiver ?? '';

  // `({ request, env, next })` (Pages, SvelteKit, Astro): the Fetch Request is a property.
  if (first && ts.isObjectBindingPattern(first.name)) {
    const request = first.name.elements.find((e) => ts.isIdentifier(e.name) && ((e.propertyName && ts.isIdentifier(e.propertyName) ? e.propertyName.text : e.name.text) === 'request'));
    return request && ts.isIdentifier(request.name) ? { text: `${request.name.text}.headers.get('Origin')`, edits: [] } : undefined;
  }
  const p = first && ts.isIdentifier(first.name) ? first.name.text : undefined;
  const second = params[1] && ts.isIdentifier(params[1].name) ? params[1].name.text : undefined;
  if (!p) return noParameterRead(handler, write, sourceFile);
  if (!holdsRequest(handler, sourceFile)) return undefined;

  if (write.api === 'function result headers' || (/^(event|evt|_event)$/.test(p) && !second)) {
    // API Gateway REST (v1) keeps the client's header case; HTTP APIs (v2) and ALB lower-case it.
    return { text: `${p}.headers?.origin ?? ${p}.headers?.Origin`, edits: [] };
  }
  if (isPagesFunction(handler) || (/^(context|ctx)$/.test(p) && usesMember(handler, p, 'request') && !has(/^(koa|@koa\/|koa-)/))) {
    return { text: `${p}.request.headers.get('Origin')`, edits: [] };
  }
  if (has(/^hono(\/|$)/) && (receiver.split('.')[0] === p || !second)) return { text: `${p}.req.header('Origin')`, edits: [] };
  if (has(/^(koa|@koa\/|koa-)/) || (/^(ctx|context)$/.test(p) && /^(ctx|context)\b/.test(receiver) && !second)) return { text: `${p}.get('Origin')`, edits: [] };
  // (req, res) / (request, reply): Node's IncomingMessage (Express, Fastify, Next pages API, Vercel) has a plain headers object.
  if (second || /^(res|response|resp|reply)\b/.test(receiver) || write.api === 'writeHead' || has(/^(express|fastify|node:http|http|https|node:https|restify)$/)) {
    return { text: `${p}.headers.origin`, edits: [] };
  }
  // One parameter and Fetch-style headers: a Fetch Request (Workers, Deno.serve, Bun.serve, Next route handlers).
  return { text: `${p}.headers.get('Origin')`, edits: [] };
}

/** `const origin = req.headers.origin` / `const { origin } = req.headers` visible at `at`, reused by the fix. */
function localOriginVariable(handler: ts.SignatureDeclaration, at: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  const body = 'body' in handler ? (handler as ts.FunctionLikeDeclaration).body : undefined;
  if (!body || !ts.isBlock(body)) return undefined;
  const position = at.getStart(sourceFile);
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.pos >= position) return;
    if (ts.isFunctionLike(node) && node !== handler) return;
    if (ts.isVariableDeclaration(node) && node.initializer && node.end <= position && visibleAt(node, at)) {
      const init = node.initializer.getText(sourceFile);
      if (ts.isIdentifier(node.name) && ORIGIN_READ.test(init) && !/[?:|&]/.test(init.replace(/\?\./g, ''))) found = node.name.text;
      else if (ts.isObjectBindingPattern(node.name) && /\.headers$/.test(init)) {
        const element = node.name.elements.find((e) => ts.isIdentifier(e.name) && (e.propertyName ? e.propertyName.getText(sourceFile).replace(/['"]/g, '') : e.name.text) === 'origin');
        if (element && ts.isIdentifier(element.name)) found = element.name.text;
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** A declaration is visible at `at` when its block (or the function body) encloses `at`. */
function visibleAt(declaration: ts.VariableDeclaration, at: ts.Node): boolean {
  let scope: ts.Node | undefined = declaration.parent;
  while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  if (!scope) return false;
  for (let n: ts.Node | undefined = at; n; n = n.parent) if (n === scope) return true;
  return false;
}

function usesMember(handler: ts.SignatureDeclaration, name: string, member: string): boolean {
  const body = 'body' in handler ? (handler as ts.FunctionLikeDeclaration).body : undefined;
  return body !== undefined && new RegExp(`\\b${name}\\.${member}\\b`).test(body.getText());
}

/** Cloudflare Pages Functions: `export function onRequest(context)` (and onRequestGet, …). */
function isPagesFunction(handler: ts.SignatureDeclaration): boolean {
  const name = handler.name && ts.isIdentifier(handler.name) ? handler.name.text
    : ts.isVariableDeclaration(handler.parent) && ts.isIdentifier(handler.parent.name) ? handler.parent.name.text : undefined;
  return name !== undefined && /^onRequest([A-Z][a-z]+)?$/.test(name);
}

/**
 * `export async function GET()` (a Next.js / Fetch route handler that ignores its request): add the
 * `request` parameter the framework passes, typed in TypeScript files.
 */
function noParameterRead(handler: ts.SignatureDeclaration, write: HeaderWrite, sourceFile: ts.SourceFile): OriginRead | undefined {
  if (handler.parameters.length > 0) return undefined;
  const name = handler.name && ts.isIdentifier(handler.name) ? handler.name.text
    : ts.isVariableDeclaration(handler.parent) && ts.isIdentifier(handler.parent.name) ? handler.parent.name.text : undefined;
  if (!name || !HTTP_METHOD_EXPORT.test(name) || !/Response|Headers|headers/i.test(write.api)) return undefined;
  const open = handler.getChildren(sourceFile).find((c) => c.kind === ts.SyntaxKind.OpenParenToken);
  if (!open) return undefined;
  const typed = /\.(ts|tsx|mts|cts)$/i.test(sourceFile.fileName);
  return { text: `request.headers.get('Origin')`, edits: [{ start: open.end, end: open.end, newText: typed ? 'request: Request' : 'request' }] };
}
