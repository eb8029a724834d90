// cors-lint example: Firebase Functions with two CORS mistakes (index-fixed.ts is the corrected version).
//   1. onRequest({ cors: true }) echoes every request's Origin (reflected-origin).
//   2. onCall without a `cors` option defaults to `cors: true`: every Origin is echoed (reflected-origin).
import { onCall, onRequest } from 'firebase-functions/v2/https';

export const report = onRequest({ cors: true, region: 'europe-west1' }, (req, res) => {
  res.json({ total: 42 });
});

export const addItem = onCall((request) => ({ added: request.data.name }));
