import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory, SealedBox } from '@cashout/platform';
import { ClientProfile, PayloadOf } from '@cashout/shared-contracts';
import { CUSTOMER_PROFILE_REPOSITORY, CustomerProfileRepository } from '../customer-profile.repository.port';
import { CustomerProfile } from '../domain/customer-profile';
import { Decision } from '../domain/decision';
import { checkQrTokenUse, qrConsumeResult } from '../domain/qr-token';
import { ResolvedAgent, agentLookup, resolveAgent } from '../domain/resolve-agent';
import { ClientLookup, clientLookup, resolveClient } from '../domain/resolve-client';
import { QR_TOKEN_REPOSITORY, QrTokenRepository } from '../qr-token.repository.port';
import { QrTokenSigner } from '../qr-token.signer';
import { ResolvePartiesCommand } from './resolve-parties.command';

/** Stands for a sealed QR token that did not open: it verifies as no token does. */
const UNOPENABLE_QR_TOKEN = 'unopenable';

/**
 * Answers PartiesResolved or PartiesRejected. The only state it changes is a QR token's
 * consumption, which is idempotent per intent, so a redelivery re-publishes the same
 * answer and no outbox is needed.
 */
@CommandHandler(ResolvePartiesCommand)
export class ResolvePartiesHandler implements ICommandHandler<ResolvePartiesCommand> {
  private readonly logger = new Logger(ResolvePartiesHandler.name);

  constructor(
    @Inject(CUSTOMER_PROFILE_REPOSITORY) private readonly profiles: CustomerProfileRepository,
    @Inject(QR_TOKEN_REPOSITORY) private readonly qrTokens: QrTokenRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
    private readonly signer: QrTokenSigner,
    private readonly sealedBox: SealedBox,
  ) {}

  async execute({ message }: ResolvePartiesCommand): Promise<void> {
    const { intentId, stepId } = message.payload;
    const resolved = await this.resolve(message.payload);
    if (resolved.ok) {
      await this.bus.publish([this.messages.reply(message, 'PartiesResolved', { intentId, stepId, ...resolved.value })]);
      return;
    }
    this.logger.log(`parties of intent ${intentId} rejected: ${resolved.error.code} ${resolved.error.message}`);
    await this.bus.publish([this.messages.reply(message, 'PartiesRejected', { intentId, stepId, error: resolved.error })]);
  }

  /**
   * The QR token as the rules read it: opened from its seal (a seal that does not open counts
   * as a token that does not verify), or in clear from a version-1 sender.
   */
  private withQrTokenOpened(request: PayloadOf<'ResolveParties'>): PayloadOf<'ResolveParties'> {
    if (request.sealedClientQrToken === undefined) return request;
    const opened = this.sealedBox.open(request.sealedClientQrToken);
    return { ...request, clientQrToken: opened ?? UNOPENABLE_QR_TOKEN };
  }

  private async resolve(request: PayloadOf<'ResolveParties'>): Promise<Decision<{ agent: ResolvedAgent; client: ClientProfile }>> {
    const lookup = agentLookup(request.actor, request.agentPhone);
    if (!lookup.ok) return lookup;
    const agentProfile =
      lookup.value.by === 'phone' ? await this.profiles.findByPhone(lookup.value.phone) : await this.profiles.findByUserId(lookup.value.userId);
    const agent = resolveAgent(lookup.value, agentProfile);
    if (!agent.ok) return agent;

    const designation = clientLookup(this.withQrTokenOpened(request));
    if (!designation.ok) return designation;
    const clientProfile = await this.findClient(designation.value, request.intentId);
    if (!clientProfile.ok) return clientProfile;
    const client = resolveClient(designation.value, clientProfile.value, agent.value);
    if (!client.ok) return client;
    return { ok: true, value: { agent: agent.value, client: client.value } };
  }

  /** By QR token: the signature first, then the store, then the token is consumed for the intent. */
  private async findClient(lookup: ClientLookup, intentId: string): Promise<Decision<CustomerProfile | undefined>> {
    if (lookup.by === 'phone') return { ok: true, value: await this.profiles.findByPhone(lookup.phone) };
    const tokenId = this.signer.verify(lookup.token);
    const stored = tokenId ? await this.qrTokens.findById(tokenId) : undefined;
    const genuine = stored && this.signer.matchesHash(lookup.token, stored.tokenHash) ? stored : undefined;
    const use = checkQrTokenUse(genuine, intentId, this.clock.now());
    if (!use.ok) return use;
    const { action, token } = use.value;
    if (action === 'consume') {
      const consumed = qrConsumeResult(await this.qrTokens.consume(token.tokenId, intentId));
      if (!consumed.ok) return consumed;
    }
    return { ok: true, value: await this.profiles.findByUserId(token.userId) };
  }
}
