// cors-lint example: the fixed version of main.ts. Credentials are allowed for the listed origins only;
// NestJS passes the options to the `cors` package, which checks the request's Origin against the list,
// adds Vary: Origin and answers preflight requests.
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({
    origin: ['https://app.example.com', 'https://admin.example.com'],
    credentials: true,
  });
  await app.listen(3000);
}

bootstrap();
