import { embeddedSystem } from './harness';
import { describeRefusalScenarios } from './scenarios/refusals.scenarios';

jest.setTimeout(60_000);

describeRefusalScenarios('embedded', embeddedSystem);
