// Firebase Functions, read from firebase/firebase-functions v6.6.0 (same in 5.x and 4.x):
//   - src/v2/providers/https.ts onRequest: when the options have a `cors` key, the handler is wrapped in
//     the `cors` package with `{ origin: opts.cors }` (an array of one becomes its element): `true` echoes
//     the request Origin, a string/RegExp/array is an allowlist, `false` sends nothing; no credentials.
//     Without the key, no CORS headers.
//   - onCall (v2, and v1 src/v1/providers/https.ts `functions.https.onCall`): `cors` defaults to `true`
//     (`cors: { origin, methods: "POST" }`), so every request Origin is echoed unless `cors` is given.
import ts from 'typescript';
import { propertyNameText, skipOuter } from '../values';
import type { MiddlewareCollector } from './middleware';

const FIREBASE_MODULE = /^firebase-functions(\/|$)/;
const V2_MODULE = /^firebase-functions\/(v2|https)(\/|#|$)/;

/** onRequest({ cors }, h), onCall(h), onCall({ cors }, h), functions.https.onCall(h): true when handled. */
export function visitFirebaseCall(collector: MiddlewareCollector, call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (name !== 'onRequest' && name !== 'onCall') return false;
  if (!fromFirebase(collector, callee)) return false;
  const first = call.arguments[0] && skipOuter(call.arguments[0]);
  const options = call.arguments.length >= 2 && first ? collector.evaluator.resolveObjectLiteral(first) : undefined;
  const cors = options?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'cors');
  if (cors) {
    const config = collector.add(`Firebase ${name}`, 'cors', cors, undefined, `Firebase ${name} cors option`);
    if (config) {
      config.originNode = cors;
      collector.readOrigin(config, cors.initializer, 'cors');
      if (config.origin === 'reflect') config.reflectNote = `Firebase ${name} \`cors: true\` echoes the request Origin`;
    }
    return true;
  }
  if (name === 'onCall' && first) {
    const config = collector.add('Firebase onCall', 'cors', ts.isPropertyAccessExpression(callee) ? callee.name : callee, undefined, 'Firebase onCall with no cors option echoes the request Origin (firebase-functions default `cors: true`)');
    if (config) {
      config.origin = 'reflect';
      config.reflectNote = config.defaultNote;
      config.methods = ['POST'];
      // Only v2's onCall takes options; v1's (`functions.https.onCall` before firebase-functions 6) always echoes.
      if (options || V2_MODULE.test(collector.moduleOf(rootOf(callee)) ?? '')) {
        config.optionsHost = options ? { object: options, key: 'cors', valueIsOrigin: true } : { before: call.arguments[0], key: 'cors', valueIsOrigin: true };
      }
    }
  }
  return true;
}

function fromFirebase(collector: MiddlewareCollector, callee: ts.Expression): boolean {
  // onCall imported from firebase-functions/v2/https, or `functions.https.onCall` / `https.onCall`.
  const root = rootOf(callee);
  const module = collector.moduleOf(root);
  if (module && FIREBASE_MODULE.test(module.split('#')[0])) return true;
  return !module && [...collector.imports].some((m) => FIREBASE_MODULE.test(m)) && ts.isIdentifier(root) && !collector.evaluator.resolve(root);
}

function rootOf(callee: ts.Expression): ts.Expression {
  let root = callee;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  return root;
}
