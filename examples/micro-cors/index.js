// cors-lint example: a micro service with one CORS mistake (index-fixed.js is the corrected version).
//   microCors() sends Access-Control-Allow-Origin: * and, by default, Access-Control-Allow-Credentials: true
//   (micro-cors `allowCredentials = true`); browsers reject '*' with credentials (wildcard-with-credentials).
//   micro-cors writes its origin option as the header, so the fix names one trusted origin.
const microCors = require('micro-cors');

const cors = microCors({ allowMethods: ['GET', 'POST'] });

module.exports = cors(async (req) => ({ user: req.headers.authorization ? 'signed-in' : 'anonymous' }));
