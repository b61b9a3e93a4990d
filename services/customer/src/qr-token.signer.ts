import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CUSTOMER_CONFIG, CustomerConfig } from './customer.config';

/** 144 random bits: beyond guessing, and a whole number of base64 characters. */
const TOKEN_ID_BYTES = 18;
const TOKEN_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

const sameBytes = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * QR tokens are `<random id>.<HMAC-SHA256(id)>`, base64url. The signature lets a forged
 * token be refused before any store lookup; the store keeps only a hash of the token.
 */
@Injectable()
export class QrTokenSigner {
  constructor(@Inject(CUSTOMER_CONFIG) private readonly config: CustomerConfig) {}

  newTokenId(): string {
    return randomBytes(TOKEN_ID_BYTES).toString('base64url');
  }

  sign(tokenId: string): string {
    return `${tokenId}.${this.signature(tokenId)}`;
  }

  /** The token id of a well-signed token; undefined for anything else. */
  verify(token: string): string | undefined {
    const parts = token.split('.');
    if (parts.length !== 2) return undefined;
    const [tokenId, signature] = parts;
    if (!TOKEN_ID_PATTERN.test(tokenId)) return undefined;
    return sameBytes(this.signature(tokenId), signature) ? tokenId : undefined;
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  matchesHash(token: string, tokenHash: string): boolean {
    return sameBytes(this.hash(token), tokenHash);
  }

  private signature(tokenId: string): string {
    // The prefix keeps these signatures apart from anything else signed with a shared secret.
    return createHmac('sha256', this.config.qrTokenSecret).update(`qr-token:v1:${tokenId}`).digest('base64url');
  }
}
