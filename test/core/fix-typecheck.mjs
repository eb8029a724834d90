// Type-checks fixed TypeScript (issue 11 item 3): the text after a fix must have no diagnostic the text
// before did not have — an identifier out of scope (`req` in a decorator argument), a member the
// object does not offer (`request.headers.origin` on a Fetch `Headers`), a syntax error.
//
// One in-process program checks many texts at once (each its own virtual file, so the lib files are
// parsed and bound once): `newDiagnostics([{ fileName, before, after }…])`. Node's modules are typed
// by the project's @types/node, the Fetch API by lib.dom and Hono by its own package (a dev dependency:
// one package, no dependencies, ~4 MB). Other frameworks' types are not installed, so an import of
// `express` is unresolved on both sides: what an unresolved import or global hides before the fix, it
// hides after it too (a second "Cannot find name 'app'" is not new).
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { analyzeFile, applyEdits, defaultConfig, fixAll } from '../../dist/core.js';

const OPTIONS = {
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // The Fetch API (Request, Response, Headers) the examples' handlers use, and Node's modules
  // (`node:http`: a request's headers are a plain object) from the project's @types/node.
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  typeRoots: [fileURLToPath(new URL('../../node_modules/@types', import.meta.url))],
  strict: false,
  experimentalDecorators: true,
  skipLibCheck: true,
  allowJs: false,
};

/**
 * The texts live in a folder of the project that does not exist, so imports resolve from the project's
 * node_modules: `node:http` gets @types/node's IncomingMessage (`req.headers.get` is an error there).
 */
const VIRTUAL = fileURLToPath(new URL('../../.fix-typecheck', import.meta.url)).replace(/\\/g, '/');

/** Lib files parsed once for every program of the test run. */
const libCache = new Map();

/** An import of Node's HTTP modules (`node:http`, `https`…), whose request types the fixes must respect. */
const NODE_IMPORT = /(from\s*|require\(\s*|import\(\s*)['"](node:[\w/]+|https?|http2)['"]/;

function compilerHost(files, options) {
  const host = ts.createCompilerHost(options, false); // lib files need no parent pointers: parsed faster
  const getSourceFile = host.getSourceFile.bind(host);
  return {
    ...host,
    fileExists: (name) => files.has(name) || host.fileExists(name),
    directoryExists: (name) => name.startsWith(VIRTUAL) || host.directoryExists?.(name) !== false,
    readFile: (name) => files.get(name) ?? host.readFile(name),
    getSourceFile(name, languageVersion) {
      if (files.has(name)) return ts.createSourceFile(name, files.get(name), languageVersion, true);
      if (!libCache.has(name)) libCache.set(name, getSourceFile(name, languageVersion));
      return libCache.get(name);
    },
    writeFile() {},
  };
}

/** A diagnostic without its position, which an edit shifts. */
function key(diagnostic) {
  return `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
}

/** Names the program cannot resolve (`Cannot find name 'app'`, "… Did you mean …?"). */
const UNRESOLVED = new Set([2304, 2552, 2580, 2582, 2591, 2592, 2593]);
const unresolvedName = (text) => /^TS\d+: Cannot find name '([^']+)'/.exec(text)?.[1];

/**
 * For each `{ fileName, before, after }`: the diagnostics of `after` that `before` does not have
 * (compared as a multiset of code and message). A name `before` could not resolve either (a global the
 * snippet never declares) is not new however often the fix repeats it.
 */
export function newDiagnostics(cases) {
  const files = new Map();
  cases.forEach((c, i) => {
    const ext = /\.(tsx|mts|cts|ts)$/i.exec(c.fileName)?.[0] ?? '.ts';
    // A folder per text and side keeps each file's module scope its own.
    files.set(`${VIRTUAL}/${i}/before/file${ext}`, asModule(c.before));
    files.set(`${VIRTUAL}/${i}/after/file${ext}`, asModule(c.after));
  });
  // @types/node is large: it is loaded only for texts that use Node's modules.
  const node = cases.some((c) => NODE_IMPORT.test(c.before) || NODE_IMPORT.test(c.after));
  const options = node ? { ...OPTIONS, types: ['node'] } : OPTIONS;
  const program = ts.createProgram([...files.keys()], options, compilerHost(files, options));
  const diagnosticsOf = (name) => {
    const sf = program.getSourceFile(name);
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map(key);
  };
  const names = [...files.keys()];
  return cases.map((_, i) => {
    const before = diagnosticsOf(names[2 * i]);
    const after = diagnosticsOf(names[2 * i + 1]);
    const unresolvedBefore = new Set(before.map(unresolvedName).filter(Boolean));
    const remaining = [...before];
    const added = [];
    for (const d of after) {
      const at = remaining.indexOf(d);
      if (at >= 0) remaining.splice(at, 1);
      else if (!(UNRESOLVED.has(Number(/^TS(\d+)/.exec(d)[1])) && unresolvedBefore.has(unresolvedName(d)))) added.push(d);
    }
    return added;
  });
}

/** A non-module script has one global scope shared by every file: make each a module of its own. */
function asModule(text) {
  return /^\s*(import|export)\b/m.test(text) ? text : `${text}\nexport {};\n`;
}

/** Every fixed text of a file: fix-all's (the safe fixes to the fixed point), then each suggestion's. */
export function fixedVariants(code, fileName, config = defaultConfig()) {
  const variants = [];
  const all = fixAll(code, fileName, config);
  if (all.text !== code) variants.push({ title: 'fix-all (safe fixes)', after: all.text });
  for (const finding of analyzeFile(code, fileName, config).findings) {
    for (const fix of finding.fixes) {
      if (fix.kind !== 'suggestion' || fix.edits.some((e) => e.file !== undefined)) continue;
      variants.push({ title: `${finding.ruleId}: ${fix.title}`, after: applyEdits(code, fix.edits) });
    }
  }
  return variants;
}
