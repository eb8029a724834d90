// cors-lint example, corrected: handleCors answers the preflight and echoes only listed origins.
export default defineEventHandler((event) => {
  if (handleCors(event, { origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true })) return;
  return { user: event.context.user };
});
