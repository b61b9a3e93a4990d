import { platformMetricsText } from '@cashout/platform';
import { IntentState } from '../src/domain/intent';
import { recordTransition } from '../src/saga-metrics';

const state = (phase: IntentState['phase'], updatedAt: string) => ({ phase, updatedAt }) as IntentState;

describe('saga metrics', () => {
  it('counts intents entering each phase and times the phase they left; a decision that keeps the phase records nothing', async () => {
    const created = state('CREATED', '2026-01-15T10:00:00.000Z');
    recordTransition(undefined, created);
    recordTransition(created, state('OTP_SENT', '2026-01-15T10:00:00.250Z'));
    recordTransition(created, state('CREATED', '2026-01-15T10:00:01.000Z'));

    const text = await platformMetricsText();
    expect(text).toContain('intent_transitions_total{status="CREATED"} 1');
    expect(text).toContain('intent_transitions_total{status="OTP_SENT"} 1');
    expect(text).toContain('saga_step_duration_seconds_count{from="CREATED",to="OTP_SENT"} 1');
    expect(text).toContain('saga_step_duration_seconds_sum{from="CREATED",to="OTP_SENT"} 0.25');
  });
});
