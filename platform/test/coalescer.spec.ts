import { Coalescer } from '../src/batching/coalescer';

describe('Coalescer', () => {
  it('given items submitted while a batch is on its way, when it returns, then they go together in the next batch', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((item) => ({ ok: true, value: item * 10 }));
    });

    const first = coalescer.submit(1);
    const later = [coalescer.submit(2), coalescer.submit(3)];
    release();

    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('given a batch that fails one item or throws, when settled, then only that item, or every item of the batch, is rejected', async () => {
    const coalescer = new Coalescer<string, string>(async (items) => {
      if (items.includes('boom')) throw new Error('batch lost');
      return items.map((item) => (item === 'bad' ? { ok: false, error: new Error('refused') } : { ok: true, value: item }));
    });

    await expect(Promise.all([coalescer.submit('good'), coalescer.submit('bad').catch((error: Error) => error.message)])).resolves.toEqual(['good', 'refused']);
    await expect(coalescer.submit('boom')).rejects.toThrow('batch lost');
    await expect(coalescer.submit('after')).resolves.toBe('after');
  });
});
