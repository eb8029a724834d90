import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI, or undefined for other schemes and malformed URIs. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A name for messages and for the engine: the path for files, else the URI's path part (`Untitled-1`). */
export function fileNameOf(uri: string): string {
  const filePath = filePathOf(uri);
  if (filePath) return filePath;
  const colon = uri.indexOf(':');
  let rest = colon >= 0 ? uri.slice(colon + 1) : uri;
  rest = rest.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

export function fileUriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

