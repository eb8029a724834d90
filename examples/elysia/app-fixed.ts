// cors-lint example, corrected: the API lists its origins; the public API sends '*' without credentials.
import { Elysia } from 'elysia';
import { cors } from '@elysiajs/cors';

const allowedOrigins = ['https://app.example.com', 'https://admin.example.com'];

export const api = new Elysia({ prefix: '/api' }).use(cors({ origin: allowedOrigins })).get('/me', ({ store }) => store);

export const publicApi = new Elysia({ prefix: '/public' }).use(cors({ origin: '*', credentials: false })).get('/stats', () => ({ users: 42 }));
