import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';
import { MESSAGE_BUS, MessageBus } from '@cashout/platform';
import { Roles } from '../http/access.decorators';

export const DeadLettersSchema = z.object({
  count: z.number().int().min(0).describe('messages on the dead-letter topic now (end minus start offsets)'),
});
export type DeadLetters = z.infer<typeof DeadLettersSchema>;

/**
 * How many messages wait on the dead-letter topic, for the console's operations view: the
 * figure of the `dead_letter_messages` gauge, read on demand from the bus. ADMIN only, like
 * the ops CLI that reads and redrives them. A controller of its own because the operations
 * controller is public as a whole.
 */
@Controller('operations')
export class DeadLettersController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Get('dead-letters')
  @Roles('ADMIN')
  async count(): Promise<DeadLetters> {
    return { count: await this.bus.countDeadLetters() };
  }
}
