// Does code read the user's credentials (cookies, the Authorization header, a session, the logged-in
// user)? permissive-wildcard raises `*` from info to warning there: the data is probably not public.
// Judged on code only: a word in a string or a comment ('missing authorization credentials',
// `// reads the session`) is not a read.
import ts from 'typescript';
import { forEachDescendant } from './parse';

/** Names whose use reads credentials: `req.cookies`, `headers.authorization`, `getServerSession()`, `jwt.verify`… */
const CREDENTIAL_NAMES = /^(cookies?|signedCookies|authorization|session|getSession|getServerSession|jwt|bearer)$/i;
/** Header names read by string: `req.get('Authorization')`, `headers['cookie']`, `headers.get('Cookie')`. */
const CREDENTIAL_HEADERS = /^(authorization|cookie)$/i;
/** Receivers whose `.user` is the authenticated user. */
const USER_HOLDERS = /^(req|request)$|^ctx\.state$/;

export function readsCredentials(root: ts.Node, sourceFile: ts.SourceFile): boolean {
  let found = false;
  forEachDescendant(root, (node) => {
    if (isCredentialRead(node, sourceFile)) {
      found = true;
      return 'stop';
    }
    return undefined;
  });
  return found;
}

function isCredentialRead(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
    if (!CREDENTIAL_NAMES.test(node.text)) return false;
    // A declaration's own name (`function session()`, `{ cookies: … }` as an object key) reads nothing.
    const parent = node.parent;
    return !(parent && ts.isPropertyAssignment(parent) && parent.name === node);
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'user') {
    return USER_HOLDERS.test(node.expression.getText(sourceFile));
  }
  if (ts.isStringLiteralLike(node) && CREDENTIAL_HEADERS.test(node.text)) {
    const parent = node.parent;
    return (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) || (ts.isCallExpression(parent) && parent.arguments[0] === node);
  }
  return false;
}
