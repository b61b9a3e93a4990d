import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { z } from 'zod';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller, GatewayResponse } from '../http/request-context';
import { validateEmptyBody } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';

export const QrTokenResponseSchema = z.object({ qrToken: z.string(), expiresAt: z.string() });

@Controller('customers/me')
export class IssueQrTokenController {
  constructor(private readonly requester: Requester) {}

  @Post('qr-token')
  @Roles('CLIENT')
  @HttpCode(201)
  async issue(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: GatewayResponse,
  ): Promise<z.infer<typeof QrTokenResponseSchema>> {
    validateEmptyBody(body);
    const reply = expectReply(
      await this.requester.request('IssueQrToken', { actor: caller.actor }, { aggregateId: caller.actor.userId, correlationId: caller.correlationId }),
      'qr-token',
    );
    // The token lets an agent cash out on the client's behalf: no cache may keep it.
    response.setHeader('Cache-Control', 'no-store');
    return { qrToken: reply.qrToken, expiresAt: reply.expiresAt };
  }
}
