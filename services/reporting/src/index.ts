export { ReportingModule } from './reporting.module';
export { loadReportingConfig } from './reporting.config';
export type { ReportingConfig } from './reporting.config';
export { REPORTING_SERVICE } from './reporting.messages-consumer';
