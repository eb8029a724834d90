// Fixture for the E2E suite: fixed on save (source.fixAll.corsLint) and by the UI scenario.
function handler(res) {
  res.setHeader('Access-Control-Allow-Origin', 'https://fix.example.com/');
}

module.exports = { handler };
