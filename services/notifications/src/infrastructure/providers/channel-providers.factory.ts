import { NotificationsConfig } from '../../notifications.config';
import { ChannelProviders } from '../../message-provider.port';
import { BrevoEmailProvider } from './brevo-email.provider';
import { HttpSmsProvider } from './http-sms.provider';
import { SandboxProvider } from './sandbox.provider';
import { TambilaWhatsappProvider } from './tambila-whatsapp.provider';
import { RetryOptions } from './http-delivery';

/** A configured provider per channel, the sandbox where none is configured. */
export function createChannelProviders(config: NotificationsConfig): ChannelProviders {
  const retry: RetryOptions = {
    tries: config.providerRetries,
    timeoutMs: config.providerTimeoutMs,
    backoffMs: config.providerBackoffMs,
  };
  return {
    EMAIL: config.brevo ? new BrevoEmailProvider(config.brevo, retry) : new SandboxProvider('EMAIL'),
    WHATSAPP: config.tambila ? new TambilaWhatsappProvider(config.tambila, retry) : new SandboxProvider('WHATSAPP'),
    SMS: config.sms ? new HttpSmsProvider(config.sms, retry) : new SandboxProvider('SMS'),
  };
}
