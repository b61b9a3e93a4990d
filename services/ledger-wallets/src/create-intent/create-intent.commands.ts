import { Message } from '@cashout/shared-contracts';

/** A gateway request to open a cash-out intent. */
export class CreateIntentCommand {
  constructor(readonly message: Message<'CreateCashOutIntent'>) {}
}

/** The customer service's answer: parties resolved or refused. */
export class RecordPartiesCommand {
  constructor(readonly message: Message<'PartiesResolved' | 'PartiesRejected'>) {}
}

/** The risk engine's creation-time evaluation. */
export class RecordEvaluationCommand {
  constructor(readonly message: Message<'CashOutEvaluated'>) {}
}
