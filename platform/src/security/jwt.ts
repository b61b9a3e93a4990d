import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { RoleSchema } from '@cashout/shared-contracts';

export const TokenClaimsSchema = z.object({
  sub: z.string().min(1),
  role: RoleSchema,
  phone: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** HS256 JSON Web Tokens: issued by auth, checked by the gateway and auth. */
export class JwtCodec {
  constructor(private readonly secret: string) {}

  sign(claims: Omit<TokenClaims, 'iat' | 'exp'>, ttlSeconds: number, now = new Date()): string {
    const iat = Math.floor(now.getTime() / 1000);
    const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, iat, exp: iat + ttlSeconds })}`;
    return `${body}.${this.signature(body)}`;
  }

  /** The claims of a valid, unexpired token; undefined for anything else. */
  verify(token: string, now = new Date()): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const expected = Buffer.from(this.signature(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: unknown };
      if (header.alg !== 'HS256') return undefined;
      const claims = TokenClaimsSchema.safeParse(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
      if (!claims.success || claims.data.exp * 1000 <= now.getTime()) return undefined;
      return claims.data;
    } catch {
      return undefined;
    }
  }

  private signature(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
