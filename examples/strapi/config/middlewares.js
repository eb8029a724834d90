// cors-lint example: Strapi's default middleware list (middlewares-fixed.js is the corrected version).
// 'strapi::cors' defaults to origin '*' with credentials, and @koa/cors answers that by echoing every
// request's Origin with Access-Control-Allow-Credentials: true (reflected-origin).
module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
];
