import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SRC = resolve(__dirname, '../src');
const DRIVERS = ['kafkajs', 'mongoose', 'mongodb', 'ioredis'];

/** Every module an entry point loads, following its relative imports and re-exports. */
function graphOf(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const sources = [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)].map((match) => match[1]);
    seen.set(file, sources);
    for (const source of sources.filter((name) => name.startsWith('.'))) {
      const target = [`${resolve(dirname(file), source)}.ts`, resolve(dirname(file), source, 'index.ts')].find(existsSync);
      if (target) visit(target);
    }
  };
  visit(resolve(SRC, entry));
  return seen;
}

const driversLoadedBy = (entry: string): string[] =>
  [...graphOf(entry).values()].flat().filter((source) => DRIVERS.some((driver) => source === driver || source.startsWith(`${driver}/`)));

/**
 * The platform's entry points: what every service loads (`@cashout/platform`) imports no
 * driver, directly or through another module; each driver comes with its own entry point.
 */
describe("the platform's entry points", () => {
  it('@cashout/platform loads no driver: code on the embedded bus never loads kafkajs, mongoose or ioredis', () => {
    expect(driversLoadedBy('index.ts')).toEqual([]);
  });

  it('each driver is behind its own entry point', () => {
    expect(new Set(driversLoadedBy('kafka.ts'))).toContain('kafkajs');
    expect(new Set(driversLoadedBy('mongo.ts'))).toEqual(new Set(['mongoose']));
    expect(new Set(driversLoadedBy('redis.ts'))).toEqual(new Set(['ioredis']));
  });
});
