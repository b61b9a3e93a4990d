import { Logger } from '@nestjs/common';
import { DeliveryResult, MessageProvider, ProviderMessage } from '../../message-provider.port';
import { RetryOptions, postJsonWithRetry } from './http-delivery';

export interface BrevoOptions {
  baseUrl: string;
  apiKey: string;
  senderEmail: string;
  senderName: string;
}

/** Brevo's transactional e-mail API: POST /v3/smtp/email with an `api-key` header. */
export class BrevoEmailProvider implements MessageProvider {
  readonly name = 'brevo';
  readonly channel = 'EMAIL' as const;
  private readonly logger = new Logger(BrevoEmailProvider.name);

  constructor(
    private readonly options: BrevoOptions,
    private readonly retry: RetryOptions,
  ) {}

  send(message: ProviderMessage): Promise<DeliveryResult> {
    return postJsonWithRetry(
      this.name,
      {
        url: `${this.options.baseUrl}/v3/smtp/email`,
        headers: { 'api-key': this.options.apiKey },
        body: {
          sender: { name: this.options.senderName, email: this.options.senderEmail },
          to: [{ email: message.to }],
          subject: message.subject,
          textContent: message.text,
        },
      },
      this.retry,
      this.logger,
    );
  }
}
