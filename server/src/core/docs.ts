import type { FindingId } from './types';

/** Where the rule pages live; the LSP's codeDescription.href and SARIF helpUri point here. */
export const DOCS_BASE_URL = 'https://github.com/cors-lint/cors-lint/blob/main/docs/rules/';

export function ruleDocsUrl(id: FindingId): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
