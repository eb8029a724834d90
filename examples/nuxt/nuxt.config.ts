// cors-lint example: Nuxt route rules with a CORS mistake (nuxt.config-fixed.ts is the corrected version).
// `cors: true` makes Nitro send Access-Control-Allow-Origin: *, and the rule's headers add credentials:
// browsers reject '*' with credentials (wildcard-with-credentials).
export default defineNuxtConfig({
  routeRules: {
    '/api/**': { cors: true, headers: { 'Access-Control-Allow-Credentials': 'true' } },
  },
});
