// cors-lint example, corrected: the public API keeps Nitro's '*' and sends no credentials; the
// credentialed endpoints answer CORS in server/api with h3's handleCors and an allowlist.
export default defineNuxtConfig({
  routeRules: {
    '/api/public/**': { cors: true },
  },
});
