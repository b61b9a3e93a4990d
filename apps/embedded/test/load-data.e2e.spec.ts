import { embeddedSystem } from './harness';
import { describeLoadDataScenarios } from './scenarios/load-data.scenarios';

jest.setTimeout(60_000);

describeLoadDataScenarios('embedded', embeddedSystem);
