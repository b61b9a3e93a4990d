import { Connection } from 'mongoose';
import { VersionedDocuments } from '@cashout/platform';
import { MongoStreamStore } from '@cashout/platform/mongo';
import { OtpDocument } from '../otp.repository.port';
import { StreamOtpRepository } from './stream-otp.repository';

const OTP_LINES = 'otp_lines';

/** OTPs on MongoDB: the OTP of each intent is a stream of versions. */
export class MongoOtpRepository {
  static async create(connection: Connection): Promise<StreamOtpRepository> {
    const streams = await MongoStreamStore.create<Omit<OtpDocument, 'version'>>(connection, OTP_LINES);
    return new StreamOtpRepository(new VersionedDocuments<OtpDocument>(streams));
  }
}
