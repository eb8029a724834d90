// What each --format prints, checked against the same run's JSON where the engine's wording is
// concerned (the CLI must not change messages), and against the spec of each format elsewhere.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SNIPPETS, dump, handlers, loadCore, makeProject, runCli, runJson } from './helpers.mjs';

const ESC = '\x1b[';

function twoFileProject(t) {
  return makeProject(t, { 'src/a.js': SNIPPETS.trailingSlash, 'src/b.js': SNIPPETS.nullOrigin, 'src/clean.js': SNIPPETS.clean });
}

function messageOf(json, file, ruleId) {
  const finding = json.files.find((f) => f.path === file)?.findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${file} has a ${ruleId} finding: ${JSON.stringify(json.files)}`);
  return finding;
}

test('text: findings grouped by file as `path:line:col  severity  message  rule-id`, then the summary', (t) => {
  const dir = twoFileProject(t);
  const { json } = runJson([], { cwd: dir });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  const slash = messageOf(json, 'src/a.js', 'invalid-origin');
  const nul = messageOf(json, 'src/b.js', 'null-origin');
  const lines = result.stdout.split('\n').filter((l) => !/^\s+related: /.test(l));
  assert.deepEqual(lines, [
    'src/a.js',
    `  src/a.js:1:46  error  ${slash.message}  invalid-origin`,
    '',
    'src/b.js',
    `  src/b.js:1:46  warning  ${nul.message}  null-origin`,
    '',
    '2 problems (1 error, 1 warning, 0 infos)',
    '1 problem can be fixed automatically with --fix.',
    'Checked 3 files.',
    '',
  ]);
  assert.ok(!result.stdout.includes(ESC), 'no colour when stdout is not a terminal');
});

test('text: related locations are printed under their finding', (t) => {
  const dir = twoFileProject(t);
  const { json } = runJson([], { cwd: dir });
  const result = runCli([], { cwd: dir });
  const expected = json.files.flatMap((f) => f.findings.flatMap((x) => x.related.map((r) => `related: ${f.path}:${r.line}:${r.column} ${r.message}`)));
  const printed = result.stdout.split('\n').filter((l) => /^\s+related: /.test(l)).map((l) => l.trim());
  assert.deepEqual(printed, expected);
});

test('text: severities line up within a file; singular and plural are right', (t) => {
  const dir = makeProject(t, { 'app.js': handlers(SNIPPETS.nullOrigin, SNIPPETS.trailingSlash, SNIPPETS.wildcard) });
  const result = runCli([], { cwd: dir });
  const rows = result.stdout.split('\n').filter((l) => l.startsWith('  app.js:'));
  assert.deepEqual(rows.map((r) => r.slice(0, 22)), ['  app.js:2:46  warning', '  app.js:5:46  error  ', '  app.js:8:46  info   ']);
  assert.match(result.stdout, /^3 problems \(1 error, 1 warning, 1 info\)$/m);
});

test('text: no problems still prints the summary', (t) => {
  const dir = makeProject(t, { 'app.js': SNIPPETS.clean });
  const result = runCli([], { cwd: dir });
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 infos)\nChecked 1 file.\n');
});

test('text: colour with FORCE_COLOR; never with --no-color or NO_COLOR', (t) => {
  const dir = twoFileProject(t);
  const forced = runCli([], { cwd: dir, env: { FORCE_COLOR: '1' } });
  assert.ok(forced.stdout.includes(`${ESC}31merror${ESC}39m`), forced.stdout);
  assert.ok(forced.stdout.includes(`${ESC}33mwarning${ESC}39m`));
  assert.equal(forced.stdout.replace(/\x1b\[\d+m/g, ''), runCli([], { cwd: dir }).stdout, 'colour changes nothing else');
  assert.ok(!runCli(['--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
  assert.ok(!runCli([], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes(ESC));
  assert.ok(!runCli([], { cwd: dir, env: { FORCE_COLOR: '0' } }).stdout.includes(ESC));
});

test('json: files relative to the scan root with positions, related, fixes, policies and a summary', (t) => {
  const dir = twoFileProject(t);
  const { json, code, stderr } = runJson([], { cwd: dir });
  assert.equal(code, 1);
  assert.equal(stderr, '');
  assert.equal(json.version, runCli(['--version'], { cwd: dir }).stdout.trim());
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.root, dir);
  assert.deepEqual(json.files.map((f) => f.path), ['src/a.js', 'src/b.js', 'src/clean.js']);
  const slash = messageOf(json, 'src/a.js', 'invalid-origin');
  assert.deepEqual(
    { ruleId: slash.ruleId, severity: slash.severity, line: slash.line, column: slash.column, endLine: slash.endLine, endColumn: slash.endColumn },
    { ruleId: 'invalid-origin', severity: 'error', line: 1, column: 46, endLine: 1, endColumn: 62 },
  );
  assert.equal(typeof slash.message, 'string');
  assert.ok(Array.isArray(slash.related));
  const safe = slash.fixes.find((f) => f.kind === 'safe');
  assert.ok(safe, 'invalid-origin offers a safe fix');
  assert.equal(typeof safe.title, 'string');
  assert.equal(applyJsonEdits(SNIPPETS.trailingSlash, safe.edits), SNIPPETS.trailingSlashFixed);
  for (const edit of safe.edits) for (const key of ['line', 'column', 'endLine', 'endColumn', 'start', 'end', 'newText']) assert.ok(key in edit, key);
  const nul = messageOf(json, 'src/b.js', 'null-origin');
  assert.deepEqual([nul.severity, nul.line, nul.column, nul.endLine, nul.endColumn], ['warning', 1, 46, 1, 52]);
  for (const file of json.files) {
    assert.ok(Array.isArray(file.policies));
    assert.equal(file.fixesApplied, 0);
  }
  assert.deepEqual(json.notices, []);
  assert.deepEqual(json.summary, {
    filesChecked: 3,
    errors: 1,
    warnings: 1,
    infos: 0,
    fixable: 1,
    fixesApplied: 0,
    filesFixed: 0,
    unreadableFiles: 0,
    skippedFiles: 0,
  });
});

function applyJsonEdits(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Applies SARIF replacements (1-based line/column regions, UTF-16 columns) to a text. */
function applySarifReplacements(text, replacements) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (line, column) => lineStarts[line - 1] + column - 1;
  const edits = replacements.map((r) => ({
    start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn),
    end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn),
    newText: r.insertedContent?.text ?? '',
  }));
  return applyJsonEdits(text, edits);
}

test('sarif: 2.1.0 log with every rule, CWE tags, results with relative uris, regions, related locations and fixes', (t) => {
  const dir = makeProject(t, {
    'src/api/a.js': SNIPPETS.trailingSlash,
    'src/api/b.js': SNIPPETS.nullOrigin,
    'src/api/m.js': SNIPPETS.multipleOrigins,
    'my dir/w.js': SNIPPETS.wildcard,
  });
  const result = runCli(['--format', 'sarif'], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  const log = JSON.parse(result.stdout);
  const { json } = runJson([], { cwd: dir });
  const { RULES, ruleDocsUrl } = loadCore();

  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  const driver = run.tool.driver;
  assert.equal(driver.name, 'cors-lint');
  assert.equal(driver.version, json.version);
  assert.match(driver.informationUri, /^https:\/\//);
  assert.deepEqual(driver.rules.map((r) => r.id), [...RULES.map((r) => r.meta.id), 'unused-disable-directive']);
  const levels = { error: 'error', warning: 'warning', info: 'note' };
  for (const rule of RULES) {
    const descriptor = driver.rules.find((r) => r.id === rule.meta.id);
    assert.equal(descriptor.shortDescription.text, rule.meta.description);
    assert.equal(descriptor.fullDescription.text, rule.meta.description);
    assert.equal(descriptor.helpUri, ruleDocsUrl(rule.meta.id));
    assert.equal(descriptor.defaultConfiguration.level, levels[rule.meta.defaultSeverity]);
    assert.ok(descriptor.properties.tags.includes('security'));
    for (const cwe of rule.meta.cwe) assert.ok(descriptor.properties.tags.includes(`external/cwe/${cwe.toLowerCase()}`), `${rule.meta.id} tags ${cwe}`);
  }
  assert.ok(driver.rules.find((r) => r.id === 'multiple-origins').properties.tags.includes('external/cwe/cwe-942'));

  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(dir).href}/`);
  assert.equal(run.columnKind, 'utf16CodeUnits');

  // One result per finding of the JSON report, in the same order.
  const findings = json.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
  assert.equal(run.results.length, findings.length);
  run.results.forEach((r, i) => {
    const f = findings[i];
    assert.equal(r.ruleId, f.ruleId);
    assert.equal(driver.rules[r.ruleIndex].id, f.ruleId);
    assert.equal(r.level, levels[f.severity]);
    assert.equal(r.message.text, f.message);
    const location = r.locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.equal(decodeURIComponent(location.artifactLocation.uri), f.path);
    assert.deepEqual(location.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    assert.deepEqual(
      (r.relatedLocations ?? []).map((l) => [l.message.text, l.physicalLocation.region.startLine, l.physicalLocation.region.startColumn]),
      f.related.map((x) => [x.message, x.line, x.column]),
    );
    (r.relatedLocations ?? []).forEach((l) => assert.equal(typeof l.id, 'number'));
    assert.equal((r.fixes ?? []).length, f.fixes.length);
  });

  const slash = run.results.find((r) => r.ruleId === 'invalid-origin');
  assert.equal(slash.locations[0].physicalLocation.artifactLocation.uri, 'src/api/a.js');
  assert.deepEqual(slash.locations[0].physicalLocation.region, { startLine: 1, startColumn: 46, endLine: 1, endColumn: 62 });
  const safeIndex = findings.find((f) => f.ruleId === 'invalid-origin').fixes.findIndex((f) => f.kind === 'safe');
  const fix = slash.fixes[safeIndex];
  assert.equal(typeof fix.description.text, 'string');
  assert.equal(fix.artifactChanges[0].artifactLocation.uri, 'src/api/a.js');
  assert.equal(applySarifReplacements(SNIPPETS.trailingSlash, fix.artifactChanges[0].replacements), SNIPPETS.trailingSlashFixed);

  assert.equal(run.results.find((r) => r.ruleId === 'null-origin').level, 'warning');
  assert.equal(run.results.find((r) => r.ruleId === 'multiple-origins').level, 'error');
  const wildcard = run.results.find((r) => r.ruleId === 'permissive-wildcard');
  assert.equal(wildcard.level, 'note');
  assert.equal(wildcard.locations[0].physicalLocation.artifactLocation.uri, 'my%20dir/w.js');
});

test('sarif: notices (skipped, unreadable files) become tool execution notifications', (t) => {
  const dir = makeProject(t, { 'blob.js': Buffer.from([0x61, 0, 0x62]) });
  const log = JSON.parse(runCli(['--format', 'sarif'], { cwd: dir }).stdout);
  assert.deepEqual(log.runs[0].invocations[0].toolExecutionNotifications, [
    {
      level: 'note',
      message: { text: 'skipped: a binary file (it contains NUL bytes)' },
      descriptor: { id: 'binary' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'blob.js', uriBaseId: '%SRCROOT%' } } }],
    },
  ]);
  assert.deepEqual(log.runs[0].results, []);
});

function escapeData(s) {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

test('github: one workflow command per finding, error/warning/notice, escaped', (t) => {
  const dir = makeProject(t, {
    'src/a.js': SNIPPETS.trailingSlash,
    'src/b.js': SNIPPETS.nullOrigin,
    'src/w,ei:rd%.js': SNIPPETS.wildcard,
  });
  const { json } = runJson([], { cwd: dir });
  const result = runCli(['--format', 'github'], { cwd: dir });
  assert.equal(result.code, 1, dump(result));
  const slash = messageOf(json, 'src/a.js', 'invalid-origin');
  const nul = messageOf(json, 'src/b.js', 'null-origin');
  const wild = messageOf(json, 'src/w,ei:rd%.js', 'permissive-wildcard');
  assert.equal(
    result.stdout,
    [
      `::error file=src/a.js,line=1,col=46,endLine=1,endColumn=62,title=cors-lint invalid-origin::${escapeData(slash.message)}`,
      `::warning file=src/b.js,line=1,col=46,endLine=1,endColumn=52,title=cors-lint null-origin::${escapeData(nul.message)}`,
      `::notice file=src/w%2Cei%3Ard%25.js,line=1,col=46,endLine=1,endColumn=49,title=cors-lint permissive-wildcard::${escapeData(wild.message)}`,
      '',
    ].join('\n'),
  );
});

test('--output writes the report to a file and nothing to stdout; no colour in files', (t) => {
  const dir = twoFileProject(t);
  const plain = runCli(['--no-color'], { cwd: dir }).stdout;
  const result = runCli(['--output', 'report.txt'], { cwd: dir, env: { FORCE_COLOR: '1' } });
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.equal(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), plain);
  const sarif = runCli(['-f', 'sarif', '-o', path.join(dir, 'out.sarif')], { cwd: dir });
  assert.equal(sarif.stdout, '');
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'out.sarif'), 'utf8')).version, '2.1.0');
});
