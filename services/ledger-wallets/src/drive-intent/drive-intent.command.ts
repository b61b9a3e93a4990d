import { SagaMessage } from './saga-input';

export class DriveIntentCommand {
  constructor(readonly message: SagaMessage) {}
}
