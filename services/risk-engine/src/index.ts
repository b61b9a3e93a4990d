export { RiskEngineModule } from './risk-engine.module';
export { loadRiskConfig } from './risk.config';
export type { RiskConfig } from './risk.config';
export { DEFAULT_RISK_LIMITS } from './domain/risk-limits';
export type { RiskLimits, TierLimits } from './domain/risk-limits';
export { RISK_REASONS } from './domain/risk-reason';
export type { RiskReason } from './domain/risk-reason';
export { RISK_ENGINE_SERVICE } from './risk-engine.messages-consumer';
