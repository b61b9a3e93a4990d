import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtCodec, PlatformModule, ServiceModuleOptions } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from './auth.config';
import { AuthMessagesConsumer } from './auth.messages-consumer';
import { AuthOutboxRelay } from './auth.outbox-relay';
import { HASHER } from './hasher.port';
import { BcryptHasher } from './infrastructure/bcrypt.hasher';
import { InMemoryOtpRepository } from './infrastructure/in-memory-otp.repository';
import { InMemoryUserRepository } from './infrastructure/in-memory-user.repository';
import { InvalidateOtpHandler } from './invalidate-otp/invalidate-otp.handler';
import { IssueOtpHandler } from './issue-otp/issue-otp.handler';
import { LoginHandler } from './login/login.handler';
import { OTP_REPOSITORY } from './otp.repository.port';
import { DemoUsersSeeder, SEED_DEMO } from './seed-demo-users/demo-users.seeder';
import { USER_REPOSITORY } from './user.repository.port';
import { VerifyOtpHandler } from './verify-otp/verify-otp.handler';
import { VerifyPinHandler } from './verify-pin/verify-pin.handler';

/** Users, PINs and lockout, OTPs and tokens: commands in on auth.commands, outcomes out. */
@Module({})
export class AuthModule {
  static register(options: ServiceModuleOptions<AuthConfig>): DynamicModule {
    return {
      module: AuthModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: AUTH_CONFIG, useValue: options.config },
        { provide: SEED_DEMO, useValue: options.seedDemo },
        { provide: JwtCodec, useValue: new JwtCodec(options.config.jwtSecret) },
        { provide: HASHER, useClass: BcryptHasher },
        { provide: USER_REPOSITORY, useClass: InMemoryUserRepository },
        { provide: OTP_REPOSITORY, useClass: InMemoryOtpRepository },
        AuthOutboxRelay,
        DemoUsersSeeder,
        AuthMessagesConsumer,
        LoginHandler,
        IssueOtpHandler,
        VerifyOtpHandler,
        InvalidateOtpHandler,
        VerifyPinHandler,
      ],
    };
  }
}
