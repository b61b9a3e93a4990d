import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runServiceProcess } from '@cashout/platform/kafka';
import { LedgerWalletsModule, loadLedgerConfig } from './index';

/** The ledger-wallets service as a process of its own (distributed mode). */
void runServiceProcess('ledger-wallets', ({ env, platform, seedDemo, seedLoad, infrastructure }) =>
  NestFactory.createApplicationContext(LedgerWalletsModule.register({ platform, config: loadLedgerConfig(env), seedDemo, seedLoad, infrastructure }), {
    abortOnError: false,
  }).then(async (app) => {
    await app.init();
    return app;
  }),
);
