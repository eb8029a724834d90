// Where each part of a policy comes from (issue 12, item 9), for the inventory and the hover:
// `origin ← allowedOrigins (src/config/cors.ts:3) ← ALLOWED_ORIGINS (.env.production)`.
import ts from 'typescript';
import { compositionOf } from './composition';
import type { RuleContext } from './context';
import { applicationsFor } from './exported';
import type { CorsConfig } from './facts/model';
import { displayPathOf } from './host';
import { Variant, envRead, skipOuter } from './values';

const MAX_STEPS = 6;

/** Lines of provenance for a middleware config; empty when everything is written at the call. */
export function provenanceOfConfig(context: RuleContext, config: CorsConfig): string[] {
  const out: string[] = [];
  const call = ts.isCallExpression(config.node) ? config.node : undefined;
  const optionsArg = call && (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'register' ? call.arguments[1] : call.arguments[0]);
  const options = optionsArg && chain(context, optionsArg);
  if (options) out.push(`options ← ${options}`);
  const origin = config.originNode && ts.isPropertyAssignment(config.originNode) ? config.originNode.initializer
    : config.originNode && ts.isShorthandPropertyAssignment(config.originNode) ? config.originNode.name : undefined;
  const originChain = origin && chain(context, origin);
  if (originChain) out.push(`origin ← ${originChain}`);
  const applied = applicationsFor(config);
  if (applied) {
    out.push(applied.length > 0
      ? `applied in ${applied.slice(0, 3).map((a) => `${nameOf(context, a.file)}:${lineOf(a.node)}`).join(', ')}`
      : 'exported, not applied in this project (analysed for its values only)');
  }
  return out;
}

/** Provenance of a hand-written header policy: the app middleware that answers preflights for it. */
export function provenanceOfWrite(context: RuleContext, valueNode: ts.Expression | undefined): { preflight?: 'answered' | 'unknown'; lines: string[] } {
  const origin = valueNode && chain(context, valueNode);
  const lines = origin ? [`origin ← ${origin}`] : [];
  const composed = compositionOf(context);
  if (composed.state === 'covered') {
    const what = composed.by.config ? composed.by.config.library : 'OPTIONS answer';
    return { preflight: 'answered', lines: [...lines, `preflight ← ${what} (${nameOf(context, composed.by.file)}:${lineOf(composed.by.node)}), on the app that mounts this module`] };
  }
  if (composed.state === 'unknown') return { preflight: 'unknown', lines: [...lines, 'mounting: not resolved (the app that mounts this module is not known)'] };
  return { lines };
}

/** `allowedOrigins (src/config/cors.ts:3) ← ALLOWED_ORIGINS (.env.production)`, or undefined for a value written in place. */
function chain(context: RuleContext, start: ts.Expression): string | undefined {
  const { evaluator } = context.facts;
  const steps: string[] = [];
  let expr: ts.Expression | undefined = start;
  for (let i = 0; expr && i < MAX_STEPS; i++) {
    const e: ts.Expression = skipOuter(expr);
    const env = envRead(e);
    if (env) {
      const files = [...new Set(evaluator.evaluate(e).variants.flatMap((v) => (v.kind === 'literal' && v.env ? [nameOf(context, v.env.file)] : [])))];
      steps.push(files.length > 0 ? `${env} (${files.join(', ')})` : `${env} (environment; no .env file defines it)`);
      break;
    }
    let name: string | undefined;
    let decl;
    if (ts.isIdentifier(e)) {
      name = e.text;
      decl = evaluator.resolve(e);
    } else if (ts.isPropertyAccessExpression(e)) {
      name = e.getText().slice(0, 40);
      decl = evaluator.resolveNamespaceMember(e);
    }
    if (!decl || !name) break;
    const at = decl.kind === 'variable' ? decl.declaration : decl.kind === 'function' ? decl.declaration : decl.kind === 'expression' ? decl.expr : undefined;
    if (!at) break;
    steps.push(`${name} (${fileOf(context, at)}:${lineOf(at)})`);
    expr = decl.kind === 'function' ? undefined : evaluator.initializerOf(decl);
  }
  // Values read from .env files inside the last value (`[process.env.A, 'https://b.com']`).
  if (expr && !envRead(skipOuter(expr))) {
    const files = new Map<string, Set<string>>();
    const collect = (variants: Variant[]) => {
      for (const v of variants) {
        if (v.kind === 'list') collect(v.items);
        else if (v.kind === 'literal' && v.env) files.set(v.env.name, (files.get(v.env.name) ?? new Set()).add(nameOf(context, v.env.file)));
      }
    };
    collect(evaluator.evaluate(skipOuter(expr)).variants);
    for (const [name, in_] of files) steps.push(`${name} (${[...in_].join(', ')})`);
  }
  // A value written in the same file, one step away, is no news.
  if (steps.length === 0 || (steps.length === 1 && !steps[0].includes('(') )) return undefined;
  return steps.join(' ← ');
}

function fileOf(context: RuleContext, node: ts.Node): string {
  return nameOf(context, node.getSourceFile()?.fileName ?? context.sourceFile.fileName);
}

/** A file as people read it: relative to the project root (host.displayPath). */
function nameOf(context: RuleContext, file: string): string {
  return displayPathOf(context.project?.model.host, file);
}

function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}
