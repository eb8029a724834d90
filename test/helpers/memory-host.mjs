// An in-memory ProjectHost (server/src/core/host.ts) for core tests: files from a { path: text } map,
// relative and extension-less specifiers resolved the way Node and bundlers do for project files
// (`./x` → x.ts / x.js / x/index.ts…, `.js` written for a `.ts` source), `aliases` for tsconfig-style
// paths, `.env*` values from the map, and importersOf from the files' import specifiers.
import { analyzeFile, defaultConfig } from '../../dist/core.js';

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.js'];

function normalize(path) {
  const out = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function dirname(path) {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function memoryHost(files, { aliases = {}, index = true } = {}) {
  const reads = [];
  const resolveModule = (specifier, fromFile) => {
    let base;
    if (specifier.startsWith('.')) base = normalize(`${dirname(fromFile)}/${specifier}`);
    else {
      const alias = Object.keys(aliases).find((a) => specifier === a || specifier.startsWith(`${a}/`));
      if (!alias) return undefined;
      base = normalize(aliases[alias] + specifier.slice(alias.length));
    }
    const candidates = [base, base.replace(/\.(m|c)?js$/, '.ts')];
    for (const c of candidates) for (const ext of EXTENSIONS) if (Object.hasOwn(files, c + ext) && !(c + ext).endsWith('/')) return c + ext;
    return undefined;
  };
  const specifiersOf = (text) => [...text.matchAll(/(?:from\s*|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return {
    reads,
    resolveModule,
    readFile(file) {
      reads.push(file);
      return Object.hasOwn(files, file) ? files[file] : undefined;
    },
    importersOf(file) {
      if (!index) return undefined;
      return Object.keys(files).filter((f) => !f.includes('.env') && specifiersOf(files[f]).some((s) => resolveModule(s, f) === file));
    },
    envValues(name, _fromFile) {
      const out = [];
      for (const [file, text] of Object.entries(files)) {
        if (!/(^|\/)\.env(\.|$)/.test(file)) continue;
        for (const m of text.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/gm)) {
          if (m[1] === name) out.push({ value: m[2].trim().replace(/^(['"])(.*)\1$/, '$2'), file, offset: m.index + m[0].indexOf(m[2]) });
        }
      }
      return out;
    },
    packageVersion() {
      return undefined;
    },
  };
}

/** Analyses `file` of an in-memory project. */
export function analyzeProject(files, file, { config, ...hostOptions } = {}) {
  const host = memoryHost(files, hostOptions);
  return analyzeFile(files[file], file, { ...defaultConfig(), ...(config ?? {}) }, { host });
}

/** What a user sees of a finding: rule, line of the analysed file, message; related places with file:line. */
export function shown(result, files, file) {
  const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;
  return result.findings.map((f) => ({
    rule: f.ruleId,
    severity: f.severity,
    line: lineOf(files[file], f.start),
    text: files[file].slice(f.start, f.end),
    message: f.message,
    related: f.related.map((r) => `${r.file ?? file}:${lineOf(files[r.file ?? file], r.start)} ${files[r.file ?? file].slice(r.start, r.end).slice(0, 40)} — ${r.message}`),
  }));
}
