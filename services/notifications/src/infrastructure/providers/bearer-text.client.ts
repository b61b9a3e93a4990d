import { Logger } from '@nestjs/common';
import { DeliveryResult, ProviderMessage } from '../../message-provider.port';
import { RetryOptions, postJsonWithRetry } from './http-delivery';

export interface BearerTextOptions {
  baseUrl: string;
  token: string;
}

/** The generic WhatsApp/SMS HTTP API: POST {base}/messages, Bearer token, JSON {to, text}. */
export function sendBearerText(
  provider: string,
  options: BearerTextOptions,
  retry: RetryOptions,
  logger: Logger,
  message: ProviderMessage,
): Promise<DeliveryResult> {
  return postJsonWithRetry(
    provider,
    {
      url: `${options.baseUrl}/messages`,
      headers: { authorization: `Bearer ${options.token}` },
      body: { to: message.to, text: message.text },
    },
    retry,
    logger,
  );
}
