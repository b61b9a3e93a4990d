import 'reflect-metadata';
import { runServiceProcess } from '@cashout/platform/kafka';
import { createGatewayApp, loadGatewayConfig } from './index';

/** The HTTP gateway as a process of its own (distributed mode), listening on PORT. */
void runServiceProcess('gateway', async ({ env, platform, seedDemo, infrastructure }) => {
  const config = loadGatewayConfig(env);
  const app = await createGatewayApp({ platform, config, seedDemo, infrastructure });
  await app.listen(config.port, env.HOST ?? '127.0.0.1');
  return app;
});
