// cors-lint example: a NestJS bootstrap with one CORS mistake (main-fixed.ts is the corrected version).
//   `origin: true` echoes back every request's Origin and `credentials: true` lets those requests carry
//   the user's cookies: any website the user visits can read this API as the user (reflected-origin).
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: true, credentials: true });
  await app.listen(3000);
}

bootstrap();
