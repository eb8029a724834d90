// Normalised, framework-free CORS facts (DESIGN §3). Adapters in this folder produce them from the AST;
// rules read only these.
import type * as ts from 'typescript';
import type { ConfigRoute } from '../platform/config-routes';
import type { AbstractValue } from '../values';
import type { Verdict } from '../origin-checks/verdict';
import type { TextEdit } from '../types';

/** How a write combines with an earlier write of the same header on the same response. */
export type WriteMode = 'set' | 'append' | 'init';

/** A response header written by code: `res.setHeader(n, v)`, `{ 'Access-Control-…': v }`, `c.header(n, v)`… */
export interface HeaderWrite {
  /** Lower-cased header name. */
  name: string;
  /** The value expression, when there is one in source. */
  valueNode: ts.Expression | undefined;
  value: AbstractValue;
  /**
   * True when the header is sent because of a setting, not written as text (Nitro's `cors: true` sends
   * `*`): `valueNode` is that setting, and a fix cannot put an origin in its place.
   */
  implied?: true;
  /** The API used, e.g. 'res.setHeader', 'headers.set', 'object literal', 'writeHead'. */
  api: string;
  /** Framework family guessed from the API shape and the file's imports, e.g. 'express', 'fetch'. */
  framework: string;
  mode: WriteMode;
  /** The whole write: the call expression, or the property assignment of an object literal. */
  node: ts.Node;
  /** For call-style writes that are a statement of their own, that statement (fixes remove/insert beside it). */
  statement?: ts.ExpressionStatement;
  /** For call-style writes: receiver text and method name, so a fix can add a sibling write (`res.setHeader`). */
  receiver?: string;
  method?: string;
  /** For object-literal writes: the object literal holding the property. */
  container?: ts.ObjectLiteralExpression;
  /** The response this write belongs to (see ResponseGroup). */
  group: ResponseGroup;
}

/**
 * Writes that land on one response: the enclosing function for call-style writes and object literals
 * built inside it, or the object literal itself when it is a module-level header bag or one entry of
 * a `headers()` list (next.config).
 */
export interface ResponseGroup {
  id: number;
  node: ts.Node;
  handler?: Handler;
  writes: HeaderWrite[];
  /** A next.config `headers()` entry or a Nitro route rule: the path pattern it applies to. */
  configRoute?: ConfigRoute;
  /** The other entries of that configuration that apply to every path this one does (their headers reach the same responses). */
  covering?: ResponseGroup[];
}

/** A function that receives a request and produces a response. */
export interface Handler {
  node: ts.SignatureDeclaration;
  /** Name of the parameter holding the request (req, request, ctx, c, event…), when known. */
  requestParam?: string;
  /** For context-object frameworks (Koa ctx, Hono c) the request is read through the context. */
  style: 'node' | 'koa' | 'hono' | 'fetch' | 'lambda' | 'fastify' | 'hapi' | 'unknown';
  /** True when the function body reads cookies, Authorization, a session or a user. */
  readsCredentials: boolean;
}

export type OriginOptionKind = 'any' | 'reflect' | 'list' | 'function' | 'disabled' | 'unknown' | 'default';

/** One entry of a middleware's origin allowlist. */
export interface OriginEntry {
  node: ts.Node;
  /** The string, or the regex source for RegExp entries. */
  text: string;
  isRegExp: boolean;
  /** Why this entry can never match any request (e.g. '*' in a list compared as text): invalid-origin reports it. */
  neverMatches?: string;
  /**
   * Not an origin literal of its own: a host name the library matches with any scheme (`@elysiajs/cors`
   * 'example.com'), or one origin of a comma-separated string the library splits (AdonisJS, Strapi).
   */
  hostOnly?: boolean;
}

/** A CORS middleware call or option object (cors(), @fastify/cors, enableCors, Socket.IO `cors:`…). */
export interface CorsConfig {
  library: string;
  /** The call or object that configures CORS (range for findings and policies). */
  node: ts.Node;
  /** The options object literal, when there is one. */
  options?: ts.ObjectLiteralExpression;
  /** The `origin` property (or the node standing for the library default). */
  originNode?: ts.Node;
  origin: OriginOptionKind;
  /** For 'list': the allowlist entries (strings and regexes). For 'any' from an explicit '*': that entry. */
  entries: OriginEntry[];
  /** For 'function': the callback. */
  originFunction?: ts.SignatureDeclaration;
  /** The factory call that returned originFunction (`origin: originFrom('example.com')`): its arguments bind the factory's parameters. */
  originFactoryCall?: ts.CallExpression;
  credentials: boolean | 'unknown';
  credentialsNode?: ts.Node;
  methods?: string[];
  allowedHeaders?: string[];
  /** True when the library answers preflight requests itself (all of the supported ones do). */
  answersPreflight: boolean;
  /** A weak check inside the origin callback (when its parameter is not named like an origin). */
  weakCheck?: OriginCheck;
  /** Why a default applies, for messages (e.g. "cors() with no origin option allows any origin"). */
  defaultNote?: string;
  /** Why the library echoes the request Origin for this configuration, when the option alone does not say so. */
  reflectNote?: string;
  /** True when credentials are on because the library turns them on unless told otherwise (Yoga, Elysia). */
  credentialsByDefault?: boolean;
  /**
   * For a config that exists because an option is absent (`createYoga({ schema })`, `onCall(handler)`):
   * where a fix adds it — into `object`, or as a new options argument before `before`. `valueIsOrigin`
   * when the option's value is the origin itself (Firebase `cors: [...]`), not an options object.
   */
  optionsHost?: { object?: ts.ObjectLiteralExpression; before?: ts.Node; key: string; valueIsOrigin?: boolean };
  /** Option names where the library does not use `origin` / `credentials` (Effect `allowedOrigins`, micro-cors `allowCredentials`). */
  optionKeys?: { origin?: string; credentials?: string };
  /** True when the origin option is sent as the header value itself, so it holds one origin (micro-cors). */
  singleOrigin?: true;
  /**
   * For a single-origin library given an array of several origins: the array and its origins (Node sends one
   * Access-Control-Allow-Origin line per entry, which browsers reject; multiple-origins reports it).
   */
  originArray?: { node: ts.ArrayLiteralExpression; origins: string[] };
  /** A known advisory for the installed version of the library (e.g. 'CVE-2023-49803'), and the first fixed version. */
  advisory?: { id: string; fixedIn: string; packageName: string };
  /**
   * For a version with a known problem: the edit of the package.json that declares the library, raising it to
   * the first fixed version (offered as a suggestion; see versions.ts upgradeEdit).
   */
  upgrade?: { packageName: string; fixedIn: string; edit: TextEdit };
}

/** A route with a method: `app.put(path, h)`, `export function DELETE`, `method === 'PUT'`… */
export interface Route {
  method: string;
  path?: string;
  /** The node naming the method (for ranges): `put` in `app.put`, the `'PUT'` literal… */
  node: ts.Node;
  handler?: ts.Node;
}

/** A place that answers OPTIONS (preflight) requests. */
export interface OptionsAnswer {
  node: ts.Node;
  path?: string;
  /** Status code literal(s) the answer uses, when visible. */
  statuses: number[];
  /** The function (or branch) that answers, to see which headers it writes. */
  scope?: ts.Node;
}

/** A comparison or test on the request's Origin, classified by guards.ts. */
export interface OriginCheck {
  node: ts.Node;
  strength: 'exact' | 'weak' | 'unknown';
  /** For weak checks: what an attacker does to pass it. */
  weakness?: string;
  /** For weak checks: a replacement that checks the same intent strictly (suggestion fix). */
  replacement?: string;
  /** The evaluator's verdict on the check alone (origin-checks/verdict.ts). */
  verdict?: Verdict;
}

/** A string literal that a program treats as an origin (allowlist entry, comparison operand, header value). */
export interface OriginLiteral {
  /** The string literal, or the expression that builds the text (template, concatenation) for header values. */
  node: ts.Node;
  text: string;
  context: 'header' | 'allowlist' | 'comparison' | 'middleware';
}

export interface CorsFacts {
  writes: HeaderWrite[];
  groups: ResponseGroup[];
  configs: CorsConfig[];
  routes: Route[];
  optionsAnswers: OptionsAnswer[];
  checks: OriginCheck[];
  originLiterals: OriginLiteral[];
  /** Calls that add `Vary: Origin` outside header writes (`res.vary('Origin')`, `vary(res, 'Origin')`). */
  varyCalls: ts.Node[];
  /** Module specifiers imported or required by the file. */
  imports: Set<string>;
}
