// cors-lint example: the Vercel function behind /api/profile. Its CORS headers come from vercel.json;
// the function itself only answers with the signed-in user's profile.
const profile = { name: 'Ada Lovelace', email: 'ada@example.com' };

module.exports = (req, res) => {
  const signedIn = Boolean(req.headers.cookie);
  res.status(signedIn ? 200 : 401).json(signedIn ? profile : { error: 'sign in' });
};
