/** The gateway's `http_requests_total` counters, keyed by `METHOD route status`. */
export type RequestCounts = Map<string, number>;

const SAMPLE = /^http_requests_total\{([^}]*)\}\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** Reads `http_requests_total{method,route,status}` out of the Prometheus text format. */
export function parseRequestCounts(text: string): RequestCounts {
  const counts: RequestCounts = new Map();
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[1].matchAll(LABEL)].map((label) => [label[1], label[2]]));
    const value = Number(match[2]);
    if (!Number.isFinite(value)) continue;
    const key = `${labels.method ?? '?'} ${labels.route ?? '?'} ${labels.status ?? '?'}`;
    counts.set(key, (counts.get(key) ?? 0) + value);
  }
  return counts;
}

/** What the server counted between two scrapes. */
export function countsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  const delta: RequestCounts = new Map();
  for (const [key, value] of after) {
    const grown = value - (before.get(key) ?? 0);
    if (grown > 0) delta.set(key, grown);
  }
  return delta;
}

export interface RequestSummary {
  total: number;
  /** Answers by status class: 2xx, 4xx, 5xx... */
  byClass: Record<string, number>;
  /** `METHOD route status` of every 5xx answer, with its count. */
  serverErrors: Array<{ key: string; count: number }>;
}

export function summarize(counts: RequestCounts): RequestSummary {
  const byClass: Record<string, number> = {};
  const serverErrors: RequestSummary['serverErrors'] = [];
  let total = 0;
  for (const [key, count] of counts) {
    total += count;
    const status = key.slice(key.lastIndexOf(' ') + 1);
    const statusClass = `${status[0]}xx`;
    byClass[statusClass] = (byClass[statusClass] ?? 0) + count;
    if (status.startsWith('5')) serverErrors.push({ key, count });
  }
  return { total, byClass, serverErrors };
}

/** Scrapes the gateway's /metrics (public in test). */
export async function scrapeRequestCounts(url: string): Promise<RequestCounts> {
  const response = await fetch(`${url}/metrics`);
  if (response.status !== 200) throw new Error(`${url}/metrics answered ${response.status}`);
  return parseRequestCounts(await response.text());
}
