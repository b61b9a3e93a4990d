import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { PhoneSchema, RoleSchema } from '@cashout/shared-contracts';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { validatePathId } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';

/** The answer to an unlock: the user, and whether there was a lock or failures to lift. */
export const UnlockUserResponseSchema = z.object({
  user: z.object({ id: z.string(), role: RoleSchema, phone: PhoneSchema }),
  wasLocked: z.boolean(),
});
export type UnlockUserResponse = z.infer<typeof UnlockUserResponseSchema>;

/** Staff lifting a user's PIN lock before it heals by itself; the auth service records who did. */
@Controller('users')
export class UnlockUserController {
  constructor(private readonly requester: Requester) {}

  @Post(':id/unlock')
  @Roles('ADMIN')
  @HttpCode(200)
  async unlock(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<UnlockUserResponse> {
    const userId = validatePathId(id);
    const reply = expectReply(
      await this.requester.request('UnlockUser', { userId, unlockedBy: caller.actor.userId }, { aggregateId: userId, correlationId: caller.correlationId }),
      'user-unlocked',
    );
    return { user: reply.user, wasLocked: reply.wasLocked };
  }
}
