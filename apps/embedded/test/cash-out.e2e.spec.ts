import { embeddedSystem } from './harness';
import { describeCashOutScenarios } from './scenarios/cash-out.scenarios';

jest.setTimeout(60_000);

describeCashOutScenarios('embedded', embeddedSystem);
