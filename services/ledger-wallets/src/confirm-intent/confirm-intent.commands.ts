import { Message } from '@cashout/shared-contracts';

export class ConfirmIntentCommand {
  constructor(readonly message: Message<'ConfirmIntent'>) {}
}

export class RecordReservationCommand {
  constructor(readonly message: Message<'CashOutReserved'>) {}
}
