import { STACK_SERVICES, metricsPortOf } from '../src/stack';

describe('metricsPortOf', () => {
  it('given a first metrics port, when every process asks, then each gets a port of its own within the range', () => {
    const options = { instances: 2, metricsPort: 9_000 };

    const ports = STACK_SERVICES.flatMap((name) => [0, 1].map((instance) => metricsPortOf(name, instance, options)));

    expect(new Set(ports).size).toBe(STACK_SERVICES.length * 2);
    expect(Math.min(...(ports as number[]))).toBe(9_000);
    expect(Math.max(...(ports as number[]))).toBe(9_000 + STACK_SERVICES.length * 2 - 1);
  });

  it('given no first metrics port, when asked, then no port', () => {
    expect(metricsPortOf('auth', 0, { instances: 2 })).toBeUndefined();
  });
});
