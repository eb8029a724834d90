// cors-lint example: the fixed version of app.js. Both routers share one origin callback that echoes the
// request's Origin only when it is exactly one of the listed origins; @koa/cors adds Vary: Origin and
// answers preflight requests itself.
const Koa = require('koa');
const Router = require('@koa/router');
const cors = require('@koa/cors');

const ALLOWED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);

const app = new Koa();
const api = new Router({ prefix: '/api' });
const widgets = new Router({ prefix: '/widgets' });

app.use(
  cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return ALLOWED_ORIGINS.has(origin) ? origin : undefined;
    },
    credentials: true,
  }),
);

api.get('/account', (ctx) => {
  ctx.body = { email: 'ada@example.com', plan: 'pro', session: ctx.cookies.get('session') ? 'active' : 'none' };
});

widgets.get('/weather', (ctx) => {
  ctx.body = { city: 'Lisbon', celsius: 21 };
});

app.use(api.routes());
app.use(widgets.routes());
app.listen(3000);
