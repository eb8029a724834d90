// cors-lint example: the fixed version of route.ts (Next.js only routes files named route.ts, so this
// file is not served). OPTIONS answers the preflight with 204 and the allowed origin, methods and headers.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': 'https://app.example.com',
  'Access-Control-Allow-Methods': 'GET, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '600',
};

const items = new Map<string, { id: string; name: string }>([['1', { id: '1', name: 'Desk lamp' }]]);

export function OPTIONS() {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

export async function GET() {
  return Response.json([...items.values()], { headers: CORS_HEADERS });
}

export async function PUT(request: Request) {
  const item = (await request.json()) as { id: string; name: string };
  items.set(item.id, item);
  return Response.json(item, { headers: CORS_HEADERS });
}
