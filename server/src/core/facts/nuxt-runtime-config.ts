// Nuxt's runtime config: `useRuntimeConfig()` (auto-imported in server/ and app code) returns the
// `runtimeConfig` object of nuxt.config (`defineNuxtConfig({ runtimeConfig: { corsOrigin: '*' } })`), and
// at runtime an environment variable named after the key path overrides each value: `corsOrigin` →
// NUXT_CORS_ORIGIN, `public.apiBase` → NUXT_PUBLIC_API_BASE (nuxt/nuxt packages/schema/src/types/config.ts
// `Overrideable`: `NUXT${Path}_${UpperSnakeCase<K>}`; docs/2.guide/3.going-further/10.runtime-config.md).
// So a value read here is the nuxt.config default "when NUXT_… is unset". (Nitro's runtime, which Nuxt builds
// on, reads `process.env[NITRO_ + key] ?? process.env[envPrefix + key]` with envPrefix 'NUXT_': NITRO_CORS_ORIGIN
// overrides too. Messages name the documented NUXT_ variable only.) The nuxt.config is the one next to
// the project's package.json (the nearest package.json up the folders), read through the host; without a
// host, or when the value is not a plain literal there, the read stays unknown.
import ts from 'typescript';
import type { ProjectHost } from '../host';

/**
 * The config files that hold `runtimeConfig`, and the prefix of the variables that override it: Nuxt's, else a
 * standalone Nitro app's (nitro.config, `defineNitroConfig`; its runtime reads NITRO_<KEY>).
 */
const CONFIG_FILES: [string, string][] = [
  ['nuxt.config.ts', 'NUXT_'], ['nuxt.config.js', 'NUXT_'], ['nuxt.config.mjs', 'NUXT_'],
  ['nitro.config.ts', 'NITRO_'], ['nitro.config.js', 'NITRO_'], ['nitro.config.mjs', 'NITRO_'],
];
/** Modules `useRuntimeConfig` is imported from by hand (Nuxt auto-imports it otherwise). */
const RUNTIME_CONFIG_MODULES = /^(#imports|#app|nuxt\/app|nitropack\/runtime|#internal\/nitro|nitro\/runtime)$/;

/** A runtime config value written in nuxt.config: its text, the env variable that overrides it, its file. */
export interface RuntimeConfigValue {
  text: string;
  /** Booleans are kept as booleans (an origin option `true` means something else than 'true'). */
  boolean?: boolean;
  envName: string;
  file: string;
}

/**
 * The key path of a runtime config read: `useRuntimeConfig().corsOrigin`, `useRuntimeConfig(event).public.x`,
 * `config.corsOrigin` where `const config = useRuntimeConfig()`. `resolveVariable` answers the initializer
 * of a const the expression's root names (the evaluator's scope walk).
 */
export function runtimeConfigPath(
  expr: ts.Expression,
  resolveVariable: (id: ts.Identifier) => ts.Expression | undefined,
  isUseRuntimeConfig: (id: ts.Identifier) => boolean,
): string[] | undefined {
  const path: string[] = [];
  let e = skipParens(expr);
  while (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))) {
    path.unshift(ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as ts.StringLiteralLike).text);
    e = skipParens(e.expression);
  }
  if (path.length === 0) return undefined;
  if (ts.isIdentifier(e)) {
    const init = resolveVariable(e);
    if (!init) return undefined;
    e = skipParens(init);
  }
  return isRuntimeConfigCall(e, isUseRuntimeConfig) ? path : undefined;
}

const mentions = new WeakMap<ts.SourceFile, boolean>();

/** Whether a file names useRuntimeConfig at all (member reads are evaluated often; most files never do). */
export function mentionsRuntimeConfig(sf: ts.SourceFile): boolean {
  let known = mentions.get(sf);
  if (known === undefined) {
    known = sf.text.includes('useRuntimeConfig');
    mentions.set(sf, known);
  }
  return known;
}

/** `useRuntimeConfig()` / `useRuntimeConfig(event)` (an awaited or parenthesised one too). */
export function isRuntimeConfigCall(e: ts.Expression, isUseRuntimeConfig: (id: ts.Identifier) => boolean): boolean {
  e = skipParens(e);
  if (ts.isAwaitExpression(e)) e = skipParens(e.expression);
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'useRuntimeConfig' && e.arguments.length <= 1 && isUseRuntimeConfig(e.expression);
}

/** True for the import of `useRuntimeConfig` from Nuxt/Nitro modules, or none at all (auto-import). */
export function isNuxtRuntimeConfigImport(module: string | undefined): boolean {
  return module === undefined || RUNTIME_CONFIG_MODULES.test(module);
}

const parsed = new Map<string, { text: string; sf: ts.SourceFile }>();

/** The value of `path` in the runtimeConfig of the project's nuxt.config, seen from `fromFile`. */
export function readRuntimeConfig(host: ProjectHost | undefined, fromFile: string, path: string[]): RuntimeConfigValue | undefined {
  if (!host) return undefined;
  const config = nuxtConfigOf(host, fromFile);
  if (!config) return undefined;
  let object = runtimeConfigObject(config.sf);
  for (let i = 0; object && i < path.length; i++) {
    const prop = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && nameOf(p.name) === path[i]);
    if (!prop) return undefined;
    const value = skipParens(prop.initializer);
    if (i < path.length - 1) {
      object = ts.isObjectLiteralExpression(value) ? value : undefined;
      continue;
    }
    const envName = `${config.prefix}${path.map(upperSnakeCase).join('_')}`;
    if (ts.isStringLiteralLike(value)) return { text: value.text, envName, file: config.file };
    if (value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword) {
      const boolean = value.kind === ts.SyntaxKind.TrueKeyword;
      return { text: String(boolean), boolean, envName, file: config.file };
    }
    return undefined;
  }
  return undefined;
}

/** nuxt.config.{ts,js,mjs} (else nitro.config.*) beside the nearest package.json up the folders from `fromFile`. */
function nuxtConfigOf(host: ProjectHost, fromFile: string): { file: string; sf: ts.SourceFile; prefix: string } | undefined {
  const separator = fromFile.includes('/') ? '/' : '\\';
  let dir = fromFile;
  for (let level = 0; level < 30; level++) {
    const cut = dir.lastIndexOf(separator);
    if (cut < 0) return undefined;
    dir = dir.slice(0, cut);
    if (read(host, `${dir}${separator}package.json`) === undefined) continue;
    for (const [name, prefix] of CONFIG_FILES) {
      const file = `${dir}${separator}${name}`;
      const text = read(host, file);
      if (text === undefined) continue;
      let entry = parsed.get(file);
      if (!entry || entry.text !== text) {
        entry = { text, sf: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, name.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS) };
        // One entry per config file; a long session edits a handful of projects at most.
        if (parsed.size > 32) parsed.clear();
        parsed.set(file, entry);
      }
      return { file, sf: entry.sf, prefix };
    }
    return undefined;
  }
  return undefined;
}

function read(host: ProjectHost, file: string): string | undefined {
  try {
    return host.readFile(file);
  } catch {
    return undefined;
  }
}

/** `runtimeConfig: { … }` in `export default defineNuxtConfig({ … })`, `defineNitroConfig({ … })` or `export default { … }`. */
function runtimeConfigObject(sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of sf.statements) {
    if (!ts.isExportAssignment(statement)) continue;
    let e = skipParens(statement.expression);
    if (ts.isCallExpression(e) && e.arguments[0]) e = skipParens(e.arguments[0]);
    if (!ts.isObjectLiteralExpression(e)) return undefined;
    const prop = e.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && nameOf(p.name) === 'runtimeConfig');
    const value = prop && skipParens(prop.initializer);
    return value && ts.isObjectLiteralExpression(value) ? value : undefined;
  }
  return undefined;
}

/** scule's snakeCase, upper-cased: `corsOrigin` → CORS_ORIGIN, `apiBase` → API_BASE, `CORSOrigin` → CORS_ORIGIN. */
export function upperSnakeCase(key: string): string {
  return key
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toUpperCase();
}

function nameOf(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}
