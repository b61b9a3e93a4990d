import { Injectable } from '@nestjs/common';
import { InMemoryStreamStore, VersionedDocuments } from '@cashout/platform';
import { UserDocument } from '../user.repository.port';
import { StreamUserRepository } from './stream-user.repository';

/** The users of the embedded default. */
@Injectable()
export class InMemoryUserRepository extends StreamUserRepository {
  constructor() {
    const phones = new Map<string, string>();
    super(new VersionedDocuments<UserDocument>(new InMemoryStreamStore({ retainHistory: false })), {
      claim: async (phone, userId) => {
        const owner = phones.get(phone) ?? userId;
        phones.set(phone, owner);
        return owner;
      },
      owner: async (phone) => phones.get(phone),
    });
  }
}
