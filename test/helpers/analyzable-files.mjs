// Every analysable file (code and platform configuration) under a folder, node_modules left out.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isAnalyzableFile } from '../../dist/core.js';

export function analyzableFilesUnder(dir) {
  const out = [];
  const walk = (folder) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (isAnalyzableFile(name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}
