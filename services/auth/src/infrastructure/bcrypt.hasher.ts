import { Injectable } from '@nestjs/common';
import { compare, hash } from 'bcryptjs';
import { Hasher } from '../hasher.port';

@Injectable()
export class BcryptHasher implements Hasher {
  hash(secret: string, cost: number): Promise<string> {
    return hash(secret, cost);
  }

  matches(secret: string, hashed: string): Promise<boolean> {
    return compare(secret, hashed);
  }
}
