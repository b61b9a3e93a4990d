import { Logger } from '@nestjs/common';
import { DeliveryResult, MessageProvider, ProviderMessage } from '../../message-provider.port';
import { BearerTextOptions, sendBearerText } from './bearer-text.client';
import { RetryOptions } from './http-delivery';

/** WhatsApp through Tambila's HTTP API. */
export class TambilaWhatsappProvider implements MessageProvider {
  readonly name = 'tambila';
  readonly channel = 'WHATSAPP' as const;
  private readonly logger = new Logger(TambilaWhatsappProvider.name);

  constructor(
    private readonly options: BearerTextOptions,
    private readonly retry: RetryOptions,
  ) {}

  send(message: ProviderMessage): Promise<DeliveryResult> {
    return sendBearerText(this.name, this.options, this.retry, this.logger, message);
  }
}
