// Fixture for the E2E suite: each write below is one known CORS mistake.
function trailingSlash(res) {
  res.setHeader('Access-Control-Allow-Origin', 'https://a.com/');
}

function nullOrigin(res) {
  res.setHeader('Access-Control-Allow-Origin', 'null');
}

function twoOrigins(res) {
  res.setHeader('Access-Control-Allow-Origin', 'https://a.com, https://b.com');
}

module.exports = { trailingSlash, nullOrigin, twoOrigins };
