import { Injectable } from '@nestjs/common';
import { AdmitResult, BudgetClaim, BudgetsRepository } from '../budgets.repository.port';

/**
 * The budgets of the embedded default: key → member → when it stops counting. Each
 * admission runs to its end without awaiting, so none interleaves with another, as the
 * Redis script runs alone. A key is dropped once nothing counts under it.
 */
@Injectable()
export class InMemoryBudgetsRepository implements BudgetsRepository {
  private readonly members = new Map<string, Map<string, number>>();

  async admit(member: string, claims: BudgetClaim[], until: Date, now: Date): Promise<AdmitResult> {
    const nowMs = now.getTime();
    for (const claim of claims) {
      const counted = this.live(claim.key, nowMs);
      if (counted.has(member) || counted.size < claim.limit) continue;
      return { admitted: false, key: claim.key, retryAfterMs: Math.min(...counted.values()) - nowMs };
    }
    for (const claim of claims) {
      const counted = this.live(claim.key, nowMs);
      if (!counted.has(member)) counted.set(member, until.getTime());
      this.members.set(claim.key, counted);
    }
    return { admitted: true };
  }

  async remove(member: string, keys: string[]): Promise<void> {
    for (const key of keys) {
      const counted = this.members.get(key);
      counted?.delete(member);
      if (counted?.size === 0) this.members.delete(key);
    }
  }

  /** The members of `key` still counting at `nowMs` (the expired ones are dropped). */
  private live(key: string, nowMs: number): Map<string, number> {
    const counted = this.members.get(key) ?? new Map<string, number>();
    for (const [member, until] of counted) if (until <= nowMs) counted.delete(member);
    if (counted.size === 0) this.members.delete(key);
    return counted;
  }
}
