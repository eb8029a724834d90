// cors-lint example: a Koa app with two CORS mistakes (app-fixed.js is the corrected version).
//   1. @koa/cors with `credentials: true` and no `origin` echoes back whatever Origin the request
//      carries, so any website can read /api/account with the visitor's cookies (reflected-origin).
//   2. The /widgets origin check uses endsWith('example.com') with no dot boundary, so
//      https://evilexample.com passes it (weak-origin-check).
const Koa = require('koa');
const Router = require('@koa/router');
const cors = require('@koa/cors');

const app = new Koa();
const api = new Router({ prefix: '/api' });
const widgets = new Router({ prefix: '/widgets' });

api.use(cors({ credentials: true }));
api.get('/account', (ctx) => {
  ctx.body = { email: 'ada@example.com', plan: 'pro', session: ctx.cookies.get('session') ? 'active' : 'none' };
});

widgets.use(
  cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return origin.endsWith('example.com') ? origin : undefined;
    },
  }),
);
widgets.get('/weather', (ctx) => {
  ctx.body = { city: 'Lisbon', celsius: 21 };
});

app.use(api.routes());
app.use(widgets.routes());
app.listen(3000);
