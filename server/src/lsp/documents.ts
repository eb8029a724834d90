// Open documents, kept in sync incrementally. Written here rather than with `TextDocuments.listen` so
// that malformed notifications are tolerated (ignored and logged by the guard) instead of half-applied.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  DidSaveTextDocumentParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { isAnalyzableFile } from '../core';
import { fileNameOf } from './uri';

export interface DocumentListener {
  onOpen(document: TextDocument): void;
  onChange(document: TextDocument): void;
  onSave(document: TextDocument): void;
  onClose(document: TextDocument): void;
}

const LANGUAGE_EXTENSIONS: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

/**
 * The file name handed to the engine (its extension picks the TypeScript ScriptKind), or undefined
 * when the document is not JS/TS. The language id decides; clients such as eglot send `js`/`ts`, so
 * the file extension is the fallback. Untitled documents get the language's extension appended.
 */
export function analysisFileName(document: Pick<TextDocument, 'uri' | 'languageId'>): string | undefined {
  const fileName = fileNameOf(document.uri);
  if (isAnalyzableFile(fileName)) return fileName;
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.mts') || lower.endsWith('.d.cts')) return undefined;
  const extension = LANGUAGE_EXTENSIONS[document.languageId];
  return extension ? `${fileName}${extension}` : undefined;
}

export class DocumentStore {
  private readonly documents = new Map<string, TextDocument>();

  constructor(private readonly listener: DocumentListener) {}

  get(uri: string | undefined): TextDocument | undefined {
    return typeof uri === 'string' ? this.documents.get(uri) : undefined;
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }

  didOpen(params: DidOpenTextDocumentParams): void {
    const item = params.textDocument;
    if (typeof item?.uri !== 'string' || typeof item.text !== 'string') throw new Error('didOpen without uri or text');
    const version = typeof item.version === 'number' ? item.version : 0;
    const document = TextDocument.create(item.uri, String(item.languageId ?? ''), version, item.text);
    this.documents.set(item.uri, document);
    this.listener.onOpen(document);
  }

  didChange(params: DidChangeTextDocumentParams): void {
    const document = this.get(params.textDocument?.uri);
    const changes = params.contentChanges;
    if (!document || !Array.isArray(changes) || changes.length === 0) return;
    const version = params.textDocument.version;
    if (typeof version !== 'number') throw new Error(`didChange for ${document.uri} without a version`);
    if (!changes.every(isContentChange)) throw new Error(`didChange for ${document.uri} with a malformed change`);
    // TextDocument.update mutates in place: holders of `document` see the new text and version.
    TextDocument.update(document, changes, version);
    this.listener.onChange(document);
  }

  didSave(params: DidSaveTextDocumentParams): void {
    const document = this.get(params.textDocument?.uri);
    if (document) this.listener.onSave(document);
  }

  didClose(params: DidCloseTextDocumentParams): void {
    const document = this.get(params.textDocument?.uri);
    if (!document) return;
    this.documents.delete(document.uri);
    this.listener.onClose(document);
  }
}

function isContentChange(change: unknown): change is TextDocumentContentChangeEvent {
  if (typeof change !== 'object' || change === null) return false;
  const c = change as { text?: unknown; range?: { start?: unknown; end?: unknown } };
  if (typeof c.text !== 'string') return false;
  return c.range === undefined || (isPosition(c.range.start) && isPosition(c.range.end));
}

function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | undefined;
  return typeof p?.line === 'number' && typeof p.character === 'number';
}
