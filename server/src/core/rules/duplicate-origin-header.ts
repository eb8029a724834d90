import ts from 'typescript';
import { reportMountedDuplicates } from '../composition';
import { isExportedOnly } from '../exported';
import { isHttpMiddleware } from '../libraries';
import type { RuleContext } from '../context';
import type { CorsConfig, HeaderWrite } from '../facts/model';
import { alwaysOverwrites, coexist, originWrites, sameResponseCandidates } from '../responses';
import type { Fix } from '../types';
import type { Rule } from './rule';

/** The message for a second value added to the same response (shared with platform/checks.ts). */
export function duplicateAddedMessage(firstLine: number): string {
  return `Access-Control-Allow-Origin is added again for the same response (first on line ${firstLine}); the browser sees two values and rejects the response.`;
}

export function duplicateInObjectMessage(firstLine: number): string {
  return `This headers object names Access-Control-Allow-Origin twice (first on line ${firstLine}); depending on the API one value silently wins or both are sent and the browser rejects the response. Keep one.`;
}

export const duplicateOriginHeader: Rule = {
  meta: {
    id: 'duplicate-origin-header',
    description: 'Access-Control-Allow-Origin written twice for one response (two writes, or middleware plus a manual write).',
    defaultSeverity: 'warning',
    cwe: ['CWE-942'],
    fixKinds: ['safe', 'suggestion'],
  },
  check(context) {
    const { fixer, facts } = context;
    const writes = originWrites(facts);
    const flagged = writes.map(() => false);
    const indexOf = new Map(writes.map((w, i) => [w, i]));
    for (let i = 0; i < writes.length; i++) {
      // The earlier ACAO writes that can be on the same response, nearest first (a chain of writes
      // then gives one removal per link, all applied by one fix-all pass).
      const earlier = sameResponseCandidates(writes[i]).map((w) => indexOf.get(w)).filter((j): j is number => j !== undefined && j < i).sort((a, b) => b - a);
      for (const j of earlier) {
        const [first, later] = [writes[j], writes[i]];
        const sameTarget = first.container ? first.container === later.container : !later.container && first.receiver === later.receiver && first.receiver !== undefined;
        if (!sameTarget || !coexist(first, later) || flagged[i]) continue;
        const appended = later.mode === 'append' || first.mode === 'append';
        // A plain overwrite is a duplicate only when the later write runs on every path the first one
        // does: under an `if` or after an early return, each response still gets exactly one value.
        if (!appended && !first.container && !alwaysOverwrites(first, later)) continue;
        context.at(later.node);
        flagged[i] = true;
        const line = context.line(first.node);
        context.report({
          node: later.valueNode ?? later.node,
          message: first.container
            ? duplicateInObjectMessage(line)
            : appended
              ? duplicateAddedMessage(line)
              : `Access-Control-Allow-Origin is written again for the same response, silently replacing the value set on line ${line}. Keep one write.`,
          related: [{ node: first.node, message: 'First written here.' }],
          fixes: [duplicateFix(context, first, later, appended)],
        });
      }
    }
    const middlewares = facts.configs.filter((c) => isHttpMiddleware(c) && c.origin !== 'disabled' && !isExportedOnly(c));
    // CORS middleware of the app that mounts this module, in another file (composition.ts).
    if (middlewares.length === 0) return reportMountedDuplicates(context, writes.filter((w, i) => !flagged[i] && registrationOf(w.node) !== undefined));
    for (let i = 0; i < writes.length; i++) {
      const write = writes[i];
      if (flagged[i] || write.container && write.api === 'headers() entry') continue;
      // Only writes registered on an app or router (and on the middleware's own app, when known):
      // a Lambda handler or a Deno.serve callback beside an Express app is another server.
      const writeApp = registrationOf(write.node);
      const middleware = writeApp && middlewares.find((c) => handlesResponse(c, writeApp));
      if (!middleware) continue;
      context.at(write.node);
      context.report({
        node: write.valueNode ?? write.node,
        message: `Access-Control-Allow-Origin is written by hand although ${middleware.library} (line ${context.line(middleware.node)}) already sets it; the two disagree or the header is sent twice, which browsers reject. Let the middleware own CORS.`,
        related: [{ node: middleware.node, message: 'CORS middleware configured here.' }],
        fixes: [fixer.fix('Remove the manual Access-Control-Allow-Origin write', 'suggestion', [fixer.removeWrite(write)])],
      });
    }
  },
};

/**
 * The fix for a duplicate: dropping an always-overwritten write changes no response (safe). Dropping
 * the second of two values that are sent together changes the response from rejected to allowed,
 * so it is safe only when both values are the same text in one object that keeps the last one.
 */
function duplicateFix(context: RuleContext, first: HeaderWrite, later: HeaderWrite, appended: boolean): Fix | undefined {
  const { fixer } = context;
  if (!appended && !first.container) return fixer.fix('Remove the overwritten write', 'safe', [fixer.removeWrite(first)]);
  const sameValue = first.valueNode !== undefined && later.valueNode !== undefined && first.valueNode.getText() === later.valueNode.getText();
  // Headers init objects (new Response/Headers) append every key; call-style objects set them in order.
  const lastWins = !appended && !/Response|Headers|headers init/i.test(first.api);
  if (sameValue && lastWins) return fixer.fix('Remove the duplicate write', 'safe', [fixer.removeWrite(later)]);
  const kept = first.valueNode ? ` (keep ${first.valueNode.getText().slice(0, 60)})` : '';
  return fixer.fix(`Remove the second value${kept}`, 'suggestion', [fixer.removeWrite(later)]);
}

const APP_METHODS = /^(use|all|get|post|put|patch|delete|del|options|head|register|route|addHook)$/;

/** The app/router a node is registered on and the method used: `app`/`get` for code inside `app.get(…)`. */
function registrationOf(node: ts.Node): { app: string; method: string } | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && APP_METHODS.test(n.expression.name.text)) {
      return { app: n.expression.expression.getText(), method: n.expression.name.text };
    }
  }
  return undefined;
}

/**
 * Does the middleware also answer a response registered as `write`? Only on its own app (when known),
 * and `app.options(path, cors())` answers preflight requests only: a GET handler's hand-written ACAO is
 * then its only one.
 */
function handlesResponse(config: CorsConfig, write: { app: string; method: string }): boolean {
  const own = registrationOf(config.node);
  if (own && own.app !== write.app) return false;
  return own?.method !== 'options' || write.method === 'options';
}
