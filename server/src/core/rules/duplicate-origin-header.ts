import ts from 'typescript';
import { reportMountedDuplicates } from '../composition';
import { isHttpMiddleware } from '../libraries';
import { coexist, originWrites, sameResponseCandidates } from '../responses';
import type { Rule } from './rule';

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
      // The earlier ACAO writes that can be on the same response, in document order.
      const earlier = sameResponseCandidates(writes[i]).map((w) => indexOf.get(w)).filter((j): j is number => j !== undefined && j < i).sort((a, b) => a - b);
      for (const j of earlier) {
        const [first, later] = [writes[j], writes[i]];
        const sameTarget = first.container ? first.container === later.container : !later.container && first.receiver === later.receiver && first.receiver !== undefined;
        if (!sameTarget || !coexist(first, later) || flagged[i]) continue;
        context.at(later.node);
        flagged[i] = true;
        const appended = later.mode === 'append' || first.mode === 'append';
        const line = context.line(first.node);
        const removal = appended || first.container ? fixer.removeWrite(later) : fixer.removeWrite(first);
        context.report({
          node: later.valueNode ?? later.node,
          message: first.container
            ? `This headers object names Access-Control-Allow-Origin twice (first on line ${line}); depending on the API one value silently wins or both are sent and the browser rejects the response. Keep one.`
            : appended
              ? `Access-Control-Allow-Origin is added again for the same response (first on line ${line}); the browser sees two values and rejects the response.`
              : `Access-Control-Allow-Origin is written again for the same response, silently replacing the value set on line ${line}. Keep one write.`,
          related: [{ node: first.node, message: 'First written here.' }],
          fixes: [fixer.fix(appended || first.container ? 'Remove the duplicate write' : 'Remove the overwritten write', 'safe', [removal])],
        });
      }
    }
    const middleware = facts.configs.find((c) => isHttpMiddleware(c) && c.origin !== 'disabled');
    // CORS middleware of the app that mounts this module, in another file (composition.ts).
    if (!middleware) return reportMountedDuplicates(context, writes.filter((w, i) => !flagged[i] && appOf(w.node) !== undefined));
    const middlewareApp = appOf(middleware.node);
    for (let i = 0; i < writes.length; i++) {
      const write = writes[i];
      if (flagged[i] || write.container && write.api === 'headers() entry') continue;
      const writeApp = appOf(write.node);
      // Only writes registered on an app or router (and on the middleware's own app, when known):
      // a Lambda handler or a Deno.serve callback beside an Express app is another server.
      if (!writeApp || (middlewareApp && middlewareApp !== writeApp)) continue;
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

const APP_METHODS = /^(use|all|get|post|put|patch|delete|del|options|head|register|route|addHook)$/;

/** The app/router a node is registered on: `app` for code inside `app.use(…)` / `app.get(…)`. */
function appOf(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && APP_METHODS.test(n.expression.name.text)) {
      return n.expression.expression.getText();
    }
  }
  return undefined;
}
