/**
 * Goal: the consistency checks catch the mistakes a renderer would otherwise print (sums that do
 * not add up, a credit note without its invoice, interest days counted the wrong way).
 * Method: one valid document each, then one change per check.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../calendar-date.ts';
import { ore } from '../money.ts';
import {
  collectionLetterIssues,
  invoiceDocumentIssues,
  type CollectionLetterData,
  type InvoiceDocumentData,
  type Party,
} from './document-data.ts';

const party: Party = {
  kind: 'company',
  name: 'Exempel AB',
  organisationNumber: '5566778899',
  vatNumber: 'SE556677889901',
  address: { street: 'Storgatan 1', postalCode: '11122', city: 'Stockholm', country: 'SE' },
  fSkatt: true,
};

const invoice: InvoiceDocumentData = {
  kind: 'invoice',
  language: 'sv',
  number: '1',
  invoiceDate: calendarDate('2025-03-01'),
  dueDate: calendarDate('2025-03-31'),
  ocr: '1230',
  seller: party,
  buyer: party,
  rows: [
    {
      description: 'Arbete',
      quantity: '2',
      unitPrice: ore(50000n),
      vatRatePercent: 25,
      net: ore(100000n),
    },
    {
      description: 'Bok',
      quantity: '1',
      unitPrice: ore(10000n),
      vatRatePercent: 6,
      net: ore(10000n),
    },
  ],
  vatBreakdown: [
    { ratePercent: 25, taxable: ore(100000n), vat: ore(25000n) },
    { ratePercent: 6, taxable: ore(10000n), vat: ore(600n) },
  ],
  totalNet: ore(110000n),
  totalVat: ore(25600n),
  total: ore(135600n),
  paymentTermsDays: 30,
};

describe('invoiceDocumentIssues', () => {
  it('accepts a consistent invoice', () => {
    expect(invoiceDocumentIssues(invoice)).toEqual([]);
  });

  it.each([
    ['rows do not sum to net', { totalNet: ore(1n) }],
    ['total ≠ net + VAT', { total: ore(135601n) }],
    ['VAT lines do not sum to totalVat', { totalVat: ore(25601n), total: ore(135601n) }],
    [
      'a rate lacks a VAT line',
      {
        vatBreakdown: invoice.vatBreakdown.slice(0, 1),
        totalVat: ore(25000n),
        total: ore(135000n),
      },
    ],
    ['a credit note must name the credited invoice', { kind: 'credit_note' as const }],
    ['seller orgnr not 10 digits', { seller: { ...party, organisationNumber: '556677-8899' } }],
    ['due date before invoice date', { dueDate: calendarDate('2025-02-28') }],
  ])('reports "%s"', (issue, change) => {
    expect(invoiceDocumentIssues({ ...invoice, ...change })).toContain(issue);
  });
});

const letter: CollectionLetterData = {
  kind: 'collection_demand',
  language: 'sv',
  documentNumber: 'IK-1',
  date: calendarDate('2025-07-16'),
  payBy: calendarDate('2025-07-28'),
  seller: party,
  collector: { name: 'Reskontra AB', organisationNumber: '5591234561', address: party.address },
  debtor: party,
  registeredAddress: party.address,
  invoice: {
    number: '1',
    invoiceDate: calendarDate('2025-03-01'),
    dueDate: calendarDate('2025-03-31'),
    ocr: '1230',
  },
  capital: ore(1000000n),
  fees: [{ label: 'Inkassoavgift', amount: ore(18000n) }],
  interest: {
    amount: ore(8630n),
    rateDescription: 'Dröjsmålsränta',
    fromDate: calendarDate('2025-06-16'),
    toDate: calendarDate('2025-07-15'),
    segments: [
      {
        fromDate: calendarDate('2025-06-16'),
        toDate: calendarDate('2025-06-30'),
        days: 15,
        ratePercentText: '11,00 %',
        amount: ore(4521n),
      },
      {
        fromDate: calendarDate('2025-07-01'),
        toDate: calendarDate('2025-07-15'),
        days: 15,
        ratePercentText: '10,00 %',
        amount: ore(4109n),
      },
    ],
  },
  total: ore(1026630n),
  paymentTo: { bankgiro: '50501055', ocr: '1230' },
  texts: {
    basisOfClaim: 'Faktura 1',
    whatHappensNext: 'Kronofogden',
    howToObject: 'Skriv till oss',
  },
};

describe('collectionLetterIssues', () => {
  it('accepts a consistent demand (domain.md §12 vector 10: 86,30 kr, segments allocated to sum to it)', () => {
    expect(collectionLetterIssues(letter)).toEqual([]);
  });

  it('reports a total that is not capital + interest + fees', () => {
    expect(collectionLetterIssues({ ...letter, total: ore(1n) })).toContain(
      'total ≠ capital + interest + fees',
    );
  });

  it('reports segments that do not add up, or days not counted from–to inclusive', () => {
    const segments = letter.interest!.segments;
    const wrongSum = { ...letter.interest!, amount: ore(1n) };
    expect(
      collectionLetterIssues({ ...letter, interest: wrongSum, total: ore(1018001n) }),
    ).toContain('interest segments do not sum to the interest amount');
    const wrongDays = {
      ...letter.interest!,
      segments: [{ ...segments[0]!, days: 14 }, segments[1]!],
    };
    expect(collectionLetterIssues({ ...letter, interest: wrongDays })).toContain(
      'segment 2025-06-16–2025-06-30: days must count both ends',
    );
  });

  it('reports a pay-by date that is not after the letter', () => {
    expect(collectionLetterIssues({ ...letter, payBy: letter.date })).toContain(
      'payBy must be after the letter date',
    );
  });
});

describe('invoiceDocumentIssues: credit balance used at send', () => {
  // `invoice` totals 1 356,00 kr.
  it('accepts credit that adds up to the amount to pay', () => {
    expect(
      invoiceDocumentIssues({ ...invoice, creditApplied: ore(25000n), amountToPay: ore(110600n) }),
    ).toEqual([]);
    expect(
      invoiceDocumentIssues({
        ...invoice,
        creditApplied: ore(120000n),
        chargedAtSend: ore(500n),
        writtenOffAtSend: ore(16100n),
        amountToPay: ore(0n),
      }),
    ).toEqual([]);
  });

  it('refuses sums that do not add up, a missing amount to pay, and credit on a credit note', () => {
    const wrong = { ...invoice, creditApplied: ore(25000n), amountToPay: ore(110599n) };
    expect(invoiceDocumentIssues(wrong)).toEqual([
      'amountToPay ≠ total + charged − credit − written off',
    ]);
    expect(invoiceDocumentIssues({ ...invoice, creditApplied: ore(25000n) })).toEqual([
      'amountToPay must be ≥ 0 with credit',
    ]);
    expect(invoiceDocumentIssues({ ...invoice, amountToPay: ore(0n) })).toEqual([
      'amountToPay without creditApplied',
    ]);
    expect(
      invoiceDocumentIssues({
        ...invoice,
        kind: 'credit_note',
        creditedInvoiceNumber: '1',
        creditApplied: ore(25000n),
        amountToPay: ore(110600n),
      }),
    ).toEqual(['only an invoice can carry credit applied']);
  });
});
