// weak-origin-check's option `subdomains` (.corslintrc.json: "weak-origin-check": [severity, { "subdomains": … }]):
// the severity of a check that accepts any subdomain of the trusted domain, apart from the rule's own.
import { ruleTester } from './rule-tester.mjs';

const wrap = (cond) => `app.get('/x', (req, res) => {\n  const origin = req.headers.origin;\n  if (${cond}) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});`;
const subdomains = wrap("origin.endsWith('.example.com')");
const bothChecks = `${subdomains}\napp.get('/y', (req, res) => {\n  const origin = req.headers.origin;\n  if (origin.endsWith('a.com')) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Vary', 'Origin');\n});`;
const SUBDOMAINS = /^Origin check accepts any subdomain of example\.com, including ones that could be taken over \(e\.g\. https:\/\/evil\.example\.com\)/;
const at = { line: 3, column: 7, text: "origin.endsWith('.example.com')", message: SUBDOMAINS };
const weakAt = { line: 8, column: 7, text: "origin.endsWith('a.com')", message: /^Weak origin check: https:\/\/evila\.com passes \(suffix match\)/ };
const options = (rule, subdomainsSetting) => ({ rules: { 'weak-origin-check': rule }, ruleOptions: { 'weak-origin-check': { subdomains: subdomainsSetting } } });

ruleTester('weak-origin-check', {
  valid: [
    { name: 'subdomains: off reports no any-subdomain check', code: subdomains, config: options('warning', 'off') },
  ],
  invalid: [
    { name: 'no option: any subdomain is information', code: subdomains, errors: [{ ...at, severity: 'info' }] },
    { name: 'subdomains: info', code: subdomains, config: options('warning', 'info'), errors: [{ ...at, severity: 'info' }] },
    { name: 'subdomains: warning', code: subdomains, config: options('info', 'warning'), errors: [{ ...at, severity: 'warning' }] },
    { name: 'subdomains: error', code: subdomains, config: options('warning', 'error'), errors: [{ ...at, severity: 'error' }] },
    {
      name: 'the rule at error and subdomains at info: each finding keeps its own severity',
      code: bothChecks,
      config: options('error', 'info'),
      errors: [{ ...at, severity: 'info' }, { ...weakAt, severity: 'error' }],
    },
    {
      name: 'subdomains: off leaves the weak checks of the file reported',
      code: bothChecks,
      config: options('warning', 'off'),
      errors: [{ ...weakAt, severity: 'warning' }],
    },
    {
      name: 'without the option the rule severity applies to every finding (as before the option existed)',
      code: bothChecks,
      config: { rules: { 'weak-origin-check': 'error' } },
      errors: [{ ...at, severity: 'error' }, { ...weakAt, severity: 'error' }],
    },
  ],
});
