// cors-lint example, corrected: the one origin that may read responses with the user's credentials.
const microCors = require('micro-cors');

const cors = microCors({ origin: 'https://app.example.com', allowMethods: ['GET', 'POST'] });

module.exports = cors(async (req) => ({ user: req.headers.authorization ? 'signed-in' : 'anonymous' }));
