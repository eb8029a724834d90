// --format markdown: a Markdown summary (totals, findings by rule, the policy inventory) for CI.
import { renderMarkdown } from '../../report';
import type { Formatter } from '../../project/report';
import { auditOf } from './html';

export const formatMarkdown: Formatter = (report) => renderMarkdown(auditOf(report));
