import { Actor, ErrorBody, MAX_REPORT_DAYS, daysInRange } from '@cashout/shared-contracts';

/**
 * Who may read an agent's report: staff any agent's, an agent its own. An agent the read
 * model has never seen, and another agent's phone asked by an agent, answer the same
 * NOT_FOUND, so an agent learns nothing of other agents.
 */
export function checkReportRequest(
  actor: Actor,
  request: { agentPhone: string; from: string; to: string },
  agentUserId: string | undefined,
): ErrorBody | undefined {
  if (actor.role === 'CLIENT') return { code: 'FORBIDDEN', message: 'clients cannot read agent reports' };
  const span = daysInRange(request.from, request.to);
  if (span < 1 || span > MAX_REPORT_DAYS) {
    const message = span < 1 ? 'must not be before from' : `must be at most ${MAX_REPORT_DAYS} days after from, both included`;
    return { code: 'VALIDATION_FAILED', message: 'the request is invalid', details: [{ field: 'to', message }] };
  }
  const unknown: ErrorBody = { code: 'NOT_FOUND', message: `no report for agent ${request.agentPhone}` };
  if (agentUserId === undefined) return unknown;
  if (actor.role === 'AGENT' && actor.userId !== agentUserId) return unknown;
  return undefined;
}
