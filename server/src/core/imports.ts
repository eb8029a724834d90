// The module specifiers a file names, for the project's import index (project/module-index.ts). Here in
// the core because it needs TypeScript: the CLI reaches it through the engine bundle (project/engine.ts)
// so that its own bundle stays free of TypeScript.
import ts from 'typescript';

/** Static and dynamic imports, re-exports, require: TypeScript's preProcessFile, a token scan, no AST. */
export function scanImports(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return [...new Set(info.importedFiles.map((f) => f.fileName))];
}
