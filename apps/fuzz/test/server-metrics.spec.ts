import { countsBetween, parseRequestCounts, summarize } from '../src/server-metrics';

const before = `# HELP http_requests_total HTTP requests handled by the gateway.
# TYPE http_requests_total counter
http_requests_total{method="POST",route="/auth/login",status="200"} 4
http_requests_total{method="GET",route="/intents/:id",status="404"} 10
gateway_failed_logins_total{reason="INVALID_CREDENTIALS"} 3
`;

const after = `${before.replace('status="404"} 10', 'status="404"} 25')}http_requests_total{method="POST",route="/intents",status="500"} 2
http_requests_total{method="GET",route="unmatched",status="404"} 7
http_request_duration_seconds_bucket{le="0.005",method="GET",route="/health"} 3
`;

describe('the server request counters', () => {
  it('reads http_requests_total by method, route and status, and nothing else', () => {
    expect([...parseRequestCounts(before)]).toEqual([
      ['POST /auth/login 200', 4],
      ['GET /intents/:id 404', 10],
    ]);
  });

  it('counts what grew between two scrapes', () => {
    const delta = countsBetween(parseRequestCounts(before), parseRequestCounts(after));
    expect([...delta]).toEqual([
      ['GET /intents/:id 404', 15],
      ['POST /intents 500', 2],
      ['GET unmatched 404', 7],
    ]);
    expect(summarize(delta)).toEqual({ total: 24, byClass: { '4xx': 22, '5xx': 2 }, serverErrors: [{ key: 'POST /intents 500', count: 2 }] });
  });
});
