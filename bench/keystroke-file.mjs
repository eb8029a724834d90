// The file typed into by the latency benchmarks: a real example server padded with ordinary routes.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function sampleFile(lines) {
  const head = readFileSync(join(root, 'examples/express-api/server.js'), 'utf8');
  const filler = (i) => `\napp.get('/items/${i}', async (req, res) => {\n  const item = await db.items.find({ id: req.params.id, owner: req.user && req.user.id });\n  if (!item) return res.status(404).json({ error: 'not found' });\n  res.json({ ...item, fetchedAt: Date.now() });\n});\n`;
  let text = head;
  for (let i = 0; text.split('\n').length < lines; i++) text += filler(i);
  return text;
}

