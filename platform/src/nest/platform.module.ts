import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, Clock, systemClock } from '../clock';
import { LoadSeed } from '../demo/load-data';
import { MESSAGE_BUS, MessageBus } from '../messaging/message-bus.port';
import { MessageFactory } from '../messaging/message-factory';
import { SealedBox } from '../security/sealed-box';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface PlatformOptions {
  serviceName: string;
  bus: MessageBus;
  sealKey: string;
  clock?: Clock;
}

/** What every service gets from the platform: the bus, a message factory, time, sealing. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const clock = options.clock ?? systemClock;
    return {
      module: PlatformModule,
      providers: [
        { provide: SERVICE_NAME, useValue: options.serviceName },
        { provide: MESSAGE_BUS, useValue: options.bus },
        { provide: CLOCK, useValue: clock },
        { provide: MessageFactory, useValue: new MessageFactory(options.serviceName, () => clock.now()) },
        { provide: SealedBox, useValue: new SealedBox(options.sealKey) },
      ],
      exports: [SERVICE_NAME, MESSAGE_BUS, CLOCK, MessageFactory, SealedBox],
    };
  }
}

/** Where a service keeps its state: unset → in-memory adapters (the embedded default). */
export interface InfrastructureOptions {
  /** The service gets a database of its own on this server: services share no collections. */
  mongoUrl?: string;
  redisUrl?: string;
}

/** What the launcher hands every service module's `register()`. */
export interface ServiceModuleOptions<TConfig> {
  platform: PlatformOptions;
  config: TConfig;
  seedDemo: boolean;
  /** Load users to seed (development and test only); none when absent. */
  seedLoad?: LoadSeed;
  infrastructure?: InfrastructureOptions;
}
