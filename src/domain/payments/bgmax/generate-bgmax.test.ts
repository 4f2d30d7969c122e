/**
 * Goal: generateBgMax writes files that parseBgMax accepts and reads back unchanged, at any
 * size. Method: round trips of small hand-picked payments, of deposits split by size, and of
 * one 160 000-payment deposit (correctness only: timing is for the benchmark, not asserted).
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../calendar-date.ts';
import { ore } from '../../money.ts';
import { InvariantError } from '../../result.ts';
import { describeParseIssue, type BankFile } from '../bank-file.ts';
import { generateBgMax } from './generate-bgmax.ts';
import { parseBgMax } from './parse-bgmax.ts';

function parsed(text: string): BankFile {
  const result = parseBgMax(text);
  if (!result.ok) throw new Error(result.error.map(describeParseIssue).join('\n'));
  return result.value;
}

describe('generateBgMax', () => {
  it('round-trips OCR, text and missing references, a deduction, extras, message and name', () => {
    const text = generateBgMax({
      paymentDate: calendarDate('2025-03-14'),
      test: true,
      payments: [
        { reference: '655969', amountOre: ore(125_000n), payerName: 'Kalles Plåt AB' },
        {
          reference: '657866 658765',
          amountOre: ore(40_050n),
          extraReferences: ['657866', '658765'],
        },
        { reference: '89853', amountOre: ore(5_000n), deduction: true },
        { reference: '', amountOre: ore(99n), message: 'Faktura 1042' },
      ],
    });
    expect(text.split('\n').every((line) => line.length === 80 || line === '')).toBe(true);
    const file = parsed(text);
    expect(file).toMatchObject({ test: true, createdAt: '2025-03-14T06:00:00.000000' });
    const [section] = file.sections;
    expect(section).toMatchObject({
      bookingDate: '2025-03-14',
      amountOre: 160_149n,
      currency: 'SEK',
    });
    expect(section!.payments.map((p) => [p.kind, p.amountOre, p.references, p.structured])).toEqual(
      [
        ['payment', 125_000n, ['655969'], true],
        ['payment', 40_050n, ['657866', '658765'], false],
        ['deduction', 5_000n, ['89853'], true],
        ['payment', 99n, [], false],
      ],
    );
    expect(section!.payments[0]!.payer?.name).toBe('Kalles Plåt AB');
    expect(section!.payments[3]!.message).toBe('Faktura 1042');
  });

  it('splits payments into deposits of at most paymentsPerDeposit', () => {
    const payments = Array.from({ length: 7 }, (_, i) => ({
      reference: `${i + 1}8`,
      amountOre: ore(100n),
    }));
    const file = parsed(generateBgMax({ payments, paymentsPerDeposit: 3 }));
    expect(file.sections.map((s) => s.payments.length)).toEqual([3, 3, 1]);
    expect(file.sections.map((s) => s.depositReference)).toEqual(['00001', '00002', '00003']);
  });

  it('writes a file without deposits when there are no payments', () => {
    expect(parsed(generateBgMax({ payments: [] })).sections).toEqual([]);
  });

  it('refuses a reference that does not fit the 25-column field', () => {
    const payments = [{ reference: '1'.repeat(26), amountOre: ore(1n) }];
    expect(() => generateBgMax({ payments })).toThrow(InvariantError);
  });

  it('round-trips 160 000 payments in one deposit (no stack overflow summing them)', () => {
    const payments = Array.from({ length: 160_000 }, (_, i) => ({
      reference: String(1_000_000 + i),
      amountOre: ore(BigInt(1 + ((i * 7919) % 1_000_000))),
    }));
    const file = parsed(generateBgMax({ payments, paymentsPerDeposit: 160_000 }));
    const read = file.sections.flatMap((s) => s.payments);
    expect(file.sections).toHaveLength(1);
    expect(read.every((p, i) => p.amountOre === payments[i]!.amountOre)).toBe(true);
    expect(new Set(read.map((p) => p.bankReference)).size).toBe(160_000);
  });
});
