// argv -> CliOptions. Pure: no I/O. Every mistake comes back as one line that names the option and
// says what would be accepted, because that line is all a CI log will show. Tokenising is node:util's
// parseArgs (long and short names, `--name=value`, `--`, short groups); it runs non-strict so that the
// checks and their messages stay ours: a value that looks like an option is a missing value, and a
// negative number is a value (`--max-warnings -1`).
import { parseArgs as tokenize } from 'node:util';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'html', 'markdown'] as const;
export type FormatName = (typeof FORMATS)[number];

/** 2 MiB: well above hand-written server code, well below bundles and generated blobs. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export interface CliOptions {
  /** As given on the command line; empty means the current directory. */
  paths: string[];
  format: FormatName;
  output?: string;
  fix: boolean;
  /** Warnings allowed before the exit code becomes 1; -1 = any number. */
  maxWarnings: number;
  /** `id:severity` overrides in command-line order. */
  rules: string[];
  config?: string;
  quiet: boolean;
  noColor: boolean;
  /** Bytes; files above are skipped with a notice. 0 = no limit. */
  maxFileSize: number;
  /** Worker threads for analysis; 0 = one per core. */
  jobs: number;
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

interface OptionSpec {
  name: string;
  alias?: string;
  /** Value placeholder shown in errors; absent for boolean flags. */
  value?: string;
  apply(options: CliOptions, value: string): string | undefined;
}

const SPECS: OptionSpec[] = [
  {
    name: '--format',
    alias: '-f',
    value: FORMATS.join('|'),
    apply(options, value) {
      if (!(FORMATS as readonly string[]).includes(value)) {
        return `unknown format "${value}" for --format (available: ${FORMATS.join(', ')})`;
      }
      options.format = value as FormatName;
      return undefined;
    },
  },
  {
    name: '--output',
    alias: '-o',
    value: 'FILE',
    apply(options, value) {
      if (value === '') return '--output needs a file name';
      options.output = value;
      return undefined;
    },
  },
  {
    name: '--config',
    alias: '-c',
    value: 'FILE',
    apply(options, value) {
      if (value === '') return '--config needs a file name';
      options.config = value;
      return undefined;
    },
  },
  {
    name: '--rule',
    value: 'ID:SEVERITY',
    apply(options, value) {
      // `--rule a:off,b:error` is accepted as a shorthand for two --rule options.
      const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
      if (parts.length === 0) return '--rule needs a value such as null-origin:off';
      options.rules.push(...parts);
      return undefined;
    },
  },
  {
    name: '--max-warnings',
    value: 'N',
    apply(options, value) {
      if (!/^(?:-1|\d+)$/.test(value.trim())) {
        return `--max-warnings expects a whole number of warnings (0 or more, or -1 for no limit), got "${value}"`;
      }
      options.maxWarnings = Number(value);
      return undefined;
    },
  },
  {
    name: '--max-file-size',
    value: 'SIZE',
    apply(options, value) {
      const bytes = parseSize(value);
      if (bytes === undefined) {
        return `--max-file-size expects a size such as 2MB, 500KB or 1048576 (0 = no limit), got "${value}"`;
      }
      options.maxFileSize = bytes;
      return undefined;
    },
  },
  {
    name: '--jobs',
    alias: '-j',
    value: 'N',
    apply(options, value) {
      if (!/^\d+$/.test(value.trim()) || Number(value) > 256) return `--jobs expects a number of worker threads from 1 to 256 (0 = one per core), got "${value}"`;
      options.jobs = Number(value);
      return undefined;
    },
  },
  { name: '--fix', apply: (o) => void (o.fix = true) },
  { name: '--quiet', alias: '-q', apply: (o) => void (o.quiet = true) },
  { name: '--no-color', apply: (o) => void (o.noColor = true) },
  { name: '--help', alias: '-h', apply: (o) => void (o.help = true) },
  { name: '--version', alias: '-v', apply: (o) => void (o.version = true) },
];

export function defaultOptions(): CliOptions {
  return {
    paths: [],
    format: 'text',
    fix: false,
    maxWarnings: 0,
    rules: [],
    quiet: false,
    noColor: false,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    jobs: 0,
    help: false,
    version: false,
  };
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options = defaultOptions();
  const { tokens } = tokenize({
    args: [...argv],
    options: Object.fromEntries(
      SPECS.map((spec) => [
        spec.name.slice(2),
        { type: spec.value === undefined ? ('boolean' as const) : ('string' as const), multiple: true, ...(spec.alias ? { short: spec.alias.slice(1) } : {}) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      options.paths.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = SPECS.find((s) => s.name === `--${token.name}`);
    // A short group such as `-qx` is tokenised letter by letter; an unknown letter names itself.
    if (!spec || (token.rawName.startsWith('--') ? token.rawName !== spec.name : token.rawName !== spec.alias)) {
      return { ok: false, error: unknownOption(token.rawName) };
    }
    let value = '';
    if (spec.value !== undefined) {
      // parseArgs takes the next argument whatever it looks like; `--format --fix` is a missing value.
      if (token.value === undefined || (!token.inlineValue && isOptionLike(token.value))) {
        return { ok: false, error: `${spec.name} needs a value (${spec.value})` };
      }
      value = token.value;
    } else if (token.inlineValue) {
      return { ok: false, error: `${spec.name} does not take a value (got "${spec.name}=${token.value}")` };
    }
    const error = spec.apply(options, value);
    if (error !== undefined) return { ok: false, error };
  }
  return { ok: true, options };
}

/** `--max-warnings -1` must still be read as a value, so negative numbers are not options. */
function isOptionLike(arg: string): boolean {
  return arg.startsWith('-') && arg !== '-' && !/^-\d+$/.test(arg);
}

function unknownOption(name: string): string {
  const names = SPECS.map((s) => s.name);
  const close = names
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter((c) => c.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0];
  const hint = close ? `; did you mean ${close.candidate}?` : '';
  return `unknown option "${name}"${hint} (run cors-lint --help for the list of options)`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** '2MB' -> 2097152. Units are binary (KB = 1024 bytes), as file managers and `ls -h` show them. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[match[2].toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(match[1]) * unit);
}
