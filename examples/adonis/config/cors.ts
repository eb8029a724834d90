// cors-lint example: the config/cors.ts AdonisJS generates (cors-fixed.ts is the corrected version).
// `origin: true` echoes every request's Origin, and `credentials: true` lets any website read responses
// with the user's cookies (reflected-origin).
import { defineConfig } from '@adonisjs/cors'

const corsConfig = defineConfig({
  enabled: true,
  origin: true,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
  headers: true,
  exposeHeaders: [],
  credentials: true,
  maxAge: 90,
})

export default corsConfig
