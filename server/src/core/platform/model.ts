// CORS facts read from platform configuration (DESIGN §13). The code adapters' facts hold ts.Nodes;
// these hold ranges into the config file, and carry the same meaning: a header a response is sent with,
// or a CORS option set the platform applies (and answers preflights for). checks.ts runs the rules'
// own value checks and messages over them.
import type { TextEdit, TextRange } from '../types';
import type { PNode, Syntax } from './tree';

export type PlatformId = 'vercel' | 'netlify' | 'cloudflare-pages' | 'firebase' | 'serverless' | 'aws-sam';

/** A value as written in the config: its text, or why it is not known before deployment. */
export interface PlatformValue extends TextRange {
  /** The value the platform uses (for SAM REST APIs: inside the API Gateway quotes). Undefined when unknown. */
  text: string | undefined;
  /** `!Sub`, `Fn::Join`, `${env:ORIGIN}`…: the value is decided at deploy time. */
  unknown?: string;
  /** The node holding the value, to build replacement edits in the file's syntax. */
  node?: PNode;
}

/** A response header set by a platform rule: `{ "key": "Access-Control-Allow-Origin", "value": "*" }`. */
export interface PlatformHeader {
  /** Lower-cased header name. */
  name: string;
  value: PlatformValue;
  /** The whole entry (for ranges of policies and related locations). */
  entry: TextRange;
  /** An edit that removes the entry, when it can be removed cleanly. */
  removal?: TextEdit;
}

/** A set of headers the platform adds to the responses of the paths that match `pattern`. */
export interface HeaderRule {
  platform: PlatformId;
  /** The path pattern as written (`/api/(.*)`, `/*`, `**​/*.json`). */
  pattern: string;
  /** The rule's range: its object, table or block. */
  range: TextRange;
  headers: PlatformHeader[];
  /**
   * Netlify and Cloudflare Pages apply every rule whose pattern matches a path and join same-name
   * headers with ', ' (Vercel and Firebase apply one value per header name).
   */
  merges: boolean;
}

/**
 * CORS switched on in an API's configuration: serverless.yml `cors`, SAM `Cors`/`CorsConfiguration`,
 * API Gateway v2 and Lambda function URL `Cors`. The platform answers preflight requests itself.
 */
export interface PlatformCors {
  platform: PlatformId;
  /** How the inventory and the messages name it, e.g. 'Serverless http event cors'. */
  library: string;
  /** The function, event path or resource it applies to, e.g. 'GET /items (functions.list)'. */
  route?: string;
  /** The `cors` key/value (range of findings about the setting as a whole and of the policy). */
  range: TextRange;
  /** The node of the origin option (or of `cors: true` when the default applies). */
  originRange: TextRange;
  origin: 'any' | 'list' | 'unknown';
  /** For 'list': the allowed origins. For 'any' from an explicit '*': that entry. */
  entries: PlatformValue[];
  /**
   * 'sam-rest': SAM `AWS::Serverless::Api` Cors values are API Gateway mapping expressions, so a static
   * value is wrapped in single quotes inside the YAML/JSON string (`"'https://a.example'"`), and the
   * value is sent as the header as it is (one origin). 'list': the platform echoes the request origin
   * when it is one of the entries.
   */
  style: 'sam-rest' | 'list';
  /** For 'sam-rest' entries written without the inner quotes (API Gateway reads them as a mapping expression). */
  unquoted?: PlatformValue;
  credentials: boolean | 'unknown';
  credentialsRange?: TextRange;
  /** An edit that turns credentials off (removes the key), when it can be done cleanly. */
  credentialsRemoval?: TextEdit;
  methods?: string[];
  allowedHeaders?: string[];
  /** The `cors` key itself (findings about CORS being switched on for an API are placed there). */
  keyRange: TextRange;
  /** The Lambda functions whose responses this setting governs, for cross-layer checks. */
  handlers?: HandlerRef[];
  /**
   * Who puts CORS headers on the actual (non-preflight) response. 'handler': a REST API with the
   * Lambda-proxy integration, where API Gateway answers only the preflight and the function must return
   * Access-Control-Allow-Origin itself. 'platform': an HTTP API, where API Gateway adds the configured
   * headers to every response and ignores the ones the function returns. Undefined: not known.
   */
  actualResponse?: 'handler' | 'platform';
  /** Why a default applies, for messages ("cors: true allows any origin"). */
  defaultNote?: string;
}

/** A Lambda function's code as the configuration names it. */
export interface HandlerRef {
  /** `src/items.update` (module path, then the export), as serverless.yml and SAM write it. */
  handler: string;
  /** SAM's `CodeUri` folder, which the handler's module path is relative to. */
  codeUri?: string;
  /** How messages name the function: `functions.update`, `UpdateFunction`. */
  name: string;
}

export interface PlatformFacts {
  syntax: Syntax;
  /** How the file is named in messages and the inventory, e.g. 'vercel.json'. */
  label: string;
  rules: HeaderRule[];
  cors: PlatformCors[];
}
