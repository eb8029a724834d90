// The version printed by --version and written into JSON and SARIF output. esbuild inlines only this
// field of package.json, so the bundle does not depend on a file layout at run time.
import { version } from '../../../package.json';

export const CLI_VERSION: string = version;
export const TOOL_NAME = 'cors-lint';
export const INFORMATION_URI = 'https://github.com/cors-lint/cors-lint';
