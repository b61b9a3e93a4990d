import { DEMO_USERS, SEED_PLAN, seededUsers, seedPlanProvider } from '../src';

describe('seededUsers', () => {
  const load = { clients: 2, agents: 1 };

  it('given the demo data only, when listing, then the demo users', () => {
    expect(seededUsers({ demo: true, load: { clients: 0, agents: 0 } })).toEqual(DEMO_USERS);
  });

  it('given the load data only, when listing, then the load clients, then the load agents', () => {
    expect(seededUsers({ demo: false, load }).map((user) => user.userId)).toEqual([
      'usr-load-client-00000001',
      'usr-load-client-00000002',
      'usr-load-agent-00000001',
    ]);
  });

  it('given both, when listing, then the demo users first, then the load users', () => {
    const users = seededUsers({ demo: true, load });

    expect(users.slice(0, DEMO_USERS.length)).toEqual(DEMO_USERS);
    expect(users.slice(DEMO_USERS.length).map((user) => user.phone)).toEqual(['+2250200000001', '+2250200000002', '+2250600000001']);
  });

  it('given neither, when listing, then nobody', () => {
    expect(seededUsers({ demo: false, load: { clients: 0, agents: 0 } })).toEqual([]);
  });
});

describe('seedPlanProvider', () => {
  it('provides SEED_PLAN from the module options', () => {
    expect(seedPlanProvider({ seedDemo: true, seedLoad: { clients: 5, agents: 2 } })).toEqual({
      provide: SEED_PLAN,
      useValue: { demo: true, load: { clients: 5, agents: 2 } },
    });
  });

  it('given no seedLoad, when providing, then no load data', () => {
    expect(seedPlanProvider({ seedDemo: false }).useValue).toEqual({ demo: false, load: { clients: 0, agents: 0 } });
  });
});
