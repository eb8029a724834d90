// cors-lint example: an Elysia app with two CORS mistakes (app-fixed.ts is the corrected version).
//   1. cors() with no options echoes every Origin and sends credentials (@elysiajs/cors defaults
//      `origin: true`, `credentials: true`) (reflected-origin).
//   2. The public API sets origin '*' but keeps the default credentials: browsers reject '*' with
//      credentials (wildcard-with-credentials); the fix adds `credentials: false`.
import { Elysia } from 'elysia';
import { cors } from '@elysiajs/cors';

export const api = new Elysia({ prefix: '/api' }).use(cors()).get('/me', ({ store }) => store);

export const publicApi = new Elysia({ prefix: '/public' }).use(cors({ origin: '*' })).get('/stats', () => ({ users: 42 }));
