// Other files a finding points into: a related location or a fix edit where a value is written in
// another module (RelatedLocation.file, TextEdit.file). Positions come from that file's current text —
// the open document's when the editor has it (with its version, so a versioned edit is checked), else
// the project's copy of the disk.
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface OtherFile {
  document: TextDocument;
  /** Open in the editor: `document.version` is the client's; otherwise the text is the disk's. */
  open: boolean;
}

export interface OtherFiles {
  get(filePath: string): OtherFile | undefined;
}

export function createOtherFiles(
  openDocument: (filePath: string) => TextDocument | undefined,
  readFile: (filePath: string) => string | undefined,
  uriOf: (filePath: string) => string,
): OtherFiles {
  return {
    get(filePath) {
      const open = openDocument(filePath);
      if (open) return { document: open, open: true };
      const text = readFile(filePath);
      return text === undefined ? undefined : { document: TextDocument.create(uriOf(filePath), 'javascript', 0, text), open: false };
    },
  };
}
