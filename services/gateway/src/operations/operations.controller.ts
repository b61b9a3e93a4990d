import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MESSAGE_BUS, MessageBus } from '@cashout/platform';
import { Public } from '../http/access.decorators';
import { MetricsRegistry } from './metrics.registry';

@Controller()
@Public()
export class OperationsController {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly metrics: MetricsRegistry,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the gateway holds no state, so it is ready when the broker is reachable. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ready' | 'unavailable'; checks: { broker: boolean } }> {
    const broker = await this.bus.isHealthy().catch(() => false);
    response.status(broker ? 200 : 503);
    return { status: broker ? 'ready' : 'unavailable', checks: { broker } };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): string {
    return this.metrics.render();
  }
}
