// Conditions carried by values (issue 12, item 5): a policy that depends on an environment variable, the
// NODE_ENV mode or a runtime flag is reported with its condition, never as unconditional.
import ts from 'typescript';
import type { ValueEvaluator } from './values';
import { envRead, memberName, skipOuter } from './values';

export type Condition =
  | { kind: 'env-unset'; name: string }
  | { kind: 'env-set'; name: string }
  | { kind: 'env-equals'; name: string; text: string; equal: boolean }
  /** A value read from a `.env*` file of the project. */
  | { kind: 'env-file'; name: string; file: string; value: string }
  /** NODE_ENV (or the framework's mode): `in development`, `outside production`… */
  | { kind: 'mode'; mode: 'development' | 'production'; is: boolean }
  | { kind: 'flag'; text: string; value: boolean };

const MODE_ENV = new Set(['NODE_ENV', 'APP_ENV', 'ENV', 'MODE', 'VERCEL_ENV', 'DENO_ENV', 'BUN_ENV']);
const DEV_NAME = /^(is_?)?dev(elopment)?(_?mode)?$/i;
const PROD_NAME = /^(is_?)?prod(uction)?(_?mode)?$/i;
const DEV_VALUE = /^(dev|development|local)$/i;
const PROD_VALUE = /^(prod|production)$/i;

export function negate(c: Condition): Condition {
  switch (c.kind) {
    case 'env-unset': return { kind: 'env-set', name: c.name };
    case 'env-set': return { kind: 'env-unset', name: c.name };
    case 'env-equals': return { ...c, equal: !c.equal };
    case 'mode': return { ...c, is: !c.is };
    case 'flag': return { ...c, value: !c.value };
    default: return c;
  }
}

/** Words for a message: "when ALLOWED_ORIGINS is unset", "in development", "when isHTTPS is true". */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'env-unset': return `when ${c.name} is unset`;
    case 'env-set': return `when ${c.name} is set`;
    case 'env-equals': return `when ${c.name} is${c.equal ? '' : ' not'} '${c.text}'`;
    case 'env-file': return `with ${c.name}=${c.value} from ${baseName(c.file)}`;
    case 'mode': return `${c.is ? 'in' : 'outside'} ${c.mode}`;
    case 'flag': return `when ${c.text} is ${c.value}`;
  }
}

/** Only in development: the setting never reaches production (such findings are information). */
export function isDevelopmentOnly(c: Condition | undefined): boolean {
  if (!c) return false;
  if (c.kind === 'mode') return c.mode === 'development' ? c.is : !c.is;
  if (c.kind === 'env-file') return /\.env\.(development|dev|local|test)(\.local)?$/.test(c.file);
  return false;
}

export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/**
 * What an `if`/ternary test means for the values under it: a NODE_ENV check, an env variable being set or
 * equal to a text, or a plain flag (`isHTTPS`, `config.secure`). Undefined for anything else (a check on
 * the request, a call), so no message ever guesses.
 */
export function conditionOfTest(test: ts.Expression, evaluator: ValueEvaluator, depth = 0): Condition | undefined {
  const e = skipOuter(test);
  if (depth > 4) return undefined;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = conditionOfTest(e.operand, evaluator, depth + 1);
    return inner && negate(inner);
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !notEqual) return undefined;
    const l = skipOuter(e.left);
    const r = skipOuter(e.right);
    const [subject, literal] = ts.isStringLiteralLike(r) ? [l, r] : ts.isStringLiteralLike(l) ? [r, l] : [undefined, undefined];
    if (!subject || !literal) return undefined;
    const name = envRead(subject) ?? modeRead(subject);
    if (!name) return undefined;
    if (MODE_ENV.has(name) || name === '#mode') {
      if (DEV_VALUE.test(literal.text)) return { kind: 'mode', mode: 'development', is: equal };
      if (PROD_VALUE.test(literal.text)) return { kind: 'mode', mode: 'production', is: equal };
    }
    if (name === '#mode') return undefined;
    return { kind: 'env-equals', name, text: literal.text, equal };
  }
  const env = envRead(e);
  if (env) {
    // import.meta.env.DEV / PROD (Vite and others).
    if (env === 'DEV') return { kind: 'mode', mode: 'development', is: true };
    if (env === 'PROD') return { kind: 'mode', mode: 'production', is: true };
    return { kind: 'env-set', name: env };
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    if (ts.isIdentifier(e)) {
      const decl = evaluator.resolve(e);
      // A helper's parameter bound to `process.env.X` (`parseList(process.env.X, ['*'])`).
      if (decl?.kind === 'parameter') {
        const bound = evaluator.evaluate(e).variants;
        const env = bound.length > 0 && bound[0].kind === 'env' ? bound[0].name : undefined;
        return env ? { kind: 'env-set', name: env } : undefined;
      }
      const init = decl && evaluator.initializerOf(decl);
      const inner = init && decl?.kind === 'variable' && decl.isConst ? conditionOfTest(init, evaluator, depth + 1) : undefined;
      if (inner && inner.kind !== 'flag') return inner;
    }
    const last = ts.isIdentifier(e) ? e.text : e.name.text;
    if (DEV_NAME.test(last)) return { kind: 'mode', mode: 'development', is: true };
    if (PROD_NAME.test(last)) return { kind: 'mode', mode: 'production', is: true };
    const text = e.getText();
    // A flag of the program, not a check on the request.
    if (/\b(req|request|ctx|origin|headers)\b/i.test(text) || text.length > 60) return undefined;
    return { kind: 'flag', text, value: true };
  }
  return undefined;
}

/** `app.get('env')` (Express's mode): '#mode'. */
function modeRead(expr: ts.Expression): string | undefined {
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'get'
    && expr.arguments.length === 1 && ts.isStringLiteralLike(expr.arguments[0]) && expr.arguments[0].text === 'env') return '#mode';
  if ((ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) && /^(nodeEnv|NODE_ENV|env|mode)$/.test(memberName(expr) ?? '')) return '#mode';
  return undefined;
}

/**
 * The condition under which a reported node holds: an `if`/ternary/`||` around it that tests NODE_ENV or
 * an environment variable, or — for a value — the condition every permissive variant of it carries
 * (`origin: isHTTPS`, `origin: process.env.X` with `X=*` in `.env.production`). Undefined when it holds
 * unconditionally or the engine cannot tell.
 */
export function conditionOfNode(node: ts.Node, evaluator: ValueEvaluator): Condition | undefined {
  let child: ts.Node = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    let when: Condition | undefined;
    if (ts.isIfStatement(n) && child !== n.expression) {
      when = conditionOfTest(n.expression, evaluator);
      if (when && child === n.elseStatement) when = negate(when);
    } else if (ts.isConditionalExpression(n) && child !== n.condition) {
      when = conditionOfTest(n.condition, evaluator);
      if (when && child === n.whenFalse) when = negate(when);
    } else if (ts.isBinaryExpression(n) && child === n.right
      && (n.operatorToken.kind === ts.SyntaxKind.BarBarToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      const env = envRead(skipOuter(n.left));
      if (env) when = { kind: 'env-unset', name: env };
    }
    // A check on the request or a program flag around a write is the code's own logic, not a policy condition.
    if (when && when.kind !== 'flag') return when;
  }
  const expr = ts.isPropertyAssignment(node) ? node.initializer : ts.isExpression(node) ? node : undefined;
  if (!expr) return undefined;
  const permissive = evaluator.evaluate(expr).variants.filter((v) =>
    (v.kind === 'boolean' && v.value) || v.kind === 'request' || (v.kind === 'literal' && (v.text.trim() === '*' || v.text.trim() === 'null')));
  if (permissive.length === 0 || permissive.some((v) => !v.condition)) return undefined;
  // A comparison reported as itself (an origin check) is not "true when it is true".
  if (permissive.every((v) => v.node === expr && v.condition?.kind === 'flag')) return undefined;
  // The request's origin echoed under a flag (`ok ? origin : list[0]`) is the code's own check, as around
  // a write above; a flag qualifies settings (`origin: isHTTPS`), not echoes.
  if (permissive.some((v) => v.kind === 'request' && v.condition?.kind === 'flag')) return undefined;
  return permissive[0].condition;
}

/** "In development: …", with the severity lowered to information when the setting is development-only. */
export function qualifyByCondition<T extends { node: ts.Node; message: string; severity?: 'error' | 'warning' | 'info' }>(
  descriptor: T, evaluator: ValueEvaluator, explicitSeverity: boolean,
): T {
  const when = conditionOfNode(descriptor.node, evaluator);
  if (!when) return descriptor;
  const text = describeCondition(when);
  return {
    ...descriptor,
    message: `${text[0].toUpperCase()}${text.slice(1)}: ${descriptor.message}`,
    severity: isDevelopmentOnly(when) && !explicitSeverity ? 'info' : descriptor.severity,
  };
}
