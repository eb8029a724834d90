// micro-cors, read from possibilities/micro-cors src/index.js at v0.1.1 (the latest release; HEAD 3ed1e01
// adds only an early return for finished responses):
//   `const { origin = '*', allowCredentials = true, … } = options`, then
//   `res.setHeader('Access-Control-Allow-Origin', origin)` and, when allowCredentials,
//   `res.setHeader('Access-Control-Allow-Credentials', 'true')`.
// The origin is sent as is (no matching, one origin), '*' by default, and credentials are on unless
// `allowCredentials` is falsy: `microCors()` sends '*' with credentials, which browsers reject.
import { ruleTester } from './rule-tester.mjs';

const head = "const microCors = require('micro-cors');\n\n";
const tail = '\nmodule.exports = cors(handler);';

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'one trusted origin with the default credentials', filename: 'api/index.js', code: `${head}const cors = microCors({ origin: 'https://app.example.com' });${tail}` },
    { name: 'credentials switched off', filename: 'api/index.js', code: `${head}const cors = microCors({ allowCredentials: false });${tail}` },
    { name: 'a microCors of another module is not micro-cors', filename: 'api/index.js', code: "const microCors = require('./my-cors');\nconst cors = microCors();\nmodule.exports = cors(handler);" },
  ],
  invalid: [
    {
      name: "microCors() sends '*' with credentials (both defaults)",
      filename: 'api/index.js',
      code: `${head}const cors = microCors({ allowMethods: ['GET', 'POST'] });${tail}`,
      errors: [{
        line: 3, column: 14, endLine: 3, endColumn: 58, text: "microCors({ allowMethods: ['GET', 'POST'] })", severity: 'error',
        message: "micro-cors allows any origin (micro-cors with no origin option sends '*') together with credentials: true (its default); it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. Name the one trusted origin instead.",
        suggestions: [
          { title: /^Allow only one origin \(inserts the placeholder https:\/\/app\.example\.com: replace it\)$/, output: `${head}const cors = microCors({ origin: 'https://app.example.com' /* placeholder: replace with the origin you trust */, allowMethods: ['GET', 'POST'] });${tail}` },
          { title: /^Turn credentials off \(micro-cors sends them by default\)$/, output: `${head}const cors = microCors({ allowCredentials: false, allowMethods: ['GET', 'POST'] });${tail}` },
        ],
      }],
    },
    {
      name: 'no options at all, ES import; the fix takes the configured origin',
      code: "import microCors from 'micro-cors';\n\nexport default microCors()(handler);",
      config: { allowedOrigins: ['https://shop.example.com', 'https://admin.example.com'] },
      errors: [{
        line: 3, column: 16, text: 'microCors()', severity: 'error',
        suggestions: [
          { title: /^Allow only https:\/\/shop\.example\.com$/, output: "import microCors from 'micro-cors';\n\nexport default microCors({ origin: 'https://shop.example.com' })(handler);" },
          { output: "import microCors from 'micro-cors';\n\nexport default microCors({ allowCredentials: false })(handler);" },
        ],
      }],
    },
    {
      name: "explicit '*' with allowCredentials: true: credentials are turned off, not removed",
      filename: 'api/index.js',
      code: `${head}const cors = microCors({ origin: '*', allowCredentials: true });${tail}`,
      errors: [{
        line: 3, column: 34, text: "'*'", severity: 'error',
        message: "micro-cors allows any origin ('*') together with credentials: true; it sends '*' with Access-Control-Allow-Credentials: true, which browsers reject. Name the one trusted origin instead.",
        suggestions: [
          { output: `${head}const cors = microCors({ origin: 'https://app.example.com' /* placeholder: replace with the origin you trust */, allowCredentials: true });${tail}` },
          { output: `${head}const cors = microCors({ origin: '*', allowCredentials: false });${tail}` },
        ],
      }],
    },
  ],
});

ruleTester('permissive-wildcard', {
  invalid: [{
    name: "allowCredentials: false leaves the public '*'",
    filename: 'api/index.js',
    code: `${head}const cors = microCors({ allowCredentials: false });${tail}`,
    errors: [{ line: 3, column: 14, text: 'microCors({ allowCredentials: false })', severity: 'info', message: /^micro-cors with no origin option sends '\*': every website can read these responses\./ }],
  }],
});

ruleTester('invalid-origin', {
  invalid: [{
    name: 'the one origin is checked like any origin',
    filename: 'api/index.js',
    code: `${head}const cors = microCors({ origin: 'https://app.example.com/' });${tail}`,
    errors: [{ line: 3, column: 34, text: "'https://app.example.com/'", message: /^The allowed origin 'https:\/\/app\.example\.com\/' can never match: it ends with a slash/ }],
    output: `${head}const cors = microCors({ origin: 'https://app.example.com' });${tail}`,
  }],
});

ruleTester('reflected-origin', {
  valid: [
    // Several origins become several headers (multiple-origins reports that); it is no allowlist and no echo.
    { name: 'an array of origins is not read as an allowlist', filename: 'api/index.js', code: `${head}const cors = microCors({ origin: ['https://a.example.com', 'https://b.example.com'] });${tail}` },
  ],
  invalid: [{
    name: 'a per-request wrapper that writes the request Origin',
    filename: 'api/index.js',
    code: `${head}module.exports = (req, res) => microCors({ origin: req.headers.origin })(handler)(req, res);`,
    errors: [{ line: 3, column: 44, text: 'origin: req.headers.origin', severity: 'error', message: /^micro-cors writes its origin option as the header, and here that is the request Origin with credentials \(on by default\), so any website can read responses with the user's cookies\./ }],
  }],
});

ruleTester('multiple-origins', {
  invalid: [{
    name: 'an array of origins: res.setHeader sends one Access-Control-Allow-Origin line per entry',
    filename: 'api/index.js',
    code: `${head}const cors = microCors({ origin: ['https://a.example.com', 'https://b.example.com'], allowCredentials: false });${tail}`,
    errors: [{
      line: 3, column: 34, text: "['https://a.example.com', 'https://b.example.com']", severity: 'error',
      message: 'micro-cors is given 2 origins in an array, one header each (https://a.example.com, https://b.example.com); it sends its origin option as the header value and takes one origin, so browsers reject this. Name the one trusted origin.',
      suggestions: [{ title: /^Allow only https:\/\/a\.example\.com$/, output: `${head}const cors = microCors({ origin: 'https://a.example.com', allowCredentials: false });${tail}` }],
    }],
  }, {
    name: 'two origins in the one header value: the fix keeps one (an array would become two headers)',
    filename: 'api/index.js',
    code: `${head}const cors = microCors({ origin: 'https://a.example.com, https://b.example.com' });${tail}`,
    errors: [{
      line: 3, column: 34, text: "'https://a.example.com, https://b.example.com'", severity: 'error',
      message: 'micro-cors is given 2 origins in one string (https://a.example.com, https://b.example.com); it sends its origin option as the header value and takes one origin, so browsers reject this. Name the one trusted origin.',
      suggestions: [{ title: /^Allow only https:\/\/a\.example\.com$/, output: `${head}const cors = microCors({ origin: 'https://a.example.com' });${tail}` }],
    }],
  }],
});
