// Fixture for the E2E suite: no test opens this file; only the workspace audit reports it.
function handler(res) {
  res.setHeader('Access-Control-Allow-Origin', 'https://audit.example.com/');
}

module.exports = { handler };
