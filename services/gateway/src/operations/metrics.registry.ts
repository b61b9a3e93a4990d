import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { platformMetricsText } from '@cashout/platform';

/** Why a login failed, as the auth service answered. */
export type FailedLoginReason = 'INVALID_CREDENTIALS' | 'PIN_LOCKED';
/** Which failed-login budget refused a login: the caller's address's, or everyone's. */
export type LoginThrottleScope = 'address' | 'global';

/**
 * The gateway's metrics (prom-client, a registry of its own, served with the platform's): HTTP requests by method, route
 * template (never the raw path, which would explode the label set) and status, their
 * latency, and the failed logins and the logins the failed-login budgets refused — the
 * figures to alert on when someone guesses PINs.
 */
@Injectable()
export class MetricsRegistry {
  private readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled by the gateway.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency of the gateway.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  });
  private readonly failedLogins = new Counter({
    name: 'gateway_failed_logins_total',
    help: 'Logins the auth service refused, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly throttledLogins = new Counter({
    name: 'gateway_login_throttled_total',
    help: 'Logins refused before reaching the auth service because a failed-login budget was spent, by budget.',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  private readonly budgetRefusals = new Counter({
    name: 'gateway_budget_refusals_total',
    help: 'Requests refused with BUDGET_EXHAUSTED (an abuse budget spent: open intents, OTP sends), by budget.',
    labelNames: ['budget'] as const,
    registers: [this.registry],
  });

  private readonly openStreams = new Gauge({
    name: 'gateway_intent_streams_open',
    help: 'Intent event streams (GET /intents/:id/events) open on this gateway instance now.',
    registers: [this.registry],
  });

  private readonly refusedStreams = new Counter({
    name: 'gateway_intent_streams_refused_total',
    help: 'Intent event streams refused because their user already held the most allowed (STREAMS_PER_USER).',
    registers: [this.registry],
  });

  observe(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  failedLogin(reason: FailedLoginReason): void {
    this.failedLogins.inc({ reason });
  }

  loginThrottled(scope: LoginThrottleScope): void {
    this.throttledLogins.inc({ scope });
  }

  budgetRefused(budget: string): void {
    this.budgetRefusals.inc({ budget });
  }

  streamOpened(): void {
    this.openStreams.inc();
  }

  streamClosed(): void {
    this.openStreams.dec();
  }

  streamRefused(): void {
    this.refusedStreams.inc();
  }

  /** The gateway's metrics, then the platform's of this process (messages, outbox, lag...). */
  async render(): Promise<string> {
    const [own, platform] = await Promise.all([this.registry.metrics(), platformMetricsText()]);
    return `${own}\n${platform}`;
  }
}
