/**
 * Goal: the recorder writes outcomes in batches, counts only what the store recorded, and when
 * a batch fails writes its outcomes one by one so that one bad row holds back no other. Method:
 * a store that refuses every batch holding a chosen document, and that skips another one (as if
 * another dispatcher had recorded it).
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../adapters/clock/manual-clock.ts';
import { calendarDate } from '../../domain/calendar-date.ts';
import type { AppContext } from '../context.ts';
import type { OutgoingDocument } from '../ports.ts';
import type { FinishedAttempt, Stores } from '../stores.ts';
import { delivered, failedAttempt, type Tally } from './finished-attempts.ts';
import { OutcomeRecorder } from './outcome-recorder.ts';

const doc = (documentId: string): OutgoingDocument => ({
  tenantId: 't1',
  documentId,
  invoiceId: `inv-${documentId}`,
  kind: 'invoice',
  channel: 'email',
  documentDate: calendarDate('2026-03-02'),
  recipient: { name: 'Anna', email: 'anna@example.se' },
  payload: {},
});

function setup(poison: string, skipped: string) {
  const batches: string[][] = [];
  const written: string[] = [];
  let ids = 0;
  const finishAttempts = (attempts: readonly FinishedAttempt[]) => {
    batches.push(attempts.map((a) => a.documentId));
    if (attempts.some((a) => a.documentId === poison))
      return Promise.reject(new Error(`cannot write ${poison}`));
    const recorded = attempts.filter((a) => a.documentId !== skipped);
    written.push(...recorded.map((a) => a.documentId));
    return Promise.resolve(recorded);
  };
  const stores = { documents: { finishAttempts } } as unknown as Stores;
  const ctx = {
    uow: { transaction: <T>(fn: (s: Stores) => Promise<T>) => fn(stores), read: stores },
    clock: new ManualClock(calendarDate('2026-03-02')),
    ids: { newId: () => `id-${(ids += 1)}` },
  } as unknown as AppContext;
  return { ctx, batches, written };
}

describe('OutcomeRecorder', () => {
  it('writes what arrives while a batch is being written as the next batch', async () => {
    const { ctx, batches } = setup('none', 'none');
    const tallies: Tally[] = [];
    const recorder = new OutcomeRecorder(ctx, (t) => tallies.push(t));
    for (const id of ['a', 'b', 'c']) recorder.add(delivered(ctx, doc(id), 1));
    await recorder.flush();
    expect(batches).toEqual([['a'], ['b', 'c']]);
    expect(tallies).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('retries a failed batch one by one, counts only what was recorded, then reports the error', async () => {
    const { ctx, batches, written } = setup('bad', 'late');
    const tallies: Tally[] = [];
    const recorder = new OutcomeRecorder(ctx, (t) => tallies.push(t));
    recorder.add(delivered(ctx, doc('first'), 1));
    recorder.add(delivered(ctx, doc('ok'), 1));
    recorder.add(delivered(ctx, doc('bad'), 1));
    recorder.add(delivered(ctx, doc('late'), 2));
    recorder.add(failedAttempt(ctx, doc('retry'), 1, 'timeout'));
    await expect(recorder.flush()).rejects.toThrow('cannot write bad');
    expect(batches).toEqual([
      ['first'],
      ['ok', 'bad', 'late', 'retry'],
      ['ok'],
      ['bad'],
      ['late'],
      ['retry'],
    ]);
    expect(written).toEqual(['first', 'ok', 'retry']);
    expect(tallies).toEqual(['delivered', 'delivered', 'retried']);
  });
});
