import { createSecretKey, KeyObject } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { RoleSchema } from '@cashout/shared-contracts';

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  role: RoleSchema,
  phone: z.string(),
  /** The user's token version at issue: a lower one than the user's current is revoked. Absent = 0. */
  tv: z.number().int().min(0).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof ClaimsSchema>;

/** One signing key and the id tokens name it by (the `kid` header), for rotation. */
export interface JwtKey {
  id: string;
  secret: string;
}

export interface JwtSettings {
  /** Signs new tokens and verifies them. */
  current: JwtKey;
  /** During a rotation, the key tokens issued before it were signed with: still verified. */
  previous?: JwtKey;
  /** `iss` of every token: the auth service. */
  issuer: string;
  /** `aud` of every token: the gateway. */
  audience: string;
  /** No token may live longer, whatever it says: a longer one is refused. */
  maxLifetimeSeconds: number;
}

/**
 * HS256 JSON Web Tokens with jose: issued by auth, checked by the gateway and auth. Every
 * token names its key (`kid`), its issuer and its audience, and lives at most
 * `maxLifetimeSeconds`; a token failing any of these is refused like a forged one.
 */
export class JwtCodec {
  private readonly keys = new Map<string, KeyObject>();

  constructor(private readonly settings: JwtSettings) {
    for (const key of [settings.current, settings.previous]) if (key) this.keys.set(key.id, createSecretKey(Buffer.from(key.secret, 'utf8')));
  }

  async sign(claims: Pick<TokenClaims, 'sub' | 'role' | 'phone' | 'tv'>, ttlSeconds: number, now = new Date()): Promise<string> {
    if (ttlSeconds > this.settings.maxLifetimeSeconds)
      throw new RangeError(`a token may live ${this.settings.maxLifetimeSeconds} s at most, not ${ttlSeconds}`);
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ role: claims.role, phone: claims.phone, tv: claims.tv ?? 0 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.settings.current.id })
      .setSubject(claims.sub)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.keys.get(this.settings.current.id) as KeyObject);
  }

  /** The claims of a valid, unexpired token of ours; undefined for anything else. */
  async verify(token: string, now = new Date()): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, async (header) => this.keyFor(header.kid), {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        currentDate: now,
        requiredClaims: ['sub', 'iat', 'exp'],
      });
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success || claims.data.exp - claims.data.iat > this.settings.maxLifetimeSeconds) return undefined;
      return claims.data;
    } catch (error) {
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }

  private keyFor(kid: string | undefined): KeyObject {
    const key = kid === undefined ? undefined : this.keys.get(kid);
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  }
}
