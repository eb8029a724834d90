// cors-lint example, corrected: strapi::cors with the front-end origins (compared exactly).
module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  { name: 'strapi::cors', config: { origin: ['https://app.example.com', 'https://admin.example.com'] } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
];
