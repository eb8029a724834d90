// cors-lint example, corrected: listed origins (compared exactly), and a predicate that checks a list.
import { HttpApiBuilder, HttpMiddleware } from '@effect/platform';

const adminOrigins = ['https://admin.example.com', 'https://ops.example.com'];

export const cors = HttpMiddleware.cors({ allowedOrigins: ['https://app.example.com', 'https://admin.example.com'], credentials: true });

export const adminCors = HttpApiBuilder.middlewareCors({
  allowedOrigins: (origin) => adminOrigins.includes(origin),
  credentials: true,
});
