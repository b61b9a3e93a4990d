import { NotificationChannel } from '@cashout/shared-contracts';

/** Channels that can reach a client: clients have no e-mail address in this system. */
const CLIENT_ADDRESSABLE: readonly NotificationChannel[] = ['WHATSAPP', 'SMS'];

/**
 * The channels to try, in order, for a message to a client: the client's preference, then
 * the system default, then WHATSAPP, then SMS. The first is the routed channel; the rest
 * are the failover order when a provider keeps failing. Unaddressable choices (EMAIL) are
 * passed over rather than refused, so a misconfigured preference never blocks an OTP.
 */
export function clientChannelOrder(preferred: NotificationChannel | undefined, systemDefault: NotificationChannel): NotificationChannel[] {
  const candidates = [preferred, systemDefault, 'WHATSAPP', 'SMS'] as const;
  const order: NotificationChannel[] = [];
  for (const channel of candidates) {
    if (channel === undefined || !CLIENT_ADDRESSABLE.includes(channel) || order.includes(channel)) continue;
    order.push(channel);
  }
  return order;
}

/** The channel a client's message is routed to before any failover. */
export function routeClientChannel(preferred: NotificationChannel | undefined, systemDefault: NotificationChannel): NotificationChannel {
  return clientChannelOrder(preferred, systemDefault)[0];
}
