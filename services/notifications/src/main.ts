import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '@cashout/platform/kafka';
import { NotificationsModule, loadNotificationsConfig } from './index';

/** The notifications service as a process of its own (distributed mode). */
void runServiceProcess('notifications', ({ env, platform, seedDemo, seedLoad, infrastructure }) =>
  NestFactory.createApplicationContext(NotificationsModule.register({ platform, config: loadNotificationsConfig(env), seedDemo, seedLoad, infrastructure }), {
    abortOnError: false,
  }).then(async (app) => {
    await app.init();
    return app;
  }),
);
