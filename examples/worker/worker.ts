// cors-lint example: a Cloudflare Worker with two CORS mistakes (worker-fixed.ts is the corrected version).
//   1. 'null' is in the allowlist (added to test from a file:// page), but any website can send
//      `Origin: null` from a sandboxed iframe and read the response (null-origin).
//   2. Access-Control-Allow-Origin depends on the request, yet the response has no Vary: Origin, so a
//      cache can hand one origin's answer to another (missing-vary-origin).
const ALLOWED_ORIGINS = ['https://app.example.com', 'https://admin.example.com', 'null'];

const products = [
  { id: 1, name: 'Desk lamp', price: 39 },
  { id: 2, name: 'Notebook', price: 4 },
];

export default {
  async fetch(request: Request): Promise<Response> {
    const origin = request.headers.get('Origin');
    const headers = new Headers({ 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' });
    if (origin !== null && ALLOWED_ORIGINS.includes(origin)) {
      headers.set('Access-Control-Allow-Origin', origin);
    }
    return new Response(JSON.stringify(products), { headers });
  },
};
