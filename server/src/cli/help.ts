import { DEFAULT_MAX_FILE_SIZE } from './args';
import { formatSize } from '../project/text-file';
import { CLI_VERSION } from '../project/version';

export function helpText(): string {
  return `cors-lint ${CLI_VERSION} - find CORS mistakes in JavaScript/TypeScript server code

Usage: cors-lint [options] [paths...]

Paths are files or folders (default: the current folder). Folders are searched for
.js .jsx .ts .tsx .mjs .cjs .mts .cts files (not .d.ts, not *.min.js) and platform configuration
(vercel.json, now.json, netlify.toml, _headers, firebase.json, serverless.yml, SAM/CloudFormation
template.yaml and *.template.json/yaml), skipping node_modules,
.git, build output (dist, build, out, coverage, .next, .nuxt, .svelte-kit, .output, .vercel,
.turbo, .cache), paths listed in .gitignore files, and the "ignore" globs of .corslintrc.json.
Files named explicitly on the command line are always linted.

Options:
  -f, --format FORMAT     text (default), json, sarif, github (workflow annotations),
                          html (the audit report page) or markdown (a summary for CI)
  -o, --output FILE       write the report to FILE instead of standard output
      --fix               apply safe fixes and write the files; suggestions are never applied
      --max-warnings N    allow up to N warnings before failing (default 0; -1 = no limit)
      --rule ID:SEVERITY  set a rule to off, info, warning or error (repeatable)
  -c, --config FILE       use FILE instead of searching for .corslintrc.json
  -q, --quiet             report errors only; warnings and infos are hidden and do not fail the run
      --max-file-size SIZE  skip larger files (default ${formatSize(DEFAULT_MAX_FILE_SIZE)}; 0 = no limit), e.g. 500KB
  -j, --jobs N            worker threads for analysis (default: one per core above two cores, else 1)
      --no-color          no colours (also when NO_COLOR is set or output is not a terminal)
  -h, --help              show this help
  -v, --version           show the version

Configuration: the nearest .corslintrc.json, searched from the linted folder upward to the
filesystem root. Its "ignore" globs are relative to the folder that holds it.

Exit codes:
  0  no errors, and no more warnings than --max-warnings (infos never fail a run)
  1  errors, too many warnings, or a file that could not be read (a file that was not
     checked is not a clean result)
  2  usage or configuration error: unknown option, bad value, unknown rule id, invalid
     config file, a path that does not exist, an --output file that cannot be written
Files skipped on purpose (too large, binary) are reported on stderr and do not change
the exit code.

Environment: CORS_LINT_CACHE_DIR sets where V8's code cache for faster start-up is kept
(default ~/.cache/cors-lint; "off" turns it off). NO_COLOR turns colours off.
`;
}
