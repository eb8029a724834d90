// The fix oracle (fix-oracle.mjs) over every file in examples/: each offered fix is applied, the text
// re-parsed and re-analysed; safe fixes keep every policy, suggestions give what their title states.
// (The rule tester runs the same oracle on every rule test case.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkFixes } from './fix-oracle.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(m|c)?(j|t)sx?$/.test(name) ? [path] : [];
  });
}

for (const file of sources(join(ROOT, 'examples'))) {
  test(`fix oracle: ${relative(ROOT, file)}`, () => checkFixes(readFileSync(file, 'utf8'), file));
}
