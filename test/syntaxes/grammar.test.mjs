// Tokenization tests for syntaxes/cors-lint.injection.tmLanguage.json, injected through the
// registry's getInjections into the JavaScript / TypeScript / JSX / TSX grammars of `tm-grammars`
// (the grammars VS Code ships, as JSON).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const INJECTION = 'cors-lint.injection';
const INJECTION_PATH = fileURLToPath(new URL('../../syntaxes/cors-lint.injection.tmLanguage.json', import.meta.url));
const HOSTS = { 'source.js': 'javascript', 'source.ts': 'typescript', 'source.js.jsx': 'jsx', 'source.tsx': 'tsx' };
// The scopes contributed by the injection all end in `.cors-lint`.
const isOurs = (scope) => scope.endsWith('.cors-lint');
// Every // and /* */ comment body gets the neutral `meta.comment-body.cors-lint`; anything else of
// ours is a highlight.
const COMMENT_BODY = 'meta.comment-body.cors-lint';
const isHighlight = (scope) => isOurs(scope) && scope !== COMMENT_BODY;
const HEADER = 'support.constant.header.cors.cors-lint';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function makeRegistry(onigLib, withInjection) {
  return new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      if (scopeName === INJECTION) return readJson(INJECTION_PATH);
      const file = HOSTS[scopeName];
      return file ? readJson(require.resolve(`tm-grammars/grammars/${file}.json`)) : null;
    },
    getInjections: (scopeName) => (withInjection && scopeName in HOSTS ? [INJECTION] : undefined),
  });
}

/** scopeName -> grammar with the injection; `plain` has the same grammars without it. */
const grammars = {};
const plain = {};

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const onigLib = Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  });
  const injected = makeRegistry(onigLib, true);
  const bare = makeRegistry(onigLib, false);
  for (const scopeName of Object.keys(HOSTS)) {
    grammars[scopeName] = await injected.loadGrammar(scopeName);
    plain[scopeName] = await bare.loadGrammar(scopeName);
  }
});

/** Lines of tokens as [text, 'scope scope …'] without the root scope. */
function tokenize(scopeName, source, grammar = grammars[scopeName]) {
  let stack = vsctm.INITIAL;
  return source.split('\n').map((line) => {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    return tokens
      .filter((t) => t.startIndex < line.length)
      .map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.slice(1).join(' ')]);
  });
}

/** Scopes (root removed) of every character, one array per line. */
function scopesPerChar(scopeName, source, grammar) {
  let stack = vsctm.INITIAL;
  return source.split('\n').map((line) => {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    return [...line].map((_, i) => tokens.find((t) => t.startIndex <= i && i < t.endIndex).scopes.slice(1));
  });
}

/** The scopes of the token whose text is exactly `text` on a one-line source (fails if absent). */
function scopesOfToken(scopeName, source, text) {
  const [line] = tokenize(scopeName, source);
  const token = line.find(([t]) => t === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(line)}`);
  return token[1].split(' ');
}

function assertNothingHighlighted(scopeName, source) {
  for (const line of tokenize(scopeName, source)) {
    for (const [text, scopes] of line) {
      assert.ok(!scopes.split(' ').some(isHighlight), `${JSON.stringify(text)} got ${scopes}`);
    }
  }
}

describe('grammar file', () => {
  it('is an injection grammar with the expected scope name and selector', () => {
    const grammar = readJson(INJECTION_PATH);
    assert.equal(grammar.scopeName, INJECTION);
    assert.match(grammar.injectionSelector, /^L:/);
    for (const part of ['source.js', 'source.ts', 'source.tsx', 'comment.line.double-slash', 'comment.block', 'string.quoted', 'string.template']) {
      assert.ok(grammar.injectionSelector.includes(part), part);
    }
  });
});

describe('suppression directives', () => {
  const D = 'meta.comment-body.cors-lint meta.directive.cors-lint';
  const expected = (comment, suffix, open, close) => [
    [open, `${comment}.${suffix} punctuation.definition.comment.${suffix}`],
    [' ', `${comment}.${suffix} meta.comment-body.cors-lint`],
    ['cors-lint-disable-next-line', `${comment}.${suffix} ${D} keyword.control.directive.cors-lint`],
    [' ', `${comment}.${suffix} ${D}`],
    ['wildcard-with-credentials', `${comment}.${suffix} ${D} entity.name.tag.rule.cors-lint`],
    [',', `${comment}.${suffix} ${D} punctuation.separator.comma.cors-lint`],
    [' ', `${comment}.${suffix} ${D}`],
    ['reflected-origin', `${comment}.${suffix} ${D} entity.name.tag.rule.cors-lint`],
    [' ', `${comment}.${suffix} ${D}`],
    ['--', `${comment}.${suffix} ${D} comment.reason.cors-lint punctuation.separator.reason.cors-lint`],
    [close ? ' legacy API ' : ' legacy API', `${comment}.${suffix} ${D} comment.reason.cors-lint`],
    ...(close ? [[close, `${comment}.${suffix} punctuation.definition.comment.${suffix}`]] : []),
  ];
  const BODY = 'cors-lint-disable-next-line wildcard-with-credentials, reflected-origin -- legacy API';

  it('keyword, two rule ids and the reason in a // comment (JS)', () => {
    assert.deepEqual(tokenize('source.js', `// ${BODY}`)[0], expected('comment.line.double-slash', 'js', '//'));
  });

  it('keyword, two rule ids and the reason in a /* */ comment (JS), and code after it is code', () => {
    const [line] = tokenize('source.js', `/* ${BODY} */ f();`);
    assert.deepEqual(line.slice(0, 12), expected('comment.block', 'js', '/*', '*/'));
    assert.deepEqual(line.slice(12).find(([t]) => t === 'f'), ['f', 'meta.function-call.js entity.name.function.js']);
  });

  it('keyword, two rule ids and the reason in // and /* */ comments (TS)', () => {
    assert.deepEqual(tokenize('source.ts', `// ${BODY}`)[0], expected('comment.line.double-slash', 'ts', '//'));
    assert.deepEqual(tokenize('source.ts', `/* ${BODY} */`)[0], expected('comment.block', 'ts', '/*', '*/'));
  });

  it('works in JSX and TSX, including a {/* */} comment in JSX children', () => {
    assert.deepEqual(tokenize('source.js.jsx', `// ${BODY}`)[0], expected('comment.line.double-slash', 'js.jsx', '//'));
    assert.deepEqual(tokenize('source.tsx', `// ${BODY}`)[0], expected('comment.line.double-slash', 'tsx', '//'));
    const scopes = scopesOfToken('source.tsx', 'const a = <div>{/* cors-lint-disable-line null-origin */}</div>;', 'null-origin');
    assert.deepEqual(scopes.slice(-4), ['comment.block.tsx', 'meta.comment-body.cors-lint', 'meta.directive.cors-lint', 'entity.name.tag.rule.cors-lint']);
  });

  it('the three keywords, with and without rules, after leading text and before */', () => {
    const cases = [
      ['// cors-lint-disable', 'cors-lint-disable'],
      ['/* cors-lint-disable */', 'cors-lint-disable'],
      ['/*cors-lint-disable*/', 'cors-lint-disable'],
      ['x(); // cors-lint-disable-line', 'cors-lint-disable-line'],
      ['// note: cors-lint-disable-next-line -- no rules, just a reason', 'cors-lint-disable-next-line'],
    ];
    for (const [source, keyword] of cases) {
      const scopes = scopesOfToken('source.ts', source, keyword);
      assert.equal(scopes.at(-1), 'keyword.control.directive.cors-lint', source);
    }
    const [line] = tokenize('source.ts', '// note: cors-lint-disable-next-line -- no rules, just a reason');
    assert.deepEqual(line.at(-1), [' no rules, just a reason', 'comment.line.double-slash.ts meta.comment-body.cors-lint meta.directive.cors-lint comment.reason.cors-lint']);
  });

  it('a directive on a continuation line of a block comment; the comment still closes', () => {
    const lines = tokenize('source.ts', '/*\n * cors-lint-disable null-origin -- fixture\n */ const x = 1;');
    assert.deepEqual(lines[1].find(([t]) => t === 'null-origin'), ['null-origin', `comment.block.ts ${D} entity.name.tag.rule.cors-lint`]);
    assert.deepEqual(lines[2].find(([t]) => t === 'const'), ['const', 'meta.var.expr.ts storage.type.ts']);
  });

  it('not a directive: prefix words, strings, JSDoc comments', () => {
    assertNothingHighlighted('source.ts', '// cors-lint-disabled is not a keyword');
    assertNothingHighlighted('source.ts', '// cors-lint-disable-lines either');
    assertNothingHighlighted('source.ts', 'const s = "cors-lint-disable null-origin";');
    assertNothingHighlighted('source.ts', "const s = 'cors-lint-disable-line null-origin -- why';");
    assertNothingHighlighted('source.ts', '/** cors-lint-disable null-origin */');
  });
});

describe('CORS header names in strings', () => {
  const NAMES = [
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Credentials',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Access-Control-Expose-Headers',
    'Access-Control-Max-Age',
    'Access-Control-Request-Method',
    'Access-Control-Request-Headers',
    'Access-Control-Allow-Private-Network',
    'Access-Control-Request-Private-Network',
  ];

  it('single-quoted, double-quoted and template strings, in JS and TS', () => {
    for (const scopeName of ['source.js', 'source.ts']) {
      const suffix = HOSTS[scopeName] === 'javascript' ? 'js' : 'ts';
      for (const name of NAMES) {
        assert.deepEqual(scopesOfToken(scopeName, `res.setHeader('${name}', '*');`, name).slice(-2), [`string.quoted.single.${suffix}`, HEADER]);
        assert.deepEqual(scopesOfToken(scopeName, `res.setHeader("${name}", "*");`, name).slice(-2), [`string.quoted.double.${suffix}`, HEADER]);
        assert.deepEqual(scopesOfToken(scopeName, 'res.setHeader(`' + name + '`, "*");', name).slice(-2), [`string.template.${suffix}`, HEADER]);
      }
    }
  });

  it('case-insensitive, and as part of a longer string', () => {
    const [line] = tokenize('source.ts', "const raw = 'access-control-allow-origin: *, ACCESS-CONTROL-MAX-AGE: 600';");
    assert.deepEqual(
      line.filter(([, s]) => s.endsWith(HEADER)).map(([t]) => t),
      ['access-control-allow-origin', 'ACCESS-CONTROL-MAX-AGE'],
    );
  });

  it('in a template literal on both sides of ${…}, but not in the code inside ${…}', () => {
    const source = 'const t = `Access-Control-Max-Age: ${age}, Access-Control-Expose-Headers: ${Access-Control-Allow-Origin}`;';
    const [line] = tokenize('source.ts', source);
    assert.deepEqual(
      line.filter(([, s]) => s.endsWith(HEADER)).map(([t]) => t),
      ['Access-Control-Max-Age', 'Access-Control-Expose-Headers'],
    );
    // A string inside ${…} is a string again.
    assert.deepEqual(scopesOfToken('source.ts', "const t = `${h('Access-Control-Allow-Methods')}`;", 'Access-Control-Allow-Methods').slice(-2), ['string.quoted.single.ts', HEADER]);
  });

  it('object keys, JSX attribute strings and TSX', () => {
    assert.equal(scopesOfToken('source.js', "const h = { 'Access-Control-Allow-Origin': '*' };", 'Access-Control-Allow-Origin').at(-1), HEADER);
    assert.equal(scopesOfToken('source.js.jsx', '<a title="Access-Control-Allow-Origin" />;', 'Access-Control-Allow-Origin').at(-1), HEADER);
    assert.equal(scopesOfToken('source.tsx', "h.set('Access-Control-Allow-Credentials', 'true');", 'Access-Control-Allow-Credentials').at(-1), HEADER);
  });

  it('`Origin` only when it is the whole string', () => {
    assert.deepEqual(scopesOfToken('source.ts', "req.headers['origin'];", 'origin').slice(-2), ['string.quoted.single.ts', HEADER]);
    assert.deepEqual(scopesOfToken('source.ts', 'res.vary("Origin");', 'Origin').slice(-2), ['string.quoted.double.ts', HEADER]);
    assert.deepEqual(scopesOfToken('source.ts', 'res.vary(`Origin`);', 'Origin').slice(-2), ['string.template.ts', HEADER]);
    assertNothingHighlighted('source.ts', "res.setHeader('Vary', 'Origin, Accept'); const m = 'same origin'; const o = \"origin'\";");
  });

  it('not in identifiers, comments, other strings, or glued to other name characters', () => {
    assertNothingHighlighted('source.ts', 'const accessControlAllowOrigin = req.headers.origin; let Origin = 1;');
    assertNothingHighlighted('source.ts', 'const x = Access-Control-Allow-Origin;');
    assertNothingHighlighted('source.ts', '// sets Access-Control-Allow-Origin for Origin');
    assertNothingHighlighted('source.ts', '/* Access-Control-Allow-Origin */ /** Access-Control-Allow-Origin */');
    assertNothingHighlighted('source.ts', '/*\n   Access-Control-Allow-Origin\n*/');
    const [directive] = tokenize('source.ts', '// cors-lint-disable-line null-origin -- Access-Control-Allow-Origin');
    assert.deepEqual(directive.at(-1), [' Access-Control-Allow-Origin', `comment.line.double-slash.ts ${COMMENT_BODY} meta.directive.cors-lint comment.reason.cors-lint`]);
    assertNothingHighlighted('source.ts', "res.setHeader('Content-Type', 'application/json'); const v = 'Vary';");
    assertNothingHighlighted('source.ts', "const a = 'X-Access-Control-Allow-Origin', b = 'Access-Control-Allow-Origin-Foo', c = 'Access-Control-Allow-Originx';");
    assertNothingHighlighted('source.ts', 'const r = /Access-Control-Allow-Origin/i;');
  });
});

describe('the injection only adds scopes', () => {
  it('the host tokenization (scopes of every character) is unchanged, for all four hosts', () => {
    const source = [
      '#!/usr/bin/env node',
      '// cors-lint-disable-next-line wildcard-with-credentials, reflected-origin -- legacy API',
      "res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // Access-Control-Allow-Origin",
      '/* cors-lint-disable null-origin */ const a = "Access-Control-Allow-Credentials", b = `origin`;',
      '//',
      '/**/ const c = 1; /***/ const d = 2;',
      '/**',
      ' * @param origin Access-Control-Allow-Origin cors-lint-disable x',
      ' */',
      '/*',
      ' cors-lint-disable a,',
      '   b -- multi-line',
      '*/ const e = `Access-Control-Max-Age: ${age}',
      'Access-Control-Expose-Headers`;',
      "const unterminated = 'Access-Control-Allow-Origin",
      'const f = "esc \\" Access-Control-Allow-Headers \\\\";',
      '/// <reference types="node" />',
    ].join('\n');
    for (const scopeName of Object.keys(HOSTS)) {
      const withInjection = scopesPerChar(scopeName, source, grammars[scopeName]);
      const without = scopesPerChar(scopeName, source, plain[scopeName]);
      assert.deepEqual(
        withInjection.map((line) => line.map((scopes) => scopes.filter((s) => !isOurs(s)))),
        without,
        scopeName,
      );
      assert.ok(withInjection.flat().some((scopes) => scopes.includes(HEADER)), scopeName);
    }
  });
});
