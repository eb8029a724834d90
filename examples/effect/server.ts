// cors-lint example: an Effect HTTP API with two CORS mistakes (server-fixed.ts is the corrected version).
//   1. HttpMiddleware.cors({ credentials: true }) keeps the default allowedOrigins [] and sends '*' with
//      credentials, which browsers reject (wildcard-with-credentials).
//   2. The admin API's predicate accepts any origin ending in 'example.com', so https://evilexample.com
//      passes (weak-origin-check).
import { HttpApiBuilder, HttpMiddleware } from '@effect/platform';

export const cors = HttpMiddleware.cors({ credentials: true });

export const adminCors = HttpApiBuilder.middlewareCors({
  allowedOrigins: (origin) => origin.endsWith('example.com'),
  credentials: true,
});
