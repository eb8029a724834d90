import type { FindingId } from './types';
import { PLATFORM_SYNTAX_ERROR_ID, UNUSED_DIRECTIVE_ID } from './types';

/** The repository's files on the web; every documentation link the server and the CLI emit starts here. */
export const REPOSITORY_FILES_URL = 'https://github.com/cors-lint/cors-lint/blob/main/';

/** Where the rule pages live; the LSP's codeDescription.href and SARIF helpUri point here. */
export const DOCS_BASE_URL = `${REPOSITORY_FILES_URL}docs/rules/`;

/** Findings that are not rules are explained where their subject is (a test checks each file and anchor exists). */
const OTHER_PAGES: Partial<Record<FindingId, string>> = {
  [PLATFORM_SYNTAX_ERROR_ID]: 'docs/platforms.md#syntax-errors',
  [UNUSED_DIRECTIVE_ID]: 'README.md#suppressing-a-finding',
};

export function ruleDocsUrl(id: FindingId): string {
  const page = OTHER_PAGES[id];
  return page ? `${REPOSITORY_FILES_URL}${page}` : `${DOCS_BASE_URL}${id}.md`;
}
