export { NotificationsModule } from './notifications.module';
export { loadNotificationsConfig } from './notifications.config';
export type { NotificationsConfig, BrevoConfig, HttpProviderConfig } from './notifications.config';
