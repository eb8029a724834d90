// cors-lint example: a Next.js route handler with one CORS mistake (route-fixed.ts is the corrected version).
//   PUT needs a preflight, but the file exports no OPTIONS handler. Next.js then answers OPTIONS itself
//   with 204 and an Allow header but no CORS headers, so the browser never sends the PUT
//   (missing-preflight).
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': 'https://app.example.com',
};

const items = new Map<string, { id: string; name: string }>([['1', { id: '1', name: 'Desk lamp' }]]);

export async function GET() {
  return Response.json([...items.values()], { headers: CORS_HEADERS });
}

export async function PUT(request: Request) {
  const item = (await request.json()) as { id: string; name: string };
  items.set(item.id, item);
  return Response.json(item, { headers: CORS_HEADERS });
}
