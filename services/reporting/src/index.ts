export { ReportingModule } from './reporting.module';
export { loadReportingConfig } from './reporting.config';
export type { ReportingConfig } from './reporting.config';
export { REPORTING_SERVICE } from './reporting.messages-consumer';
export { openReportingProjection } from './infrastructure/reporting.projection';
export type { ReportingProjection, ReportingReplaySession } from './infrastructure/reporting.projection';
export type { ReplayDiff, ReplayStart } from './replay/read-model.replay';
export type { InstalledCopy } from './infrastructure/mongo-read-model.copies';
