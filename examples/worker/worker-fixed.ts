// cors-lint example: the fixed version of worker.ts. Only real origins are listed (test local pages from
// http://localhost instead of file://), and every response says that it varies by Origin.
const ALLOWED_ORIGINS = ['https://app.example.com', 'https://admin.example.com', 'http://localhost:8787'];

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
    headers.set('Vary', 'Origin');
    return new Response(JSON.stringify(products), { headers });
  },
};
