import { DynamicModule, Inject, Module, OnApplicationShutdown, Optional, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Connection } from 'mongoose';
import { JwtCodec, PlatformModule, seedPlanProvider, ServiceModuleOptions } from '@cashout/platform';
import { connectMongo, MONGO_CONNECTION } from '@cashout/platform/mongo';
import { AUTH_CONFIG, AuthConfig } from './auth.config';
import { AuthMessagesConsumer } from './auth.messages-consumer';
import { AuthOutboxRelay } from './auth.outbox-relay';
import { HASHER } from './hasher.port';
import { BcryptHasher } from './infrastructure/bcrypt.hasher';
import { PepperedHasher } from './infrastructure/peppered.hasher';
import { InMemoryOtpRepository } from './infrastructure/in-memory-otp.repository';
import { InMemoryUserRepository } from './infrastructure/in-memory-user.repository';
import { MongoOtpRepository } from './infrastructure/mongo-otp.repository';
import { MongoUserRepository } from './infrastructure/mongo-user.repository';
import { InvalidateOtpHandler } from './invalidate-otp/invalidate-otp.handler';
import { IssueOtpHandler } from './issue-otp/issue-otp.handler';
import { LoginHandler } from './login/login.handler';
import { OTP_REPOSITORY } from './otp.repository.port';
import { UsersSeeder } from './infrastructure/users.seeder';
import { USER_REPOSITORY } from './user.repository.port';
import { VerifyOtpHandler } from './verify-otp/verify-otp.handler';
import { UnlockUserHandler } from './unlock-user/unlock-user.handler';
import { VerifyPinHandler } from './verify-pin/verify-pin.handler';

/** The service's own database on a shared server. */
/** The service's name; the database is `<prefix>-auth` (see connectMongo). */
export const AUTH_DATABASE = 'auth';

/**
 * MongoDB when the launcher gives a URL, else the in-memory twins. The connection comes from
 * an async factory and each repository creates its indexes in its own factory, so both are
 * ready before any onModuleInit (the seeder's) touches them.
 */
function repositoryProviders(mongoUrl: string | undefined): Provider[] {
  if (!mongoUrl) {
    return [
      { provide: USER_REPOSITORY, useClass: InMemoryUserRepository },
      { provide: OTP_REPOSITORY, useClass: InMemoryOtpRepository },
    ];
  }
  return [
    { provide: MONGO_CONNECTION, useFactory: () => connectMongo(mongoUrl, AUTH_DATABASE) },
    { provide: USER_REPOSITORY, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => MongoUserRepository.create(connection) },
    { provide: OTP_REPOSITORY, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => MongoOtpRepository.create(connection) },
  ];
}

/** Users, PINs and lockout, OTPs and tokens: commands in on auth.commands, outcomes out. */
@Module({})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(MONGO_CONNECTION) private readonly mongo?: Connection) {}

  static register(options: ServiceModuleOptions<AuthConfig>): DynamicModule {
    return {
      module: AuthModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: AUTH_CONFIG, useValue: options.config },
        seedPlanProvider(options),
        { provide: JwtCodec, useValue: new JwtCodec(options.config.jwt) },
        { provide: BcryptHasher, useFactory: () => new BcryptHasher(options.config.hashWorkers) },
        { provide: HASHER, useFactory: (bcrypt: BcryptHasher) => new PepperedHasher(bcrypt, options.config.hashPepper), inject: [BcryptHasher] },
        ...repositoryProviders(options.infrastructure?.mongoUrl),
        AuthOutboxRelay,
        UsersSeeder,
        AuthMessagesConsumer,
        LoginHandler,
        IssueOtpHandler,
        VerifyOtpHandler,
        InvalidateOtpHandler,
        VerifyPinHandler,
        UnlockUserHandler,
      ],
    };
  }

  /** Nest runs the module's own hook after its providers' (the relay stops first). */
  async onApplicationShutdown(): Promise<void> {
    await this.mongo?.close();
  }
}
