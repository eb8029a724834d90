// cors-lint example, corrected: both functions list the origins allowed to call them.
import { onCall, onRequest } from 'firebase-functions/v2/https';

const allowedOrigins = ['https://app.example.com', 'https://admin.example.com'];

export const report = onRequest({ cors: allowedOrigins, region: 'europe-west1' }, (req, res) => {
  res.json({ total: 42 });
});

export const addItem = onCall({ cors: allowedOrigins }, (request) => ({ added: request.data.name }));
