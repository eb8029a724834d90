import * as path from 'node:path';

/** True when `child` is `parent` or below it. */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

export function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

/** '/'-separated path relative to `root` (output paths in json, sarif and github annotations). */
export function relativePath(root: string, file: string): string {
  return toSlashes(path.relative(root, file)) || '.';
}

/** What people read in a terminal: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  return isInside(cwd, file) ? relativePath(cwd, file) : file;
}
