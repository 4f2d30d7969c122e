import { describe, expect, it } from 'vitest';
import { WriteChain } from './import-batch-writes.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteChain', () => {
  it('runs writes one after another in the order added, at most one waiting', async () => {
    const chain = new WriteChain();
    const log: string[] = [];
    let release: (() => void) | undefined;
    const slow = () =>
      new Promise<void>((resolve) => {
        log.push('first starts');
        release = () => {
          log.push('first ends');
          resolve();
        };
      });
    await chain.add(slow); // returns at once: nothing ran before it
    let secondAdded = false;
    const adding = chain
      .add(async () => {
        log.push('second runs');
      })
      .then(() => (secondAdded = true));
    await tick();
    expect(secondAdded).toBe(false); // waits for the first write
    release!();
    await adding;
    await chain.settle();
    expect(log).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('a failed write fails settle and skips the writes after it', async () => {
    const chain = new WriteChain();
    let ranAfter = false;
    await chain.add(async () => {
      throw new Error('statement failed');
    });
    await expect(
      chain.add(async () => {
        ranAfter = true;
      }),
    ).rejects.toThrow('statement failed');
    await expect(chain.settle()).rejects.toThrow('statement failed');
    expect(ranAfter).toBe(false);
  });
});
