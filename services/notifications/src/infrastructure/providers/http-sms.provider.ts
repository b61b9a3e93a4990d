import { Logger } from '@nestjs/common';
import { DeliveryResult, MessageProvider, ProviderMessage } from '../../message-provider.port';
import { BearerTextOptions, sendBearerText } from './bearer-text.client';
import { RetryOptions } from './http-delivery';

/** SMS through a generic HTTP gateway. */
export class HttpSmsProvider implements MessageProvider {
  readonly name = 'sms-http';
  readonly channel = 'SMS' as const;
  private readonly logger = new Logger(HttpSmsProvider.name);

  constructor(
    private readonly options: BearerTextOptions,
    private readonly retry: RetryOptions,
  ) {}

  send(message: ProviderMessage): Promise<DeliveryResult> {
    return sendBearerText(this.name, this.options, this.retry, this.logger, message);
  }
}
