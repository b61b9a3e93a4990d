import { embeddedSystem } from './harness';
import { describeAccountSecurityScenarios } from './scenarios/account-security.scenarios';

jest.setTimeout(60_000);

describeAccountSecurityScenarios('embedded', embeddedSystem);
