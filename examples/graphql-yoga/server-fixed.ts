// cors-lint example, corrected: both servers list the origins they serve (more than one, so useCORS
// compares the request's Origin against them and adds Vary: Origin).
import { createYoga } from 'graphql-yoga';
import { schema, adminSchema } from './schema';

const allowedOrigins = ['https://app.example.com', 'https://admin.example.com'];

export const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', cors: { origin: allowedOrigins } });

export const admin = createYoga({ schema: adminSchema, cors: { origin: allowedOrigins, credentials: true } });
