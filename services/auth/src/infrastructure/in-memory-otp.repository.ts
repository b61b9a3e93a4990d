import { Injectable } from '@nestjs/common';
import { InMemoryStreamStore, VersionedDocuments } from '@cashout/platform';
import { OtpDocument } from '../otp.repository.port';
import { StreamOtpRepository } from './stream-otp.repository';

/** The OTPs of the embedded default. */
@Injectable()
export class InMemoryOtpRepository extends StreamOtpRepository {
  constructor() {
    super(new VersionedDocuments<OtpDocument>(new InMemoryStreamStore({ retainHistory: false })));
  }
}
