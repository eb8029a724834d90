// Texts shared by the fix-all tests of the CLI and the language server (issue 11 item 9): a fix that
// uncovers another (the overwritten writes' literals are repaired first, then the writes themselves can
// go) needs several passes; `--fix` and source.fixAll.corsLint both reach the fixed point in one call.
export const FIX_ALL_CHAIN = "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');\n  res.setHeader('Access-Control-Allow-Origin', 'https://b.com/');\n  res.setHeader('Access-Control-Allow-Origin', 'https://c.com/');\n  res.end();\n});\n";
export const FIX_ALL_CHAIN_FIXED = "app.get('/x', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://c.com');\n  res.end();\n});\n";
