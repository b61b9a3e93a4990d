import { openReportingProjection } from '@cashout/reporting';
import type { ReportingProjection } from '@cashout/reporting';

/**
 * The read models `ops replay` can rebuild, by name. A projection names its consumer group
 * and topic and folds events the way its service does; the CLI reads the events, upcast.
 * A future read model adds its opener here.
 */
export type Projection = ReportingProjection;

export const PROJECTIONS: Readonly<Record<string, (mongoUrl: string) => Promise<Projection>>> = {
  reporting: openReportingProjection,
};
