import { CustomerStatus, NotificationChannel, Role } from '@cashout/shared-contracts';

/**
 * The demo dataset docs/api.md lists ("Demo data", SEED_DEMO). Each service seeds only its own part of it:
 * auth the users and PINs, customer the profiles, ledger-wallets the opening balances,
 * notifications the whitelist. User ids are fixed so the parts agree.
 */
export interface DemoUser {
  userId: string;
  role: Role;
  phone: string;
  pin: string;
  /** Customers only (agents and clients). */
  profile?: {
    kycTier: number;
    status: CustomerStatus;
    preferredChannel?: NotificationChannel;
    whitelisted: boolean;
  };
  /** Opening balances in minor units, by wallet kind. */
  wallets?: { MAIN?: number; FLOAT?: number; COMMISSION?: number };
}

export const DEMO_CURRENCY = 'XOF';

export const DEMO_USERS: readonly DemoUser[] = [
  { userId: 'usr-admin-0001', role: 'ADMIN', phone: '+2250700000001', pin: '0000' },
  { userId: 'usr-operator-0002', role: 'OPERATOR', phone: '+2250700000002', pin: '0000' },
  {
    userId: 'usr-agent-0001',
    role: 'AGENT',
    phone: '+2250500000001',
    pin: '1234',
    profile: { kycTier: 2, status: 'ACTIVE', whitelisted: false },
    wallets: { FLOAT: 0, COMMISSION: 0 },
  },
  {
    userId: 'usr-agent-0002',
    role: 'AGENT',
    phone: '+2250500000002',
    pin: '1234',
    profile: { kycTier: 2, status: 'ACTIVE', whitelisted: false },
    wallets: { FLOAT: 0, COMMISSION: 0 },
  },
  {
    userId: 'usr-client-0001',
    role: 'CLIENT',
    phone: '+2250100000001',
    pin: '1111',
    profile: { kycTier: 2, status: 'ACTIVE', preferredChannel: 'WHATSAPP', whitelisted: true },
    wallets: { MAIN: 500_000 },
  },
  {
    userId: 'usr-client-0002',
    role: 'CLIENT',
    phone: '+2250100000002',
    pin: '1111',
    profile: { kycTier: 2, status: 'ACTIVE', preferredChannel: 'SMS', whitelisted: false },
    wallets: { MAIN: 2_000 },
  },
  {
    userId: 'usr-client-0003',
    role: 'CLIENT',
    phone: '+2250100000003',
    pin: '1111',
    profile: { kycTier: 2, status: 'SUSPENDED', whitelisted: false },
    wallets: { MAIN: 100_000 },
  },
  {
    userId: 'usr-client-0004',
    role: 'CLIENT',
    phone: '+2250100000004',
    pin: '1111',
    profile: { kycTier: 1, status: 'ACTIVE', whitelisted: false },
    wallets: { MAIN: 1_000_000 },
  },
];
