// cors-lint example: the (empty) root module that main.ts and main-fixed.ts bootstrap.
import { Module } from '@nestjs/common';

@Module({})
export class AppModule {}
