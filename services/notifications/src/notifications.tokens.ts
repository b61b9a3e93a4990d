export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
export const SEED_DEMO = Symbol('SEED_DEMO');
export const SEED_LOAD = Symbol('SEED_LOAD');
