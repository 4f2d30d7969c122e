/**
 * Goal: the payment-order application states capital, interest to the day (with its half-year
 * rates), running interest, each cost charged and the grounds exactly, and is refused without the
 * respondent's identity number. Method: snapshots from the engine's base case and domain.md
 * vector 10 (10 000 kr, 2025-06-16…07-15: 15 days at 11 % + 15 at 10 % = 86,30 kr).
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../calendar-date.ts';
import { BUILT_IN_REFERENCE_RATES } from '../interest/reference-rate.ts';
import { ore, ZERO_ORE } from '../money.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { afterDemand, caseSnapshot } from './engine-test-support.ts';
import {
  buildPaymentOrderApplication,
  paymentOrderApplicationIssues,
  shortDescription,
  type PaymentOrderInput,
} from './payment-order-application.ts';
import { defaultPolicy, type CollectionPolicy } from './policy.ts';

const d = calendarDate;

function input(
  snapshot: Partial<CaseSnapshot>,
  date: string,
  over: Partial<PaymentOrderInput> = {},
  policy: Partial<CollectionPolicy> = {},
): PaymentOrderInput {
  return {
    date: d(date),
    snapshot: caseSnapshot(snapshot),
    policy: { ...defaultPolicy, ...policy },
    rates: BUILT_IN_REFERENCE_RATES,
    invoice: {
      number: '123',
      invoiceDate: d('2026-01-15'),
      dueDate: d('2026-02-14'),
      total: ore(1_000_000n),
      credited: ZERO_ORE,
      rowDescriptions: ['Konsulttjänster januari', 'Konsulttjänster januari', 'Resor'],
    },
    applicant: {
      name: 'Exempel AB',
      identityNumber: '5560360793',
      address: { street: 'Gatan 1', postalCode: '11122', city: 'Stockholm', country: 'SE' },
      email: 'ekonomi@exempel.se',
      phone: null,
    },
    agent: null,
    respondent: {
      kind: 'person',
      name: 'Nils Nilsson',
      identityNumber: '198112189876',
      address: { street: 'Byvägen 3', postalCode: '12345', city: 'Storåker', country: 'SE' },
      email: 'nils@example.se',
      phone: null,
    },
    ...over,
  };
}

const build = (i: PaymentOrderInput) => {
  const r = buildPaymentOrderApplication(i);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(paymentOrderApplicationIssues(r.value.application)).toEqual([]);
  return r.value;
};

describe('buildPaymentOrderApplication', () => {
  it('vector 10: interest to the day across a half-year, running interest from the next day', () => {
    // Sent 2025-05-17 with the interest notice: interest from sent + 30 = 2025-06-16 (4 §).
    const built = build(
      input({ sentDate: d('2025-05-17'), dueDate: d('2025-05-27') }, '2025-07-15', {
        invoice: { ...input({}, '2025-07-15').invoice, invoiceDate: d('2025-05-17') },
      }),
    );
    const { claim } = built.application;
    expect(claim.capital).toBe(1_000_000n);
    expect(claim.interest.amount).toBe(8_630n);
    expect(claim.interest.lines).toEqual([
      {
        fromDate: '2025-06-16',
        toDate: '2025-06-30',
        days: 15,
        rateText: '11,00 %',
        amount: 4_520n,
      },
      {
        fromDate: '2025-07-01',
        toDate: '2025-07-15',
        days: 15,
        rateText: '10,00 %',
        amount: 4_110n,
      },
    ]);
    expect(built.interestToBook?.amount).toBe(8_630n);
    expect(built.interestToBook?.toDate).toBe('2025-07-15');
    expect(claim.runningInterest).toEqual({
      rateText: 'Referensränta + 8 procentenheter (räntelagen 6 §)',
      fromDate: '2025-07-16',
      fromText: 'från 2025-07-16 till dess betalning sker',
    });
    // No letter fee was charged: only Kronofogden's fee and the applicant's cost.
    expect(claim.costs).toEqual([
      { label: 'Ansökningsavgift Kronofogden', amount: 30_000n },
      { label: 'Ombudsarvode / eget arbete (48 § lag 1990:746)', amount: 38_000n },
    ]);
    expect(built.statutoryCosts).toBe(68_000n);
    expect(built.application.total).toBe(1_000_000n + 8_630n + 68_000n);
  });

  it('after the base case’s inkassokrav: earlier interest, new days, and the fees charged', () => {
    // Booked 27,40 (reminder, 02-17…02-26) + 49,32 (demand, 02-27…03-16) = 76,72 kr.
    const snapshot = {
      ...afterDemand,
      feesOpen: ore(24_000n),
      interestOpen: ore(7_672n),
      interestBookedThrough: d('2026-03-16'),
    };
    const built = build(input(snapshot, '2026-03-27'));
    const { claim, respondent, applicant } = built.application;
    expect(respondent.identityNumber).toBe('19811218-9876');
    expect(applicant.identityNumber).toBe('556036-0793');
    // 03-17…03-27: 11 days at 10 % on 10 000 kr = 30,14 kr.
    expect(claim.interest.lines).toEqual([
      {
        fromDate: '2026-02-17',
        toDate: '2026-03-16',
        days: 28,
        rateText: 'tidigare debiterad',
        amount: 7_672n,
      },
      {
        fromDate: '2026-03-17',
        toDate: '2026-03-27',
        days: 11,
        rateText: '10,00 %',
        amount: 3_014n,
      },
    ]);
    expect(claim.interest.amount).toBe(10_686n);
    expect(claim.costs.map((c) => [c.label, c.amount])).toEqual([
      ['Påminnelseavgift (lag 1981:739)', 6_000n],
      ['Inkassoavgift (lag 1981:739)', 18_000n],
      ['Ansökningsavgift Kronofogden', 30_000n],
      ['Ombudsarvode / eget arbete (48 § lag 1990:746)', 38_000n],
    ]);
    expect(built.application.total).toBe(1_000_000n + 10_686n + 92_000n);
    expect(claim.grounds).toBe(
      'Obetald faktura nr 123 daterad 2026-01-15, förfallen 2026-02-14, avseende ' +
        'Konsulttjänster januari, Resor. Fakturans belopp 10 000,00 kr. ' +
        'Inkassokrav har skickats utan att skulden betalats eller bestritts.',
    );
    expect(built.application.reference).toBe('123-BF');
  });

  it('a part payment: the fees it covered are not claimed, and the grounds say what was paid', () => {
    const built = build(
      input(
        {
          ...afterDemand,
          feesOpen: ore(14_000n),
          paymentsApplied: ore(10_000n),
          interestOpen: ZERO_ORE,
          interestBookedThrough: d('2026-03-16'),
        },
        '2026-03-27',
      ),
    );
    const { claim } = built.application;
    expect(claim.paid).toBe(10_000n);
    expect(claim.costs.slice(0, 1)).toEqual([
      { label: 'Inkassoavgift (lag 1981:739)', amount: 14_000n },
    ]);
    expect(claim.costs).toHaveLength(3);
    expect(claim.grounds).toContain('Delbetalningar om 100,00 kr har avräknats.');
  });

  it('förseningsersättning in place of the 60/180 kr fees', () => {
    const built = build(
      input(
        {
          ...afterDemand,
          customerKind: 'company',
          reminderFeeCharged: false,
          collectionFeeCharged: false,
          lateCompensationCharged: true,
          feesOpen: ore(45_000n),
          interestOpen: ore(7_672n),
          interestBookedThrough: d('2026-03-16'),
        },
        '2026-03-27',
      ),
    );
    expect(built.application.claim.costs.map((c) => c.label)).toEqual([
      'Förseningsersättning (4 a § lag 1981:739)',
      'Ansökningsavgift Kronofogden',
      'Ombudsarvode / eget arbete (48 § lag 1990:746)',
    ]);
    expect(built.application.claim.costs[0]!.amount).toBe(45_000n);
  });

  it('a fixed agreed rate is named as such', () => {
    const built = build(
      input(
        afterDemand,
        '2026-03-27',
        {},
        { interest: { kind: 'fixed', rateBasisPoints: 1_200n } },
      ),
    );
    expect(built.application.claim.runningInterest.rateText).toBe('12,00 % (avtalad ränta)');
  });

  it('no interest started yet: it runs from service of the application (räntelagen 4 § 3 st.)', () => {
    const built = build(input(afterDemand, '2026-03-27', {}, { interestNoticeOnInvoice: false }));
    expect(built.interestToBook).toBeNull();
    expect(built.application.claim.runningInterest).toMatchObject({
      fromDate: null,
      fromText: 'från dagen för delgivning av ansökan (räntelagen 4 § 3 st.)',
    });
  });

  it('is refused, naming the field, without the respondent’s identity number or address', () => {
    const base = input(afterDemand, '2026-03-27');
    const r = buildPaymentOrderApplication({
      ...base,
      respondent: { ...base.respondent, identityNumber: null, address: null },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => [i.path, i.code])).toEqual([
      ['customer.identityNumber', 'identity_number_missing'],
      ['customer.address', 'address_missing'],
    ]);
  });
});

describe('shortDescription', () => {
  it('keeps each description once', () => {
    expect(shortDescription(['A', 'A', ' B '])).toBe('A, B');
  });
  it('cuts a long list at a word and says there is more', () => {
    const text = shortDescription(Array.from({ length: 20 }, (_, i) => `Vara nummer ${i}`));
    expect(text.length).toBeLessThanOrEqual(106);
    expect(text.endsWith(' m.m.')).toBe(true);
  });
});
