// cors-lint example: the fixed version of handler.js. getProfile echoes the Origin only when it is in the
// list (and says the response varies by Origin); listProducts names the origin exactly as browsers send it.
const ALLOWED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);
const profile = { name: 'Ada Lovelace', email: 'ada@example.com' };

exports.getProfile = async (event) => {
  const origin = event.headers.origin;
  // A real handler would look the session cookie up; what matters here is that the response is private.
  const signedIn = Boolean(event.headers.cookie);
  return {
    statusCode: 200,
    headers: {
      'Access-Control-Allow-Origin': ALLOWED_ORIGINS.has(origin) ? origin : 'https://app.example.com',
      'Access-Control-Allow-Credentials': 'true',
      'Content-Type': 'application/json',
      Vary: 'Origin',
    },
    body: JSON.stringify(signedIn ? profile : null),
  };
};

exports.listProducts = async () => ({
  statusCode: 200,
  headers: {
    'Access-Control-Allow-Origin': 'https://app.example.com',
    'Content-Type': 'application/json',
  },
  body: JSON.stringify([{ id: 1, name: 'Desk lamp', price: 39 }]),
});
