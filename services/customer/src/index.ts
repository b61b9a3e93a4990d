export { CustomerModule } from './customer.module';
export { loadCustomerConfig } from './customer.config';
export type { CustomerConfig } from './customer.config';
export { CUSTOMER_SERVICE } from './customer.messages-consumer';
