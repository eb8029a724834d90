// Static evaluation of the expressions written into header values and CORS options (DESIGN §3,
// "Abstract values"). No type checker: identifiers are resolved by walking lexical scopes, `let`
// variables take every value assigned to them, helper functions in the same file are followed into
// their return statements with their parameters bound to the call's arguments.
import ts from 'typescript';
import { forEachDescendant } from './parse';
import type { Condition } from './conditions';
import { conditionOfTest, negate } from './conditions';
import type { ProjectScope } from './modules';
import { MAX_MODULE_HOPS, requiredSpecifier } from './modules';
import { isNuxtRuntimeConfigImport, isRuntimeConfigCall, mentionsRuntimeConfig, readRuntimeConfig, runtimeConfigPath } from './facts/nuxt-runtime-config';

export type Variant = VariantShape & {
  /** The condition under which this variant holds (an env variable unset, development, a flag), when known. */
  condition?: Condition;
};

type VariantShape =
  /** A string known statically. `node` is the string literal itself when the text comes from exactly one literal. */
  | { kind: 'literal'; text: string; node?: ts.StringLiteralLike; env?: { name: string; file: string } }
  /** Data from the request: its Origin header, or other request data (query, body, Referer, Host…). */
  | { kind: 'request'; source: 'origin' | 'other'; node: ts.Node; path: ts.Node[] }
  | { kind: 'env'; name: string; node: ts.Node }
  /** An array written as one header value (Node sends one header line per element). */
  | { kind: 'list'; items: Variant[]; node: ts.Node }
  | { kind: 'boolean'; value: boolean; node: ts.Node }
  | { kind: 'unknown'; node?: ts.Node };

export interface AbstractValue {
  variants: Variant[];
}

const MAX_DEPTH = 12;
const MAX_VARIANTS = 16;
/**
 * Expressions one top-level evaluation may visit. Following helpers into their call sites fans out
 * (8 call sites per parameter, 12 levels deep), which on a 1 MB bundle is minutes; real values are
 * found in a few dozen steps. Past the budget the rest of the value is unknown, which no rule reports.
 */
const MAX_STEPS = 5_000;

const unknown = (node?: ts.Node): AbstractValue => ({ variants: [{ kind: 'unknown', node }] });

/** Methods that return their receiver's string unchanged for our purposes. */
const STRING_PASSTHROUGH = new Set(['toString', 'trim', 'toLowerCase', 'toLocaleLowerCase', 'valueOf', 'trimEnd', 'trimStart']);
/** Request properties that carry attacker-controlled data other than Origin. */
const REQUEST_DATA_PROPS = new Set(['query', 'body', 'params', 'searchParams', 'queryStringParameters', 'pathParameters', 'multiValueQueryStringParameters']);
const OTHER_REQUEST_HEADERS = new Set(['referer', 'referrer', 'host', 'x-forwarded-host', 'x-forwarded-origin', 'x-origin']);

export type Declaration =
  | { kind: 'variable'; declaration: ts.VariableDeclaration; binding?: ts.BindingElement; isConst: boolean }
  | { kind: 'parameter'; parameter: ts.ParameterDeclaration; binding?: ts.BindingElement; fn: ts.SignatureDeclaration; index: number }
  | { kind: 'function'; declaration: ts.FunctionDeclaration }
  | { kind: 'import'; module: string; name: string }
  /** An exported expression of another module (`export default expr`, `exports.x = expr`). */
  | { kind: 'expression'; expr: ts.Expression }
  /** Another project module as a whole (`import * as ns`, `require('./m')` without a module value). */
  | { kind: 'namespace'; file: string };

/** Where identifiers are bound; filled by the single fact walk. */
export interface ScopeIndex {
  /** Calls by callee identifier text (helper functions are followed through their call sites). */
  callsByName: Map<string, ts.CallExpression[]>;
  /** `x = …` assignments by identifier text. */
  assignmentsByName: Map<string, ts.BinaryExpression[]>;
}

export class ValueEvaluator {
  private readonly declarationCache = new Map<ts.Identifier, Declaration | undefined>();
  /** Parameter bindings of helper calls being followed (innermost last). */
  private readonly bindings: Map<ts.ParameterDeclaration, { arg: ts.Expression | undefined }>[] = [];
  /**
   * Parameters of callback factories whose returned function this evaluator resolved
   * (`origin: originFrom('example.com')`, the factory possibly in another module): the arguments of
   * those calls, so the returned function's checks read `suffix` as 'example.com'.
   */
  private readonly factoryArguments = new Map<ts.ParameterDeclaration, ts.Expression[]>();
  /** Nesting of evaluate() calls, and the steps left to the outermost one (MAX_STEPS). */
  private active = 0;
  private stepsLeft = MAX_STEPS;

  constructor(
    readonly sourceFile: ts.SourceFile,
    private readonly index: ScopeIndex,
    /** The project around the file: imported bindings evaluate to the exporting module's values. */
    readonly project?: ProjectScope,
  ) {}

  /** The values the project's `.env*` files give an environment variable, each under the file it came from. */
  private envFileValues(name: string, at: ts.Node): Variant[] {
    const project = this.project;
    if (!project) return [];
    let values: ReturnType<typeof project.model.host.envValues> = [];
    try {
      values = project.model.host.envValues(name, at.getSourceFile().fileName) ?? [];
    } catch {
      values = [];
    }
    return values.slice(0, MAX_VARIANTS / 2).map((e): Variant => {
      project.dependencies.add(e.file);
      return { kind: 'literal', text: e.value, env: { name, file: e.file }, condition: { kind: 'env-file', name, file: e.file, value: e.value } };
    });
  }

  /**
   * A read of Nuxt's runtime config (facts/nuxt-runtime-config.ts): the nuxt.config value when the env
   * variable that overrides it at runtime (NUXT_…) is unset, that variable, and its values in `.env*` files.
   * Undefined when the path or the value is not known (the read then evaluates as usual: unknown).
   */
  private runtimeConfigValue(keyPath: string[] | undefined, at: ts.Node): AbstractValue | undefined {
    if (!keyPath || !this.project) return undefined;
    const value = readRuntimeConfig(this.project.model.host, this.sourceFile.fileName, keyPath);
    if (!value) return undefined;
    const condition: Condition = { kind: 'env-unset', name: value.envName };
    const fallback: Variant = value.boolean !== undefined
      ? { kind: 'boolean', value: value.boolean, node: at, condition }
      : { kind: 'literal', text: value.text, condition };
    return { variants: [{ kind: 'env', name: value.envName, node: at }, fallback, ...this.envFileValues(value.envName, at)] };
  }

  /** The initializer of the const an identifier names. */
  private constInitializer(id: ts.Identifier): ts.Expression | undefined {
    const decl = this.resolve(id);
    return decl?.kind === 'variable' && !decl.binding && decl.isConst ? decl.declaration.initializer : undefined;
  }

  /** `useRuntimeConfig` as Nuxt/Nitro provide it: auto-imported (undeclared) or imported from their modules. */
  private isUseRuntimeConfig(id: ts.Identifier): boolean {
    const decl = this.resolve(id);
    return !decl || (decl.kind === 'import' && isNuxtRuntimeConfigImport(decl.module));
  }

  /** The scope index of the file a node belongs to (this file's, or an imported module's). */
  private indexFor(node: ts.Node): ScopeIndex {
    const sf = node.getSourceFile();
    if (sf === this.sourceFile || !this.project) return this.index;
    return this.project.model.recordOf(sf)?.index ?? EMPTY_INDEX;
  }

  evaluate(expr: ts.Expression | undefined, depth = 0, path: ts.Node[] = []): AbstractValue {
    if (!expr) return unknown();
    if (depth > MAX_DEPTH) return unknown(expr);
    if (this.active === 0) this.stepsLeft = MAX_STEPS;
    if (--this.stepsLeft < 0) return unknown(expr);
    this.active++;
    try {
      const value = this.evaluateInner(expr, depth, path);
      if (value.variants.length > MAX_VARIANTS) value.variants.length = MAX_VARIANTS;
      return value;
    } finally {
      this.active--;
    }
  }

  private evaluateInner(expr: ts.Expression, depth: number, path: ts.Node[]): AbstractValue {
    expr = skipOuter(expr);
    const next = depth + 1;
    if (ts.isStringLiteralLike(expr)) return { variants: [{ kind: 'literal', text: expr.text, node: expr }] };
    if (ts.isNumericLiteral(expr)) return { variants: [{ kind: 'literal', text: expr.text }] };
    if (expr.kind === ts.SyntaxKind.NullKeyword) return { variants: [{ kind: 'literal', text: 'null' }] };
    if (expr.kind === ts.SyntaxKind.TrueKeyword) return { variants: [{ kind: 'boolean', value: true, node: expr }] };
    if (expr.kind === ts.SyntaxKind.FalseKeyword) return { variants: [{ kind: 'boolean', value: false, node: expr }] };

    const request = requestRead(expr);
    if (request) return { variants: [{ kind: 'request', source: request, node: expr, path: [...path, expr] }] };
    const env = envRead(expr);
    if (env) return { variants: [{ kind: 'env', name: env, node: expr }, ...this.envFileValues(env, expr)] };

    if (ts.isTemplateExpression(expr)) return this.evaluateTemplate(expr, next, path);
    if (ts.isArrayLiteralExpression(expr)) {
      const items: Variant[] = [];
      for (const element of expr.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = this.evaluate(element.expression, next, path);
          for (const v of spread.variants) items.push(...(v.kind === 'list' ? v.items : [v]));
        } else items.push(...this.evaluate(element, next, path).variants);
      }
      return { variants: [{ kind: 'list', items, node: expr }] };
    }
    if (ts.isConditionalExpression(expr)) {
      const when = conditionOfTest(expr.condition, this);
      return union(
        withCondition(this.evaluate(expr.whenTrue, next, [...path, expr.whenTrue]), when),
        withCondition(this.evaluate(expr.whenFalse, next, [...path, expr.whenFalse]), when && negate(when)),
      );
    }
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) return computedBoolean(expr, conditionOfTest(expr, this));
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        const left = this.evaluate(expr.left, next, path);
        // `process.env.X || fallback`: the fallback holds when X is unset.
        const envs = left.variants.filter((v): v is Extract<Variant, { kind: 'env' }> => v.kind === 'env');
        const right = this.evaluate(expr.right, next, path);
        return union(left, envs.length === 1 ? withCondition(right, { kind: 'env-unset', name: envs[0].name }) : right);
      }
      if (op >= ts.SyntaxKind.LessThanToken && op <= ts.SyntaxKind.ExclamationEqualsEqualsToken) return computedBoolean(expr, conditionOfTest(expr, this));
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return this.evaluate(expr.right, next, path);
      if (op === ts.SyntaxKind.PlusToken) {
        const left = this.evaluate(expr.left, next, path);
        const right = this.evaluate(expr.right, next, path);
        // Request data anywhere in a concatenation (`'http://' + req.query.host`) is attacker-controlled.
        const tainted = attackerData(left) ?? attackerData(right);
        if (tainted) return { variants: [{ kind: 'request', source: 'other', node: tainted.node, path: [...tainted.path] }] };
        return concat(left, right, expr);
      }
      if (op === ts.SyntaxKind.EqualsToken) return this.evaluate(expr.right, next, path);
      return unknown(expr);
    }
    if (ts.isIdentifier(expr)) return this.evaluateIdentifier(expr, next, path);
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return this.evaluateMember(expr, next, path);
    if (ts.isCallExpression(expr)) return this.evaluateCall(expr, next, path);
    if (ts.isNewExpression(expr)) {
      // new URL(x) keeps x's taint for `.origin`; new String(x) is x.
      if (ts.isIdentifier(expr.expression) && (expr.expression.text === 'String') && expr.arguments?.[0]) {
        return this.evaluate(expr.arguments[0], next, path);
      }
      return unknown(expr);
    }
    return unknown(expr);
  }

  private evaluateTemplate(expr: ts.TemplateExpression, depth: number, path: ts.Node[]): AbstractValue {
    let acc: AbstractValue = { variants: [{ kind: 'literal', text: expr.head.text }] };
    for (const span of expr.templateSpans) {
      const part = this.evaluate(span.expression, depth, path);
      // `${origin}` alone is the value itself; anything around request data makes it unknown.
      if (expr.templateSpans.length === 1 && expr.head.text === '' && span.literal.text === '') return part;
      const tainted = attackerData(part);
      if (tainted) return { variants: [{ kind: 'request', source: 'other', node: tainted.node, path: [...tainted.path] }] };
      acc = concat(acc, part, expr);
      acc = concat(acc, { variants: [{ kind: 'literal', text: span.literal.text }] }, expr);
    }
    return acc;
  }

  private evaluateIdentifier(id: ts.Identifier, depth: number, path: ts.Node[]): AbstractValue {
    if (id.text === 'undefined') return { variants: [{ kind: 'unknown', node: id }] };
    const decl = this.resolve(id);
    if (!decl) return unknown(id);
    const here = [...path, id];
    switch (decl.kind) {
      case 'variable': {
        const init = decl.declaration.initializer;
        let value = decl.binding ? this.evaluateBinding(decl.binding, init, depth, here) : this.evaluate(init, depth, here);
        if (!decl.isConst) {
          for (const assignment of this.assignmentsTo(decl.declaration, id.text)) {
            value = union(value, withCondition(this.evaluate(assignment.right, depth, [...here, assignment.right]), conditionOfStatement(assignment, decl.declaration, this)));
          }
        }
        // `const isHTTPS = a === b`: a computed boolean is named after its variable in messages.
        if (decl.isConst && init && value.variants.every((v) => v.kind === 'boolean' && v.condition?.kind === 'flag')) {
          value = { variants: value.variants.map((v) => ({ ...v, condition: { kind: 'flag', text: id.text, value: (v as { value: boolean }).value } })) };
        }
        return value;
      }
      case 'expression':
        return this.evaluate(decl.expr, depth, here);
      case 'parameter':
        return this.evaluateParameter(decl, depth, here);
      default:
        return unknown(id);
    }
  }

  /** `const { origin } = req.headers` and friends: the property of the initializer's value. */
  private evaluateBinding(binding: ts.BindingElement, init: ts.Expression | undefined, depth: number, path: ts.Node[]): AbstractValue {
    const parent = binding.parent;
    if (ts.isObjectBindingPattern(parent)) {
      const key = binding.propertyName ? propertyNameText(binding.propertyName) : ts.isIdentifier(binding.name) ? binding.name.text : undefined;
      if (!key || !init) return this.evaluate(binding.initializer, depth, path);
      const container = skipOuter(init);
      if (this.isHeadersAlias(container) && key.toLowerCase() === 'origin') {
        return { variants: [{ kind: 'request', source: 'origin', node: binding, path: [...path, binding] }] };
      }
      if (isHeadersObject(container) && key.toLowerCase() === 'origin') {
        return { variants: [{ kind: 'request', source: 'origin', node: binding, path: [...path, binding] }] };
      }
      if (isHeadersObject(container) && OTHER_REQUEST_HEADERS.has(key.toLowerCase())) {
        return { variants: [{ kind: 'request', source: 'other', node: binding, path: [...path, binding] }] };
      }
      if (isRequestDataObject(container)) return { variants: [{ kind: 'request', source: 'other', node: binding, path: [...path, binding] }] };
      // `const { corsOrigin } = useRuntimeConfig()`: Nuxt's runtime config.
      const runtimeConfig = this.project && mentionsRuntimeConfig(binding.getSourceFile()) && isRuntimeConfigCall(container, (id) => this.isUseRuntimeConfig(id)) ? this.runtimeConfigValue([key], binding) : undefined;
      if (runtimeConfig) return runtimeConfig;
      const object = this.resolveObjectLiteral(container, depth);
      const prop = object && findProperty(object, key);
      if (prop) return this.evaluate(prop, depth, path);
      const fallback = this.evaluate(binding.initializer, depth, path);
      return binding.initializer ? union(unknown(binding), fallback) : unknown(binding);
    }
    if (ts.isArrayBindingPattern(parent) && init) {
      const array = this.resolveArrayLiteral(skipOuter(init), depth);
      const element = array?.elements[parent.elements.indexOf(binding)];
      if (element && !ts.isSpreadElement(element) && !ts.isOmittedExpression(element)) return this.evaluate(element, depth, path);
    }
    return unknown(binding);
  }

  private evaluateParameter(decl: Extract<Declaration, { kind: 'parameter' }>, depth: number, path: ts.Node[]): AbstractValue {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const bound = this.bindings[i].get(decl.parameter);
      if (bound) {
        if (!bound.arg) return this.evaluate(decl.parameter.initializer, depth, path);
        // Evaluate the argument in the caller's frame.
        const saved = this.bindings.splice(i);
        try {
          return this.evaluate(bound.arg, depth, [...path, bound.arg]);
        } finally {
          this.bindings.push(...saved);
        }
      }
    }
    // A parameter of a callback factory whose returned function was resolved from one call: its argument.
    // (Several calls with other arguments would mix their checks into one; then the rules below decide.)
    const factoryArgs = this.factoryArguments.get(decl.parameter);
    if (factoryArgs?.length === 1 && !decl.binding) {
      const value = this.evaluate(factoryArgs[0], depth, [...path, factoryArgs[0]]);
      if (value.variants.length) return value;
    }
    // A helper function declared in this file: the union of the arguments at its call sites.
    const name = functionName(decl.fn);
    const calls = name ? this.indexFor(decl.fn).callsByName.get(name) ?? [] : [];
    if (calls.length === 0 || decl.binding) return unknown(decl.parameter);
    let value: AbstractValue = { variants: [] };
    for (const call of calls.slice(0, 8)) {
      const arg = call.arguments[decl.index];
      value = union(value, arg ? this.evaluate(arg, depth, [...path, arg]) : this.evaluate(decl.parameter.initializer, depth, path));
    }
    return value.variants.length ? value : unknown(decl.parameter);
  }

  private evaluateMember(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number, path: ts.Node[]): AbstractValue {
    const key = memberName(expr);
    if (key === undefined) return unknown(expr);
    const object = skipOuter(expr.expression);
    // `const headers = req.headers` or `const { headers } = ctx.req`, then `headers.origin`.
    if (key.toLowerCase() === 'origin' && this.isHeadersAlias(object)) return { variants: [{ kind: 'request', source: 'origin', node: expr, path: [...path, expr] }] };
    const runtimeConfig = this.project && mentionsRuntimeConfig(expr.getSourceFile())
      && this.runtimeConfigValue(runtimeConfigPath(expr, (id) => this.constInitializer(id), (id) => this.isUseRuntimeConfig(id)), expr);
    if (runtimeConfig) return runtimeConfig;
    // `ns.corsOptions` where `ns` is another module (`import * as ns`, `require('./m')`).
    const member = this.resolveNamespaceMember(expr);
    if (member) return this.evaluateDeclaration(member, expr, depth, [...path, expr]);
    // new URL(x).origin / .host / .hostname: still x's (request) data.
    if (ts.isNewExpression(object) && ts.isIdentifier(object.expression) && object.expression.text === 'URL' && ['origin', 'host', 'hostname', 'href'].includes(key)) {
      const inner = this.evaluate(object.arguments?.[0], depth, path);
      if (inner.variants.some((v) => v.kind === 'request')) return inner;
      return unknown(expr);
    }
    const literal = this.resolveObjectLiteral(object, depth);
    if (literal) {
      const prop = findProperty(literal, key);
      return prop ? this.evaluate(prop, depth, [...path, expr]) : unknown(expr);
    }
    const array = this.resolveArrayLiteral(object, depth);
    if (array && /^\d+$/.test(key)) {
      const element = array.elements[Number(key)];
      return element && !ts.isSpreadElement(element) ? this.evaluate(element, depth, path) : unknown(expr);
    }
    return unknown(expr);
  }

  private evaluateCall(call: ts.CallExpression, depth: number, path: ts.Node[]): AbstractValue {
    const callee = skipOuter(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'join') {
        const list = this.evaluate(callee.expression, depth, path);
        const sep = call.arguments[0] ? this.evaluate(call.arguments[0], depth, path) : { variants: [{ kind: 'literal', text: ',' } as Variant] };
        const sepText = sep.variants.length === 1 && sep.variants[0].kind === 'literal' ? sep.variants[0].text : undefined;
        return { variants: list.variants.map((v): Variant => {
          if (v.kind === 'list' && sepText !== undefined && v.items.every((i) => i.kind === 'literal')) {
            return { kind: 'literal', text: v.items.map((i) => (i as { text: string }).text).join(sepText) };
          }
          return { kind: 'unknown', node: call };
        }) };
      }
      if (STRING_PASSTHROUGH.has(method) && call.arguments.length === 0) return this.evaluate(callee.expression, depth, path);
      return unknown(call);
    }
    if (ts.isIdentifier(callee)) {
      if (callee.text === 'String' && call.arguments.length === 1) return this.evaluate(call.arguments[0], depth, path);
      const decl = this.resolve(callee);
      const fn = decl && functionOf(decl);
      if (fn) return this.evaluateFunctionCall(fn, call, depth, path);
    }
    return unknown(call);
  }

  /** Follows a same-file helper: the union of its return values with parameters bound to the arguments. */
  evaluateFunctionCall(fn: ts.SignatureDeclaration, call: ts.CallExpression, depth: number, path: ts.Node[]): AbstractValue {
    if (!('body' in fn) || !fn.body) return unknown(call);
    const frame = new Map<ts.ParameterDeclaration, { arg: ts.Expression | undefined }>();
    fn.parameters.forEach((p, i) => frame.set(p, { arg: call.arguments[i] }));
    this.bindings.push(frame);
    try {
      const body = fn.body as ts.Node;
      if (!ts.isBlock(body)) return this.evaluate(body as ts.Expression, depth, [...path, call]);
      let value: AbstractValue = { variants: [] };
      for (const ret of returnStatements(body)) {
        value = union(value, this.evaluate(ret.expression, depth, [...path, call]));
      }
      return value.variants.length ? value : unknown(call);
    } finally {
      this.bindings.pop();
    }
  }

  /**
   * Runs `read` with the parameters of the factory that `call` calls bound to its arguments, so a function
   * the factory returns is read for this call (not the union of every call's arguments).
   */
  withFactoryCall<T>(call: ts.CallExpression, read: () => T): T {
    const factory = this.resolveFunction(call.expression);
    if (!factory) return read();
    const frame = new Map<ts.ParameterDeclaration, { arg: ts.Expression | undefined }>();
    factory.parameters.forEach((p, i) => frame.set(p, { arg: call.arguments[i] }));
    this.bindings.push(frame);
    try {
      return read();
    } finally {
      this.bindings.pop();
    }
  }

  /** Does `node` read a parameter of a callback factory this evaluator resolved a call of (factoryArguments)? */
  readsFactoryParameter(node: ts.Node): boolean {
    if (this.factoryArguments.size === 0) return false;
    let reads = false;
    const visit = (n: ts.Node): void => {
      if (reads) return;
      if (ts.isIdentifier(n)) {
        const decl = this.resolve(n);
        if (decl?.kind === 'parameter' && this.factoryArguments.has(decl.parameter)) reads = true;
        return;
      }
      n.forEachChild(visit);
    };
    visit(node);
    return reads;
  }

  /** The object literal an expression stands for (directly or through consts), if any. */
  resolveObjectLiteral(expr: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined {
    expr = skipOuter(expr);
    if (ts.isObjectLiteralExpression(expr)) return expr;
    if (depth > MAX_DEPTH) return undefined;
    if (ts.isIdentifier(expr)) {
      const decl = this.resolve(expr);
      const init = decl && this.initializerOf(decl);
      if (init) return this.resolveObjectLiteral(init, depth + 1);
    }
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
      const member = this.resolveNamespaceMember(expr);
      const memberInit = member && this.initializerOf(member);
      if (memberInit) return this.resolveObjectLiteral(memberInit, depth + 1);
      const key = memberName(expr);
      const parent = key !== undefined ? this.resolveObjectLiteral(expr.expression, depth + 1) : undefined;
      const prop = parent && key !== undefined ? findProperty(parent, key) : undefined;
      return prop ? this.resolveObjectLiteral(prop, depth + 1) : undefined;
    }
    return undefined;
  }

  resolveArrayLiteral(expr: ts.Expression, depth = 0): ts.ArrayLiteralExpression | undefined {
    expr = skipOuter(expr);
    if (ts.isArrayLiteralExpression(expr)) return expr;
    if (depth > MAX_DEPTH) return undefined;
    if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'Set' && expr.arguments?.[0]) {
      return this.resolveArrayLiteral(expr.arguments[0], depth + 1);
    }
    if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && ['split'].includes(expr.expression.name.text)) {
      return undefined;
    }
    if (ts.isIdentifier(expr)) {
      const decl = this.resolve(expr);
      const init = decl && this.initializerOf(decl);
      if (init) return this.resolveArrayLiteral(init, depth + 1);
    }
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
      const member = this.resolveNamespaceMember(expr);
      const memberInit = member && this.initializerOf(member);
      if (memberInit) return this.resolveArrayLiteral(memberInit, depth + 1);
      const key = memberName(expr);
      const parent = key !== undefined ? this.resolveObjectLiteral(expr.expression, depth + 1) : undefined;
      const prop = parent && key !== undefined ? findProperty(parent, key) : undefined;
      return prop ? this.resolveArrayLiteral(prop, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The function an expression names (a declaration, a const arrow/function expression, or the expression itself). */
  resolveFunction(expr: ts.Expression): ts.SignatureDeclaration | undefined {
    expr = skipOuter(expr);
    if (ts.isFunctionExpression(expr) || ts.isArrowFunction(expr)) return expr;
    if (ts.isIdentifier(expr)) {
      const decl = this.resolve(expr);
      return decl ? functionOf(decl) : undefined;
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const member = this.resolveNamespaceMember(expr);
      return member ? functionOf(member) : undefined;
    }
    // A callback factory called with arguments (`origin: allowOrigins(list)`): the function it returns.
    if (ts.isCallExpression(expr)) {
      const factory = this.resolveFunction(expr.expression);
      const body = factory && 'body' in factory ? (factory.body as ts.Node | undefined) : undefined;
      if (!body) return undefined;
      const returned = ts.isBlock(body) ? returnStatements(body).map((r) => r.expression).filter((e): e is ts.Expression => !!e) : [body as ts.Expression];
      const fns = returned.map((r) => skipOuter(r)).filter((r): r is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(r) || ts.isFunctionExpression(r));
      if (fns.length !== 1 || returned.length !== 1) return undefined;
      factory!.parameters.forEach((p, i) => {
        const arg = expr.arguments[i];
        if (!arg || ts.isSpreadElement(arg)) return;
        const args = this.factoryArguments.get(p) ?? [];
        if (!args.includes(arg)) args.push(arg);
        this.factoryArguments.set(p, args);
      });
      return fns[0];
    }
    return undefined;
  }

  /** The expression a declaration stands for: a plain variable's initializer, or another module's exported expression. */
  initializerOf(decl: Declaration): ts.Expression | undefined {
    if (decl.kind === 'variable' && !decl.binding) {
      // `let x; if (dev) x = {…}`: the one value assigned, when the declaration has none.
      if (!decl.declaration.initializer && !decl.isConst && ts.isIdentifier(decl.declaration.name)) {
        const assignments = this.assignmentsTo(decl.declaration, decl.declaration.name.text);
        return assignments.length === 1 ? assignments[0].right : undefined;
      }
      return decl.declaration.initializer;
    }
    if (decl.kind === 'expression') return decl.expr;
    return undefined;
  }

  private evaluateDeclaration(decl: Declaration, at: ts.Node, depth: number, path: ts.Node[]): AbstractValue {
    if (decl.kind === 'expression') return this.evaluate(decl.expr, depth, path);
    if (decl.kind === 'variable' && !decl.binding) {
      const init = this.initializerOf(decl);
      return init ? this.evaluate(init, depth, path) : unknown(at);
    }
    return unknown(at);
  }

  /** `ns.name` where `ns` is another project module: the declaration `name` stands for there. */
  resolveNamespaceMember(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression): Declaration | undefined {
    if (!this.project) return undefined;
    const object = skipOuter(expr.expression);
    const key = memberName(expr);
    if (!ts.isIdentifier(object) || key === undefined) return undefined;
    const decl = this.resolve(object);
    if (decl?.kind !== 'namespace') return undefined;
    return this.exportedDeclaration(decl.file, key, 0, object);
  }

  /** `headers` bound to the request's headers: `const headers = req.headers`, `const { headers } = ctx.req`. */
  private isHeadersAlias(expr: ts.Expression): boolean {
    if (!ts.isIdentifier(expr)) return false;
    const decl = this.resolve(expr);
    if (decl?.kind !== 'variable' || !decl.declaration.initializer) return false;
    if (!decl.binding) return isHeadersObject(decl.declaration.initializer);
    const key = decl.binding.propertyName ? propertyNameText(decl.binding.propertyName) : ts.isIdentifier(decl.binding.name) ? decl.binding.name.text : undefined;
    return (key === 'headers' || key === 'header') && decl.binding.parent === decl.declaration.name && !ts.isArrayBindingPattern(decl.binding.parent);
  }

  /** Lexical resolution of an identifier to its declaration in this file. */
  resolve(id: ts.Identifier): Declaration | undefined {
    if (this.declarationCache.has(id)) return this.declarationCache.get(id);
    // Cycles between modules: an identifier being resolved resolves to nothing.
    this.declarationCache.set(id, undefined);
    let found = this.resolveUncached(id);
    if (found && this.project) {
      found = this.followImport(found, id) ?? found;
      // Inside another module, remember the use that reached each declaration, so a finding about it
      // can be placed back in the analysed file.
      const declared = declarationNode(found);
      if (declared && id.getSourceFile() !== this.sourceFile) this.project.noteEntry(declared, id);
    }
    this.declarationCache.set(id, found);
    return found;
  }

  /**
   * An imported binding (`import { x } from './m'`, `const { x } = require('./m')`, `const m = require('./m')`)
   * stands for the exporting module's declaration when the host resolves the module; otherwise it stays an
   * import (a package, or unknown).
   */
  private followImport(decl: Declaration, id: ts.Identifier): Declaration | undefined {
    if (decl.kind === 'import') return this.importedDeclaration(decl.module, decl.name, id);
    if (decl.kind === 'variable' && decl.declaration.initializer) {
      const specifier = requiredSpecifier(decl.declaration.initializer);
      if (specifier === undefined) return undefined;
      if (!decl.binding) return this.importedDeclaration(specifier, 'module.exports', id);
      const parent = decl.binding.parent;
      if (!ts.isObjectBindingPattern(parent) || parent !== decl.declaration.name) return undefined;
      const key = decl.binding.propertyName ? propertyNameText(decl.binding.propertyName) : ts.isIdentifier(decl.binding.name) ? decl.binding.name.text : undefined;
      return key !== undefined ? this.importedDeclaration(specifier, key, id) : undefined;
    }
    return undefined;
  }

  private importedDeclaration(specifier: string, name: string, at: ts.Identifier): Declaration | undefined {
    const project = this.project!;
    const file = project.resolve(specifier, at.getSourceFile().fileName);
    if (!file) return undefined;
    project.dependencies.add(file);
    if (name === 'module.exports') {
      // require('./m'): the module value (`module.exports = …`), else the module object.
      return this.exportedDeclaration(file, 'default', 0, at, true) ?? { kind: 'namespace', file };
    }
    return this.exportedDeclaration(file, name, 0, at);
  }

  /** The declaration behind `name` exported by `file`, through re-exports (bounded: MAX_MODULE_HOPS). */
  private exportedDeclaration(file: string, name: string, hops: number, at: ts.Node, cjsOnly = false): Declaration | undefined {
    const project = this.project!;
    if (hops > MAX_MODULE_HOPS) return undefined;
    const record = project.record(file);
    if (!record) return undefined;
    if (name === '*') return { kind: 'namespace', file };
    const target = record.exports.get(name);
    if (cjsOnly && (!target || !record.cjsValue)) return undefined;
    let found: Declaration | undefined;
    if (!target) {
      if (name === 'default') return undefined;
      for (const star of record.starExports) {
        const next = project.resolve(star, file);
        found = next ? this.exportedDeclaration(next, name, hops + 1, at) : undefined;
        if (found) break;
      }
    } else if (target.kind === 'reexport') {
      const next = project.resolve(target.specifier, file);
      if (next) project.dependencies.add(next);
      found = next ? this.exportedDeclaration(next, target.name, hops + 1, at) : undefined;
    } else if (target.kind === 'expression') {
      found = { kind: 'expression', expr: target.expr };
    } else {
      const local = this.scopeTable(record.sourceFile)?.get(target.name);
      found = local && this.followImportFrom(local, record.sourceFile, hops);
    }
    const declared = found && declarationNode(found);
    if (declared) project.noteEntry(declared, at);
    return found;
  }

  /** A module-level declaration of another module, following its own imports (one hop more). */
  private followImportFrom(decl: Declaration, sourceFile: ts.SourceFile, hops: number): Declaration | undefined {
    if (decl.kind === 'import') {
      const file = this.project!.resolve(decl.module, sourceFile.fileName);
      if (!file) return decl;
      this.project!.dependencies.add(file);
      return this.exportedDeclaration(file, decl.name, hops + 1, sourceFile) ?? decl;
    }
    return decl;
  }

  private resolveUncached(id: ts.Identifier): Declaration | undefined {
    const name = id.text;
    for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
      const table = this.scopeTable(scope);
      if (table?.has(name)) return table.get(name);
    }
    return undefined;
  }

  private readonly scopeTables = new Map<ts.Node, Map<string, Declaration | undefined> | undefined>();

  /**
   * The names a scope node binds (parameters, variables, functions, imports), built once per scope so
   * resolution costs the scope depth, not the size of the scopes. `undefined` entries shadow without
   * a usable declaration (a for-loop variable, a catch binding).
   */
  private scopeTable(scope: ts.Node): Map<string, Declaration | undefined> | undefined {
    if (this.scopeTables.has(scope)) return this.scopeTables.get(scope);
    let table: Map<string, Declaration | undefined> | undefined;
    const bind = (name: string, decl: Declaration | undefined) => {
      table ??= new Map();
      if (!table.has(name)) table.set(name, decl);
    };
    const bindList = (list: ts.VariableDeclarationList) => {
      const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
      for (const declaration of list.declarations) {
        for (const [name, binding] of boundNames(declaration.name)) bind(name, { kind: 'variable', declaration, binding, isConst });
      }
    };
    if (ts.isFunctionLike(scope)) {
      const fn = scope as ts.SignatureDeclaration;
      fn.parameters.forEach((parameter, index) => {
        for (const [name, binding] of boundNames(parameter.name)) bind(name, { kind: 'parameter', parameter, fn, index, binding });
      });
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration) {
      for (const [name] of boundNames(scope.variableDeclaration.name)) bind(name, undefined);
    }
    if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      bindList(scope.initializer);
    }
    const statements = (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope))
      ? scope.statements
      : undefined;
    for (const statement of statements ?? []) {
      if (ts.isVariableStatement(statement)) bindList(statement.declarationList);
      else if (ts.isFunctionDeclaration(statement) && statement.name) bind(statement.name.text, { kind: 'function', declaration: statement });
      else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
        const clause = statement.importClause;
        const module = statement.moduleSpecifier.text;
        if (clause?.name) bind(clause.name.text, { kind: 'import', module, name: 'default' });
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) bind(bindings.name.text, { kind: 'import', module, name: '*' });
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) bind(el.name.text, { kind: 'import', module, name: (el.propertyName ?? el.name).text });
        }
      }
    }
    this.scopeTables.set(scope, table);
    return table;
  }

  private readonly assignmentCache = new Map<ts.VariableDeclaration, ts.BinaryExpression[]>();

  /** Assignments `name = …` that target this declaration (same name, resolving to it). */
  private assignmentsTo(declaration: ts.VariableDeclaration, name: string): ts.BinaryExpression[] {
    const cached = this.assignmentCache.get(declaration);
    if (cached) return cached;
    const result = (this.indexFor(declaration).assignmentsByName.get(name) ?? []).filter((a) => {
      const target = a.left;
      if (!ts.isIdentifier(target)) return false;
      const decl = this.resolve(target);
      return decl?.kind === 'variable' && decl.declaration === declaration;
    });
    this.assignmentCache.set(declaration, result);
    return result;
  }
}

/** Every name a binding pattern introduces, with the BindingElement that introduces it (none for a plain name). */
function boundNames(name: ts.BindingName): [string, ts.BindingElement | undefined][] {
  if (ts.isIdentifier(name)) return [[name.text, undefined]];
  const out: [string, ts.BindingElement | undefined][] = [];
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) out.push([element.name.text, element]);
    else for (const [inner, binding] of boundNames(element.name)) out.push([inner, binding ?? element]);
  }
  return out;
}

function functionOf(decl: Declaration): ts.SignatureDeclaration | undefined {
  if (decl.kind === 'function') return decl.declaration;
  if (decl.kind === 'expression') {
    const e = skipOuter(decl.expr);
    return ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? e : undefined;
  }
  if (decl.kind === 'variable' && !decl.binding && decl.declaration.initializer) {
    const init = skipOuter(decl.declaration.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) {
    if (fn.name) return fn.name.text;
  }
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

export function returnStatements(body: ts.Block): ts.ReturnStatement[] {
  const out: ts.ReturnStatement[] = [];
  forEachDescendant(body, (node) => {
    if (node === body) return undefined;
    if (ts.isReturnStatement(node)) out.push(node);
    return ts.isFunctionLike(node) || ts.isClassLike(node) ? 'skip' : undefined;
  });
  return out;
}

function declarationNode(decl: Declaration): ts.Node | undefined {
  switch (decl.kind) {
    case 'variable': return decl.declaration;
    case 'function': return decl.declaration;
    case 'expression': return decl.expr;
    case 'parameter': return decl.parameter;
    default: return undefined;
  }
}

const EMPTY_INDEX: ScopeIndex = { callsByName: new Map(), assignmentsByName: new Map() };

/** The variants, each under `condition` (an inner condition, more specific, is kept). */
export function withCondition(value: AbstractValue, condition: Condition | undefined): AbstractValue {
  if (!condition) return value;
  return { variants: value.variants.map((v) => (v.condition ? v : { ...v, condition })) };
}

/** A comparison or negation: true or false, each under the test's condition when it has one. */
function computedBoolean(expr: ts.Expression, condition: Condition | undefined): AbstractValue {
  return {
    variants: [
      { kind: 'boolean', value: true, node: expr, condition: condition ?? { kind: 'flag', text: expr.getText().slice(0, 60), value: true } },
      { kind: 'boolean', value: false, node: expr, condition: condition ? negate(condition) : { kind: 'flag', text: expr.getText().slice(0, 60), value: false } },
    ],
  };
}

/** Reads of the Host header (`req.headers.host`, `req.get('host')`, `req.hostname`): the name of this server. */
const HOST_READ = /(\bheaders?\.|\bheaders?\[['"]|\b(get|header)\(\s*['"])(x-forwarded-)?host\b|^(req|request)\.(host|hostname)$/i;

/** Request data an attacker controls (not the Host header, which names this server), in a value. */
function attackerData(value: AbstractValue): Extract<Variant, { kind: 'request' }> | undefined {
  for (const v of value.variants) {
    if (v.kind !== 'request') continue;
    if (v.source === 'origin' || !HOST_READ.test(v.node.getText())) return v;
  }
  return undefined;
}

/**
 * The condition of the `if` an assignment sits in, below the variable's own scope
 * (`let cors; if (isDev) cors = { origin: '*' }` → in development).
 */
function conditionOfStatement(assignment: ts.Node, declaration: ts.VariableDeclaration, evaluator: ValueEvaluator): Condition | undefined {
  const scope = declaration.parent?.parent?.parent;
  let child: ts.Node = assignment;
  for (let n = assignment.parent; n && n !== scope; child = n, n = n.parent) {
    if (ts.isIfStatement(n) && child !== n.expression) {
      const when = conditionOfTest(n.expression, evaluator);
      if (!when) return undefined;
      return child === n.thenStatement ? when : negate(when);
    }
    if (ts.isFunctionLike(n)) return undefined;
  }
  return undefined;
}

export function union(a: AbstractValue, b: AbstractValue): AbstractValue {
  return { variants: [...a.variants, ...b.variants] };
}

function concat(a: AbstractValue, b: AbstractValue, node: ts.Node): AbstractValue {
  const out: Variant[] = [];
  for (const x of a.variants) {
    for (const y of b.variants) {
      if (x.kind === 'literal' && y.kind === 'literal') out.push({ kind: 'literal', text: x.text + y.text });
      else out.push({ kind: 'unknown', node });
      if (out.length >= MAX_VARIANTS) return { variants: out };
    }
  }
  return { variants: out };
}

// skipOuter runs for every candidate node on every analysis: the kinds are read once, on the first call
// (each `ts.SyntaxKind.X` is a getter call on TypeScript's namespace object). Not at the top level: a
// top-level read makes every bundle that reaches this module load TypeScript at start-up — the CLI's too,
// which loads the engine only when a file passes the prefilter (project/engine.ts).
let PARENTHESIZED = -1;
let AS_EXPRESSION = -1;
let NON_NULL = -1;
let TYPE_ASSERTION = -1;
let SATISFIES = -1;
let AWAIT = -1;

function readOuterKinds(): void {
  PARENTHESIZED = ts.SyntaxKind.ParenthesizedExpression;
  AS_EXPRESSION = ts.SyntaxKind.AsExpression;
  NON_NULL = ts.SyntaxKind.NonNullExpression;
  TYPE_ASSERTION = ts.SyntaxKind.TypeAssertionExpression;
  SATISFIES = ts.SyntaxKind.SatisfiesExpression;
  AWAIT = ts.SyntaxKind.AwaitExpression;
}

export function skipOuter(expr: ts.Expression): ts.Expression {
  if (PARENTHESIZED < 0) readOuterKinds();
  for (;;) {
    const kind = expr.kind;
    if (kind !== PARENTHESIZED && kind !== AS_EXPRESSION && kind !== NON_NULL && kind !== TYPE_ASSERTION && kind !== SATISFIES && kind !== AWAIT) return expr;
    expr = (expr as ts.ParenthesizedExpression).expression;
  }
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = skipOuter(name.expression);
    if (ts.isStringLiteralLike(e)) return e.text;
  }
  return undefined;
}

/** `a.b` → 'b', `a['b']` → 'b', `a[0]` → '0'. */
export function memberName(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  const arg = skipOuter(expr.argumentExpression);
  if (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) return arg.text;
  return undefined;
}

export function findProperty(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  for (const prop of object.properties) {
    if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === key) found = prop.initializer;
    else if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === key) found = prop.name;
    else if (ts.isMethodDeclaration(prop) && propertyNameText(prop.name) === key) found = undefined;
  }
  return found;
}

/** `req.headers`, `event.headers`, `ctx.request.header`, `request.raw.headers`… */
function isHeadersObject(expr: ts.Expression): boolean {
  expr = skipOuter(expr);
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const name = memberName(expr);
    return name === 'headers' || name === 'header' || name === 'multiValueHeaders';
  }
  return false;
}

function isRequestDataObject(expr: ts.Expression): boolean {
  expr = skipOuter(expr);
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const name = memberName(expr);
    return name !== undefined && REQUEST_DATA_PROPS.has(name) && !ts.isThisTypeNode(expr.expression);
  }
  return false;
}

/** Is this expression a read of request data? 'origin' for the Origin header, 'other' for query/body/Referer/Host. */
export function requestRead(expr: ts.Expression): 'origin' | 'other' | undefined {
  expr = skipOuter(expr);
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const name = memberName(expr);
    if (name === undefined) return undefined;
    const lower = name.toLowerCase();
    const object = skipOuter(expr.expression);
    if (isHeadersObject(object)) {
      if (lower === 'origin') return 'origin';
      if (OTHER_REQUEST_HEADERS.has(lower)) return 'other';
      return undefined;
    }
    // event.multiValueHeaders.origin[0]
    if (/^\d+$/.test(name) && (ts.isPropertyAccessExpression(object) || ts.isElementAccessExpression(object))) {
      return requestRead(object);
    }
    if (isRequestDataObject(object)) return 'other';
    if ((lower === 'hostname' || lower === 'host') && ts.isIdentifier(object) && /^(req|request)$/.test(object.text)) return 'other';
    return undefined;
  }
  // h3: getRequestHeader(event, 'origin'), getHeader(event, 'origin')
  if (ts.isCallExpression(expr) && ts.isIdentifier(skipOuter(expr.expression)) && /^get(Request)?Header$/.test((skipOuter(expr.expression) as ts.Identifier).text)) {
    const arg = expr.arguments.length === 2 ? skipOuter(expr.arguments[1]) : undefined;
    const header = arg && ts.isStringLiteralLike(arg) ? arg.text.toLowerCase() : undefined;
    return header === 'origin' ? 'origin' : header && OTHER_REQUEST_HEADERS.has(header) ? 'other' : undefined;
  }
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(skipOuter(expr.expression))) {
    const callee = skipOuter(expr.expression) as ts.PropertyAccessExpression;
    const method = callee.name.text;
    const arg = expr.arguments[0] && skipOuter(expr.arguments[0]);
    if (!arg || !ts.isStringLiteralLike(arg) || expr.arguments.length !== 1) return undefined;
    const header = arg.text.toLowerCase();
    const receiver = skipOuter(callee.expression);
    const receiverName = ts.isPropertyAccessExpression(receiver) ? receiver.name.text : ts.isIdentifier(receiver) ? receiver.text : '';
    if (receiverName === 'searchParams' || receiverName === 'query' || receiverName === 'params') {
      return method === 'get' || method === 'getAll' ? 'other' : undefined;
    }
    if (!['get', 'header', 'getHeader', 'headers'].includes(method)) return undefined;
    // res.get / response.headers.get read our own response, not the request.
    if (/^(res|response|reply)$/i.test(receiverName)) return undefined;
    if (ts.isPropertyAccessExpression(receiver) && /^(res|response)$/.test(receiver.expression.getText()) && receiver.name.text === 'headers') return undefined;
    if (header === 'origin') return 'origin';
    if (OTHER_REQUEST_HEADERS.has(header)) return 'other';
  }
  return undefined;
}

/** `process.env.X`, `process.env['X']`, `Deno.env.get('X')`, `Bun.env.X`, `import.meta.env.X`. */
export function envRead(expr: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const name = memberName(expr);
    const object = skipOuter(expr.expression);
    if (name && (ts.isPropertyAccessExpression(object)) && object.name.text === 'env') {
      const root = object.expression.getText();
      if (root === 'process' || root === 'Bun' || root === 'import.meta') return name;
    }
  }
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'get'
    && expr.expression.expression.getText() === 'Deno.env' && expr.arguments[0] && ts.isStringLiteralLike(expr.arguments[0])) {
    return expr.arguments[0].text;
  }
  return undefined;
}

export function literalTexts(value: AbstractValue): string[] {
  return value.variants.flatMap((v) => (v.kind === 'literal' ? [v.text] : []));
}
