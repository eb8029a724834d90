// cors-lint example: two AWS Lambda handlers (API Gateway proxy integration) with CORS mistakes
// (handler-fixed.js is the corrected version).
//   1. getProfile copies the request's Origin into Access-Control-Allow-Origin with credentials and no
//      check: any website can read a signed-in user's profile (reflected-origin).
//   2. listProducts allows 'https://app.example.com/'; with the trailing slash it never equals the
//      Origin header a browser sends, so the shop's own requests fail (invalid-origin).
const profile = { name: 'Ada Lovelace', email: 'ada@example.com' };

exports.getProfile = async (event) => {
  // A real handler would look the session cookie up; what matters here is that the response is private.
  const signedIn = Boolean(event.headers.cookie);
  return {
    statusCode: 200,
    headers: {
      'Access-Control-Allow-Origin': event.headers.origin,
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
    'Access-Control-Allow-Origin': 'https://app.example.com/',
    'Content-Type': 'application/json',
  },
  body: JSON.stringify([{ id: 1, name: 'Desk lamp', price: 39 }]),
});
