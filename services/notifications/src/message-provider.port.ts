import { NotificationChannel } from '@cashout/shared-contracts';

/** A message ready for a provider; `text` may hold a secret, so it is never logged. */
export interface ProviderMessage {
  to: string;
  subject: string;
  text: string;
}

export type DeliveryResult = { delivered: true } | { delivered: false; reason: string };

/**
 * One way out of the service. A failed delivery is an expected outcome (the caller fails
 * over), so it is returned, not thrown; `reason` never contains the message text.
 */
export interface MessageProvider {
  readonly name: string;
  readonly channel: NotificationChannel;
  send(message: ProviderMessage): Promise<DeliveryResult>;
}

export const MESSAGE_PROVIDERS = Symbol('MESSAGE_PROVIDERS');

/** The provider in charge of each channel. */
export type ChannelProviders = Readonly<Record<NotificationChannel, MessageProvider>>;
