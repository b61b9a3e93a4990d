import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '@cashout/platform/kafka';
import { AuthModule, loadAuthConfig } from './index';

/** The auth service as a process of its own (distributed mode). */
void runServiceProcess('auth', ({ env, platform, seedDemo, seedLoad, infrastructure }) =>
  NestFactory.createApplicationContext(AuthModule.register({ platform, config: loadAuthConfig(env), seedDemo, seedLoad, infrastructure }), {
    abortOnError: false,
  }).then(async (app) => {
    await app.init();
    return app;
  }),
);
