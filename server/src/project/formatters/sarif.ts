// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, VS Code's SARIF viewer).
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// Locations are relative to %SRCROOT% (the scan root) with forward slashes, which is what GitHub's
// upload-sarif needs to place alerts on files. Columns are UTF-16 code units (§3.14.24 columnKind),
// end columns exclusive (§3.30.5), so an insertion is an empty region.
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../../core/docs';
import { UNUSED_DIRECTIVE_ID } from '../../core/types';
import type { FindingId, Severity } from '../../core';
import { locationPath } from '../report';
import type { Formatter, Location, Notice } from '../report';
import { engine } from '../engine';
import { INFORMATION_URI, TOOL_NAME } from '../version';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface RuleDescriptor {
  id: FindingId;
  description: string;
  defaultSeverity: Severity;
  tags: string[];
}

/** Every rule, sorted like the registry, then the directive check (results may point at it too). */
export function ruleDescriptors(): RuleDescriptor[] {
  // The rules' metadata is the engine's: SARIF is the one format that needs it on a run with no CORS code.
  const rules: RuleDescriptor[] = engine().RULES.map((rule) => ({
    id: rule.meta.id,
    description: rule.meta.description,
    defaultSeverity: rule.meta.defaultSeverity,
    // GitHub groups results tagged 'security' as security alerts and links external/cwe/* tags to CWE.
    tags: ['security', 'cors', ...rule.meta.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`)],
  }));
  rules.push({
    id: UNUSED_DIRECTIVE_ID,
    description: 'A cors-lint-disable comment that suppresses nothing, or names an unknown rule.',
    defaultSeverity: 'warning',
    tags: ['maintainability'],
  });
  return rules;
}

export const formatSarif: Formatter = (report) => {
  const descriptors = ruleDescriptors();
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id as string, i]));
  const artifact = (path: string) => ({ uri: encodeUri(path), uriBaseId: SRCROOT });

  const results = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: LEVELS[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(file.path), region: region(f) } }],
      ...(f.related.length > 0
        ? {
            relatedLocations: f.related.map((r, i) => ({
              id: i + 1,
              physicalLocation: { artifactLocation: artifact(locationPath(r, file.path, report.root)), region: region(r) },
              message: { text: r.message },
            })),
          }
        : {}),
      ...(f.fixes.length > 0
        ? {
            fixes: f.fixes.map((fix) => ({
              description: { text: fix.title },
              // One artifactChange per file the fix edits (a value may be fixed where it is written).
              artifactChanges: [...new Set(fix.edits.map((e) => locationPath(e, file.path, report.root)))].map((changed) => ({
                artifactLocation: artifact(changed),
                replacements: fix.edits
                  .filter((e) => locationPath(e, file.path, report.root) === changed)
                  .map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })),
              })),
              properties: { kind: fix.kind },
            })),
          }
        : {}),
    })),
  );

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: INFORMATION_URI,
            rules: descriptors.map((d) => ({
              id: d.id,
              name: camelCase(d.id),
              shortDescription: { text: d.description },
              fullDescription: { text: d.description },
              helpUri: ruleDocsUrl(d.id),
              help: { text: `${d.description} Documentation: ${ruleDocsUrl(d.id)}`, markdown: `${d.description} [Documentation](${ruleDocsUrl(d.id)})` },
              defaultConfiguration: { level: LEVELS[d.defaultSeverity] },
              properties: { tags: d.tags },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(report.notices.length > 0 ? { toolExecutionNotifications: report.notices.map((n) => notification(n, artifact)) } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function region(l: Location) {
  return {
    startLine: l.line,
    startColumn: l.column,
    endLine: l.endLine,
    endColumn: l.endColumn,
  };
}

function notification(n: Notice, artifact: (path: string) => { uri: string; uriBaseId: string }) {
  return {
    level: n.level === 'info' ? 'note' : n.level,
    message: { text: n.message },
    descriptor: { id: n.kind },
    ...(n.ruleId !== undefined ? { associatedRule: { id: n.ruleId } } : {}),
    ...(n.path !== undefined
      ? { locations: [{ physicalLocation: { artifactLocation: artifact(n.path), ...(n.line !== undefined ? { region: { startLine: n.line } } : {}) } }] }
      : {}),
  };
}

/** A relative URI reference: each segment percent-encoded, '/' kept. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** SARIF requires the base URI of a folder to end with '/'. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function camelCase(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
