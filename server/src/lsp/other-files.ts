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
  // A document's line index is built on its first position lookup, a pass over the whole text: every
  // analysis (each keystroke) converts the same findings' related locations again, so the document
  // made for an unopened file is kept while the project's text of it stays the same.
  const closed = new Map<string, TextDocument>();
  return {
    get(filePath) {
      const open = openDocument(filePath);
      if (open) return { document: open, open: true };
      const text = readFile(filePath);
      if (text === undefined) return undefined;
      let document = closed.get(filePath);
      if (!document || document.getText() !== text) {
        if (closed.size >= MAX_CLOSED_DOCUMENTS) closed.clear();
        document = TextDocument.create(uriOf(filePath), 'javascript', 0, text);
        closed.set(filePath, document);
      }
      return { document, open: false };
    },
  };
}

/** Unopened files whose documents are kept (a finding's related locations point into a few). */
const MAX_CLOSED_DOCUMENTS = 64;
