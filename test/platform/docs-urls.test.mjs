// Every documentation link the server and the CLI can emit leads somewhere: the rule pages, and the pages
// of the findings that are not rules (platform-syntax-error, unused-disable-directive), anchors included.
// The links are computed by ruleDocsUrl for each finding id; any other repository link written into the
// bundles the server and the CLI run (dist/server.js, dist/cli-main.js, dist/core.js) is checked too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engine } from '../lsp/helpers.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown) {
  return new Set(
    markdown
      .split('\n')
      .filter((line) => /^#{1,6}\s/.test(line))
      .map((line) => line.replace(/^#+\s+/, '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')),
  );
}

/** The repository file (and anchor) a documentation URL points to, or a failure saying why not. */
function assertResolves(url) {
  assert.ok(url.startsWith(engine.REPOSITORY_FILES_URL), `${url} is not a link into the repository`);
  const [path, anchor] = url.slice(engine.REPOSITORY_FILES_URL.length).split('#');
  const file = `${ROOT}${path}`;
  assert.ok(existsSync(file), `${url}: ${path} does not exist`);
  if (anchor !== undefined) assert.ok(anchorsOf(readFileSync(file, 'utf8')).has(anchor), `${url}: ${path} has no heading #${anchor}`);
}

test('every finding id has a documentation URL that resolves to a file of the repository (and its heading)', () => {
  const ids = [...engine.RULES.map((r) => r.meta.id), engine.UNUSED_DIRECTIVE_ID, engine.PLATFORM_SYNTAX_ERROR_ID];
  for (const id of ids) assertResolves(engine.ruleDocsUrl(id));
  assert.equal(engine.ruleDocsUrl('platform-syntax-error'), `${engine.REPOSITORY_FILES_URL}docs/platforms.md#syntax-errors`);
  assert.equal(engine.ruleDocsUrl('invalid-origin'), `${engine.REPOSITORY_FILES_URL}docs/rules/invalid-origin.md`);
});

test('the repository links written into the server and CLI bundles resolve', () => {
  for (const bundle of ['dist/server.js', 'dist/cli-main.js', 'dist/core.js']) {
    const text = readFileSync(`${ROOT}${bundle}`, 'utf8');
    const links = new Set(text.match(/https:\/\/github\.com\/cors-lint\/cors-lint\/blob\/main\/[\w./#-]+/g) ?? []);
    for (const link of links) {
      // The base the pages are built on (`…/docs/rules/` + id + `.md`) is covered by the test above.
      if (link.endsWith('/')) continue;
      assertResolves(link);
    }
  }
});
