import request from 'supertest';
import { startIsolatedStack } from '@cashout/distributed';
import { SystemFactory } from './harness';
import { describeAccountSecurityScenarios } from './scenarios/account-security.scenarios';
import { describeCashOutScenarios } from './scenarios/cash-out.scenarios';
import { describeLoadDataScenarios } from './scenarios/load-data.scenarios';
import { describeRefusalScenarios } from './scenarios/refusals.scenarios';

jest.setTimeout(240_000);

/**
 * The same HTTP scenarios, against every service as separate processes on real Kafka,
 * MongoDB (FerretDB here) and Redis, two instances of each; requests alternate between the
 * two gateways.
 */
const distributedSystem: SystemFactory = async (env) => {
  const stack = await startIsolatedStack(env, 2);
  let next = 0;
  return {
    http: () => request(stack.gatewayUrls[next++ % stack.gatewayUrls.length]),
    close: () => stack.stop(),
  };
};

describeCashOutScenarios('distributed', distributedSystem);
describeRefusalScenarios('distributed', distributedSystem);
describeAccountSecurityScenarios('distributed', distributedSystem);
// Two instances of every service seed the load data at the same start: each part once.
describeLoadDataScenarios('distributed', distributedSystem);
