// cors-lint example, corrected: only the listed origins are echoed (compared exactly by the plugin).
import { RPCHandler } from '@orpc/server/fetch';
import { CORSPlugin } from '@orpc/server/plugins';
import { router } from './router';

const allowedOrigins = ['https://app.example.com', 'https://admin.example.com'];

export const handler = new RPCHandler(router, {
  plugins: [new CORSPlugin({ origin: allowedOrigins, credentials: true })],
});
