/**
 * Example documents for tests, the benchmark and the images in docs/: valid Luhn numbers, every
 * VAT rate, a two-segment interest calculation. Must not: be used to send anything real.
 */
import { calendarDate } from '../../domain/calendar-date.ts';
import type {
  CollectionLetterData,
  CollectorParty,
  DocumentFee,
  DocumentVatRate,
  InterestCalculation,
  InvoiceDocumentData,
  InvoiceDocumentRow,
  Party,
  VatBreakdownLine,
} from '../../domain/documents/document-data.ts';
import { applyRateOre, divideRounded, ore, sumOre, type Ore } from '../../domain/money.ts';
import { standardCollectionTexts } from './collection-letter-texts.ts';

export const sampleSeller: Party = {
  kind: 'company',
  name: 'Ekholm & Åberg Konsult AB',
  organisationNumber: '5566778899',
  vatNumber: 'SE556677889901',
  address: { street: 'Storgatan 14', postalCode: '41138', city: 'Göteborg', country: 'SE' },
  email: 'faktura@ekholmaberg.se',
  bankgiro: '56367742',
  fSkatt: true,
};

export const sampleBuyer: Party = {
  kind: 'company',
  name: 'Bergström Fastigheter AB',
  organisationNumber: '5568123458',
  vatNumber: 'SE556812345801',
  address: { street: 'Kungsgatan 7 B', postalCode: '11143', city: 'Stockholm', country: 'SE' },
  email: 'ekonomi@bergstromfastigheter.se',
  fSkatt: true,
};

export const sampleCollector: CollectorParty = {
  name: 'Reskontra AB',
  organisationNumber: '5591234561',
  address: { street: 'Sveavägen 21', postalCode: '11157', city: 'Stockholm', country: 'SE' },
  email: 'inkasso@reskontra.se',
  phone: '08-123 45 67',
  licenceText: 'Reskontra AB har tillstånd från Finansinspektionen att bedriva inkassoverksamhet.',
};

type RowSpec = [
  description: string,
  quantity: string,
  unit: string,
  unitPriceOre: bigint,
  rate: DocumentVatRate,
];

/** "1.5" × price, rounded half-up to öre: the invoicing domain's rule, repeated for examples. */
function rowFrom([description, quantity, unit, price, rate]: RowSpec): InvoiceDocumentRow {
  const [whole = '0', fraction = ''] = quantity.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const net = ore(divideRounded(BigInt(whole + fraction) * price, scale, 'halfUp'));
  return { description, quantity, unit, unitPrice: ore(price), vatRatePercent: rate, net };
}

/** Builds consistent totals for the given rows: VAT per rate on the rate's sum (BR-CO-17). */
export function invoiceFromRows(
  base: Omit<InvoiceDocumentData, 'rows' | 'vatBreakdown' | 'totalNet' | 'totalVat' | 'total'>,
  specs: readonly RowSpec[],
): InvoiceDocumentData {
  const rows = specs.map(rowFrom);
  const rates = ([25, 12, 6, 0] as const).filter((r) =>
    rows.some((row) => row.vatRatePercent === r),
  );
  const vatBreakdown: VatBreakdownLine[] = rates.map((rate) => {
    const taxable = sumOre(rows.filter((r) => r.vatRatePercent === rate).map((r) => r.net));
    return {
      ratePercent: rate,
      taxable,
      vat: applyRateOre(taxable, BigInt(rate) * 100n, 'halfUp'),
    };
  });
  const totalNet = sumOre(rows.map((r) => r.net));
  const totalVat = sumOre(vatBreakdown.map((l) => l.vat));
  return { ...base, rows, vatBreakdown, totalNet, totalVat, total: ore(totalNet + totalVat) };
}

export const SAMPLE_ROWS: readonly RowSpec[] = [
  ['Konsulttjänster, systemutveckling mars 2025', '12.5', 'tim', 115_000n, 25],
  ['Konferenslunch 12 mars, 8 personer', '8', 'st', 13_500n, 12],
  ['Kurslitteratur: Praktisk redovisning', '4', 'st', 38_900n, 6],
  ['Utbildning i bokföring (momsfri)', '1', 'st', 250_000n, 0],
];

export function sampleInvoice(overrides: Partial<InvoiceDocumentData> = {}): InvoiceDocumentData {
  const invoice = invoiceFromRows(
    {
      kind: 'invoice',
      language: 'sv',
      number: '1042',
      invoiceDate: calendarDate('2025-03-14'),
      dueDate: calendarDate('2025-04-13'),
      deliveryDate: calendarDate('2025-03-12'),
      ocr: '104265',
      seller: sampleSeller,
      buyer: sampleBuyer,
      yourReference: 'Anna Bergström',
      ourReference: 'Per Ekholm',
      interestTerms:
        'Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt räntelagen ' +
        '(referensränta + 8 procentenheter).',
      paymentTermsDays: 30,
      vatExemptionReason: 'Utbildningen är undantagen från skatteplikt (momsfri omsättning).',
    },
    SAMPLE_ROWS,
  );
  return { ...invoice, ...overrides };
}

export function sampleCreditNote(
  overrides: Partial<InvoiceDocumentData> = {},
): InvoiceDocumentData {
  const credit = invoiceFromRows(
    {
      ...sampleInvoice(),
      kind: 'credit_note',
      number: '1057',
      invoiceDate: calendarDate('2025-03-20'),
      dueDate: calendarDate('2025-03-20'),
      deliveryDate: undefined,
      creditedInvoiceNumber: '1042',
    },
    [SAMPLE_ROWS[1]!, SAMPLE_ROWS[3]!],
  );
  return { ...credit, ...overrides };
}

const kr = (kronor: number, ore2 = 0): Ore => ore(BigInt(kronor) * 100n + BigInt(ore2));

/** 12 000 kr from 2025-04-14 to 2025-07-15 across the 1 July rate change (11 % → 10 %). */
function sampleInterest(language: CollectionLetterData['language']): InterestCalculation {
  const segment = (from: string, to: string, days: number, rate: string, amount: Ore) => ({
    fromDate: calendarDate(from),
    toDate: calendarDate(to),
    days,
    ratePercentText: rate,
    amount,
  });
  return {
    amount: kr(331, 40),
    rateDescription:
      language === 'en'
        ? 'Late-payment interest under section 6 of the Swedish Interest Act (reference rate + 8 percentage points).'
        : 'Dröjsmålsränta enligt 6 § räntelagen (referensränta + 8 procentenheter).',
    fromDate: calendarDate('2025-04-14'),
    toDate: calendarDate('2025-07-15'),
    segments: [
      segment('2025-04-14', '2025-06-30', 78, '11,00 %', kr(282, 8)),
      segment('2025-07-01', '2025-07-15', 15, '10,00 %', kr(49, 32)),
    ],
  };
}

function sampleFees(demand: boolean, language: CollectionLetterData['language']): DocumentFee[] {
  const reminder = {
    label: language === 'en' ? 'Reminder fee' : 'Påminnelseavgift',
    amount: kr(60),
  };
  const collection = {
    label: language === 'en' ? 'Collection fee' : 'Inkassoavgift',
    amount: kr(180),
  };
  return demand ? [reminder, collection] : [reminder];
}

export function sampleCollectionLetter(
  kind: CollectionLetterData['kind'],
  language: CollectionLetterData['language'] = 'sv',
): CollectionLetterData {
  // Invoice 1038: 12 000,00 kr for consulting, unpaid since its due date.
  const invoice = {
    number: '1038',
    invoiceDate: calendarDate('2025-03-14'),
    dueDate: calendarDate('2025-04-13'),
    ocr: '103861',
  };
  const demand = kind === 'collection_demand';
  const date = calendarDate(demand ? '2025-07-16' : '2025-04-24');
  const payBy = calendarDate(demand ? '2025-07-28' : '2025-05-05');
  const documentNumber = demand ? 'IK-2025-00318' : 'P-2025-01207';
  const fees = sampleFees(demand, language);
  const interest = demand ? sampleInterest(language) : null;
  const capital = kr(12_000);
  const total = sumOre([capital, interest?.amount ?? ore(0n), ...fees.map((f) => f.amount)]);
  const texts = standardCollectionTexts({
    kind,
    language,
    creditorName: sampleSeller.name,
    collectorName: sampleCollector.name,
    contact: 'inkasso@reskontra.se, 08-123 45 67',
    documentNumber,
    invoiceNumber: invoice.number,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    payBy,
    subject:
      language === 'en' ? 'consulting services in March 2025' : 'konsulttjänster i mars 2025',
  });
  return {
    kind,
    language,
    documentNumber,
    date,
    payBy,
    seller: sampleSeller,
    collector: sampleCollector,
    debtor: { ...sampleBuyer, kind: 'company' },
    registeredAddress: sampleBuyer.address,
    invoice,
    capital,
    fees,
    interest,
    total,
    paymentTo: { bankgiro: '50501055', ocr: demand ? '2025031804' : '103861' },
    texts,
  };
}
