import { ValueProvider } from '@nestjs/common';
import { ServiceModuleOptions } from '../nest/platform.module';
import { DEMO_USERS, DemoUser } from './demo-data';
import { LoadSeed, loadUsers, NO_LOAD } from './load-data';

/**
 * What a service seeds at start-up: the demo data (SEED_DEMO) and the load data
 * (SEED_LOAD_CLIENTS, SEED_LOAD_AGENTS). One value, so each service has one seeder that
 * treats both the same way.
 */
export interface SeedPlan {
  demo: boolean;
  load: LoadSeed;
}

/** The seeder's injection token, the same in every service: each module provides it with seedPlanProvider. */
export const SEED_PLAN = Symbol('SEED_PLAN');

/** Users a seeder writes at once: enough to hide the store's latency, few enough not to flood it. */
export const SEEDING_CONCURRENCY = 16;

/** The users the plan seeds: the demo users if enabled, then the load users. Ids and phones never collide. */
export function seededUsers(plan: SeedPlan): DemoUser[] {
  return [...(plan.demo ? DEMO_USERS : []), ...loadUsers(plan.load)];
}

/** SEED_PLAN from the launcher's options: no load data when seedLoad is absent. */
export function seedPlanProvider(options: Pick<ServiceModuleOptions<unknown>, 'seedDemo' | 'seedLoad'>): ValueProvider<SeedPlan> {
  return { provide: SEED_PLAN, useValue: { demo: options.seedDemo, load: options.seedLoad ?? NO_LOAD } };
}
