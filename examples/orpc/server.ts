// cors-lint example: an oRPC server with one CORS mistake (server-fixed.ts is the corrected version).
//   new CORSPlugin() echoes every request Origin (its default is `origin: (origin) => origin`), and with
//   `credentials: true` any website can call the API with the user's cookies (reflected-origin).
import { RPCHandler } from '@orpc/server/fetch';
import { CORSPlugin } from '@orpc/server/plugins';
import { router } from './router';

export const handler = new RPCHandler(router, {
  plugins: [new CORSPlugin({ credentials: true })],
});
