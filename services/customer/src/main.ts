import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '@cashout/platform/kafka';
import { CustomerModule, loadCustomerConfig } from './index';

/** The customer service as a process of its own (distributed mode). */
void runServiceProcess('customer', ({ env, platform, seedDemo, seedLoad, infrastructure }) =>
  NestFactory.createApplicationContext(CustomerModule.register({ platform, config: loadCustomerConfig(env), seedDemo, seedLoad, infrastructure }), {
    abortOnError: false,
  }).then(async (app) => {
    await app.init();
    return app;
  }),
);
