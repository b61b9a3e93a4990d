import { FAULT_KINDS, isServiceFault, parseFaultKinds, planFaults } from '../src/domain/fault-schedule';

const options = { seed: 42, kinds: FAULT_KINDS, instances: 2, rounds: 2, pauseMs: [4_000, 9_000] as const, downtimeMs: [0, 2_000] as const };

describe('planFaults', () => {
  it('plans the same faults for the same seed', () => {
    expect(planFaults(options)).toEqual(planFaults(options));
  });

  it('plans other faults for another seed', () => {
    expect(planFaults({ ...options, seed: 43 })).not.toEqual(planFaults(options));
  });

  it('kills every kind exactly once per round', () => {
    const plan = planFaults(options);
    expect(plan).toHaveLength(2 * FAULT_KINDS.length);
    for (const round of [plan.slice(0, FAULT_KINDS.length), plan.slice(FAULT_KINDS.length)]) {
      expect(round.map((fault) => fault.kind).sort()).toEqual([...FAULT_KINDS].sort());
    }
  });

  it('names an existing instance for a service and none for a server', () => {
    for (const fault of planFaults({ ...options, instances: 3, rounds: 5 })) {
      if (isServiceFault(fault.kind)) expect(fault.instance).toBeGreaterThanOrEqual(0);
      if (isServiceFault(fault.kind)) expect(fault.instance).toBeLessThan(3);
      else expect(fault.instance).toBeUndefined();
    }
  });

  it('keeps pauses and downtimes within their bounds, and numbers the faults in order', () => {
    const plan = planFaults({ ...options, rounds: 4 });
    plan.forEach((fault, index) => {
      expect(fault.index).toBe(index);
      expect(fault.pauseBeforeMs).toBeGreaterThanOrEqual(4_000);
      expect(fault.pauseBeforeMs).toBeLessThanOrEqual(9_000);
      expect(fault.downtimeMs).toBeGreaterThanOrEqual(0);
      expect(fault.downtimeMs).toBeLessThanOrEqual(2_000);
    });
  });

  it('does not depend on the number of rounds for the faults it shares', () => {
    expect(planFaults({ ...options, rounds: 3 }).slice(0, options.rounds * FAULT_KINDS.length)).toEqual(planFaults(options));
  });

  it('plans only the kinds asked for', () => {
    const plan = planFaults({ ...options, kinds: parseFaultKinds('kafka, gateway') });
    expect(plan.map((fault) => fault.kind).sort()).toEqual(['gateway', 'gateway', 'kafka', 'kafka']);
  });

  it('refuses an unknown kind, naming it', () => {
    expect(() => parseFaultKinds('kafka,zookeeper')).toThrow(/zookeeper/);
  });
});
