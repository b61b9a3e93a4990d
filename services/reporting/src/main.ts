import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '@cashout/platform/kafka';
import { ReportingModule, loadReportingConfig } from './index';

/** The reporting service as a process of its own (distributed mode). */
void runServiceProcess('reporting', ({ env, platform, seedDemo, infrastructure }) =>
  NestFactory.createApplicationContext(ReportingModule.register({ platform, config: loadReportingConfig(env), seedDemo, infrastructure }), {
    abortOnError: false,
  }).then(async (app) => {
    await app.init();
    return app;
  }),
);
