import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '@cashout/platform/kafka';
import { RiskEngineModule, loadRiskConfig } from './index';

/** The risk-engine service as a process of its own (distributed mode). */
void runServiceProcess('risk-engine', ({ env, platform, seedDemo, infrastructure }) =>
  NestFactory.createApplicationContext(RiskEngineModule.register({ platform, config: loadRiskConfig(env), seedDemo, infrastructure }), {
    abortOnError: false,
  }).then(async (app) => {
    await app.init();
    return app;
  }),
);
