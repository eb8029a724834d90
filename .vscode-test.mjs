// @vscode/test-cli configuration: `npx vscode-test` downloads VS Code (desktop, via @vscode/test-electron)
// and runs the in-host E2E suite test/e2e/suite/*.test.js against the fixture workspace. Where VS Code
// cannot be downloaded, `npm run test:e2e` runs the same suite in code-server (test/e2e/run.mjs).
// Build first: `node esbuild.mjs` (the extension's main is dist/client.js).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'e2e',
  files: 'test/e2e/suite/*.test.js',
  extensionDevelopmentPath: '.',
  workspaceFolder: './test/e2e/workspace',
  version: process.env.VSCODE_TEST_VERSION || 'stable',
  // Keep the run hermetic: no other extensions, no first-run UI.
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: {
    ui: 'bdd',
    timeout: 60000,
    color: false,
  },
});
