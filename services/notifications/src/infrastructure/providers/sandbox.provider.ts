import { NotificationChannel } from '@cashout/shared-contracts';
import { DeliveryResult, MessageProvider } from '../../message-provider.port';

/**
 * Stands in for a channel whose provider is not configured: nothing leaves the process;
 * the message exists only as its record in the sandbox log.
 */
export class SandboxProvider implements MessageProvider {
  readonly name = 'sandbox';

  constructor(readonly channel: NotificationChannel) {}

  async send(): Promise<DeliveryResult> {
    return { delivered: true };
  }
}
