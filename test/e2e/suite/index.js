// Entry point of the in-host E2E suite: the `run()` contract of @vscode/test-electron, which
// code-server's extensionTestsPath payload uses too (test/e2e/run.mjs). Runs every *.test.js here with
// mocha inside the extension host and resolves only when all of them pass.
//
// It prints `E2E_START` first, and last `E2E_SUMMARY {"passed":n,"failed":n,"pending":n}` for test/e2e/run.mjs.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.CORS_LINT_E2E_TIMEOUT) || 60000,
    // A flaky UI/extension-host hiccup is a failure to look at, not something to hide with retries.
    retries: 0,
  });
  const grep = process.env.CORS_LINT_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      console.log('E2E_START');
      const runner = mocha.run((failures) => {
        const stats = runner.stats || {};
        const summary = { passed: stats.passes || 0, failed: stats.failures || 0, pending: stats.pending || 0 };
        console.log(`E2E_SUMMARY ${JSON.stringify(summary)}`);
        if (failures > 0) reject(new Error(`${failures} E2E test(s) failed`));
        else resolve();
      });
    } catch (error) {
      console.error(error);
      reject(error);
    }
  });
}

module.exports = { run };
