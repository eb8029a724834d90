// cors-lint example: an h3 handler that echoes the request's Origin with credentials (reflected-origin);
// me-fixed.ts uses handleCors with an allowlist.
export default defineEventHandler((event) => {
  setResponseHeader(event, 'Access-Control-Allow-Origin', getRequestHeader(event, 'origin'));
  setResponseHeader(event, 'Access-Control-Allow-Credentials', 'true');
  return { user: event.context.user };
});
