/**
 * What a document (invoice, credit note, reminder, inkassokrav) needs to be rendered: plain data,
 * already computed. Owns: the shapes and a consistency check. Must not: compute totals or format.
 */
import { daysBetween, type CalendarDate } from '../calendar-date.ts';
import { addOre, sumOre, ZERO_ORE, type Ore } from '../money.ts';

export type DocumentLanguage = 'sv' | 'en';

/** A company prints its orgnr; a person's identity number is private and printed masked at most. */
export type PartyKind = 'company' | 'person';

export type PostalAddress = {
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, 'SE' for Sweden (printed only when it is not SE). */
  readonly country: string;
};

export type Party = {
  readonly kind: PartyKind;
  readonly name: string;
  /** 10 digits, no hyphen: orgnr for a company, personnummer for a person or sole trader. */
  readonly organisationNumber: string;
  /** 'SE' + 10 digits + '01' (14 characters) for a Swedish VAT registration. */
  readonly vatNumber?: string | undefined;
  readonly address: PostalAddress;
  readonly email?: string | undefined;
  /** 7 or 8 digits, no hyphen. */
  readonly bankgiro?: string | undefined;
  /** Peppol participant id 'scheme:value', e.g. '0007:5560360793'; default is 0007 + orgnr. */
  readonly peppolId?: string | undefined;
  /** Registered for F-skatt: the invoice must then say "Godkänd för F-skatt" (domain.md §10). */
  readonly fSkatt: boolean;
};

/** Swedish rates; 0 means a VAT-exempt supply (momsfri omsättning), see invoice-ubl.ts. */
export type DocumentVatRate = 25 | 12 | 6 | 0;

export type InvoiceDocumentRow = {
  readonly description: string;
  /** Decimal string with a dot, as in UBL: '2', '1.5', '0.25'. */
  readonly quantity: string;
  readonly unit?: string | undefined;
  /** Price per unit excluding VAT. */
  readonly unitPrice: Ore;
  readonly vatRatePercent: DocumentVatRate;
  /** quantity × unitPrice, rounded by the invoicing domain; the renderer never recomputes it. */
  readonly net: Ore;
};

export type VatBreakdownLine = {
  readonly ratePercent: DocumentVatRate;
  readonly taxable: Ore;
  readonly vat: Ore;
};

/**
 * An invoice or a credit note (ändringsfaktura, ML 17 kap. 22 §). A credit note carries the
 * credited amounts as positive numbers, as Peppol wants them in a CreditNote; the PDF prints
 * them with a minus sign.
 */
export type InvoiceDocumentData = {
  readonly kind: 'invoice' | 'credit_note';
  readonly language: DocumentLanguage;
  /** The löpnummer from the client's series. */
  readonly number: string;
  readonly invoiceDate: CalendarDate;
  readonly dueDate: CalendarDate;
  /** Only when the supply date differs from the invoice date (ML 17 kap. 24 §). */
  readonly deliveryDate?: CalendarDate | undefined;
  readonly ocr: string;
  readonly seller: Party;
  /** The buyer's identity number is printed only when buyer.kind is 'company'. */
  readonly buyer: Party;
  readonly yourReference?: string | undefined;
  readonly ourReference?: string | undefined;
  readonly rows: readonly InvoiceDocumentRow[];
  /** One line per rate present, highest rate first. */
  readonly vatBreakdown: readonly VatBreakdownLine[];
  readonly totalNet: Ore;
  readonly totalVat: Ore;
  readonly total: Ore;
  /** Required for a credit note: the number of the invoice it corrects. */
  readonly creditedInvoiceNumber?: string | undefined;
  /** E.g. the late-payment interest clause that räntelagen §4 needs printed on the invoice. */
  readonly interestTerms?: string | undefined;
  readonly paymentTermsDays: number;
  /** Printed (and sent in UBL) when a 0 % row exists; a default text is used otherwise. */
  readonly vatExemptionReason?: string | undefined;
  /** PNG or JPEG bytes for the letterhead; the seller's name is printed when absent. */
  readonly sellerLogo?: Uint8Array | undefined;
  /**
   * The customer's credit balance used on this invoice when it was sent (flow.md: an
   * overpayment is "applied to the next invoice"). Absent when none was used: such an invoice
   * renders exactly as before, with `total` to pay.
   */
  readonly creditApplied?: Ore | undefined;
  /**
   * With creditApplied: what is left to pay, total + chargedAtSend − creditApplied −
   * writtenOffAtSend. 0 means the credit settled the invoice: nothing is to be paid.
   */
  readonly amountToPay?: Ore | undefined;
  /** Late-payment interest booked when the credit was applied (a back-dated invoice only). */
  readonly chargedAtSend?: Ore | undefined;
  /** A residual below the client's write-off threshold, written off when the credit was applied. */
  readonly writtenOffAtSend?: Ore | undefined;
};

/** What the payer is asked to pay: the total, less any credit balance used when it was sent. */
export const amountDue = (data: InvoiceDocumentData): Ore => data.amountToPay ?? data.total;

/** The credit balance paid the whole invoice: the document must not ask for a payment. */
export const settledByCredit = (data: InvoiceDocumentData): boolean =>
  data.creditApplied !== undefined && data.amountToPay === ZERO_ORE;

/** The credit's arithmetic: used only on an invoice, and adding up to the amount to pay. */
function creditIssues(data: InvoiceDocumentData): string[] {
  const applied = data.creditApplied;
  if (applied === undefined) {
    return data.amountToPay === undefined ? [] : ['amountToPay without creditApplied'];
  }
  const issues: string[] = [];
  if (data.kind !== 'invoice') issues.push('only an invoice can carry credit applied');
  if (applied <= 0n) issues.push('creditApplied must be > 0');
  const charged = data.chargedAtSend ?? ZERO_ORE;
  const writtenOff = data.writtenOffAtSend ?? ZERO_ORE;
  if (charged < 0n || writtenOff < 0n) issues.push('charges and write-offs must be ≥ 0');
  const toPay = data.amountToPay;
  if (toPay === undefined || toPay < 0n) issues.push('amountToPay must be ≥ 0 with credit');
  else if (addOre(data.total, charged) !== addOre(applied, writtenOff, toPay)) {
    issues.push('amountToPay ≠ total + charged − credit − written off');
  }
  return issues;
}

/** Reskontra acting for the creditor: the collection agency the inkassokrav must name. */
export type CollectorParty = {
  readonly name: string;
  readonly organisationNumber: string;
  readonly address: PostalAddress;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  /** E.g. "Tillstånd för inkassoverksamhet från Finansinspektionen". */
  readonly licenceText?: string | undefined;
};

export type DocumentFee = { readonly label: string; readonly amount: Ore };

/** One stretch at one rate: interest changes rate every half-year (domain.md §1). */
export type InterestSegment = {
  readonly fromDate: CalendarDate;
  readonly toDate: CalendarDate;
  readonly days: number;
  /** Already formatted, e.g. '12,00 %' (a rate is not money, so no Ore here). */
  readonly ratePercentText: string;
  readonly amount: Ore;
};

export type InterestCalculation = {
  readonly amount: Ore;
  /** E.g. "Dröjsmålsränta enligt 6 § räntelagen (referensränta + 8 procentenheter)". */
  readonly rateDescription: string;
  readonly fromDate: CalendarDate;
  readonly toDate: CalendarDate;
  readonly segments: readonly InterestSegment[];
};

/**
 * A payment reminder (påminnelse) or a collection demand (inkassokrav). The three text blocks
 * are what inkassolagen 5 § asks the demand to say in words; collection-letter-texts.ts has
 * standard wordings.
 */
export type CollectionLetterData = {
  readonly kind: 'reminder' | 'collection_demand';
  readonly language: DocumentLanguage;
  readonly documentNumber: string;
  readonly date: CalendarDate;
  /** Pay, or object, by this date. */
  readonly payBy: CalendarDate;
  /** The creditor (fordringsägare): the client who issued the invoice. */
  readonly seller: Party;
  readonly collector: CollectorParty;
  readonly debtor: Party;
  /** Where the letter goes: the debtor's registered (folkbokförings-) address. */
  readonly registeredAddress: PostalAddress;
  readonly invoice: {
    readonly number: string;
    readonly invoiceDate: CalendarDate;
    readonly dueDate: CalendarDate;
    readonly ocr: string;
  };
  /** The unpaid part of the invoice. */
  readonly capital: Ore;
  readonly fees: readonly DocumentFee[];
  readonly interest: InterestCalculation | null;
  readonly total: Ore;
  readonly paymentTo: { readonly bankgiro: string; readonly ocr: string };
  readonly texts: {
    /** What the claim is based on ("Kravet avser faktura 1001 … för konsulttjänster"). */
    readonly basisOfClaim: string;
    /** What happens if the debtor neither pays nor objects. */
    readonly whatHappensNext: string;
    /** How and by when to object. */
    readonly howToObject: string;
  };
};

/**
 * Everything a renderer relies on without recomputing it. Returns readable problems; an empty
 * list means consistent. Renderers assert it, because printing wrong sums is worse than failing.
 */
export function invoiceDocumentIssues(data: InvoiceDocumentData): string[] {
  const issues: string[] = [];
  if (data.rows.length === 0) issues.push('no rows');
  if (sumOre(data.rows.map((r) => r.net)) !== data.totalNet) issues.push('rows do not sum to net');
  for (const line of data.vatBreakdown) {
    const rowsAtRate = data.rows.filter((r) => r.vatRatePercent === line.ratePercent);
    if (sumOre(rowsAtRate.map((r) => r.net)) !== line.taxable) {
      issues.push(`taxable at ${line.ratePercent} % does not match its rows`);
    }
  }
  const ratesInRows = new Set(data.rows.map((r) => r.vatRatePercent));
  if (ratesInRows.size !== data.vatBreakdown.length) issues.push('a rate lacks a VAT line');
  if (sumOre(data.vatBreakdown.map((l) => l.vat)) !== data.totalVat) {
    issues.push('VAT lines do not sum to totalVat');
  }
  if (addOre(data.totalNet, data.totalVat) !== data.total) issues.push('total ≠ net + VAT');
  if (data.kind === 'credit_note' && !data.creditedInvoiceNumber) {
    issues.push('a credit note must name the credited invoice');
  }
  if (!/^\d{10}$/.test(data.seller.organisationNumber)) issues.push('seller orgnr not 10 digits');
  if (data.dueDate < data.invoiceDate) issues.push('due date before invoice date');
  issues.push(...creditIssues(data));
  return issues;
}

export function collectionLetterIssues(data: CollectionLetterData): string[] {
  const issues: string[] = [];
  const interest = data.interest;
  const parts = [data.capital, interest?.amount ?? ZERO_ORE, ...data.fees.map((f) => f.amount)];
  if (addOre(...parts) !== data.total) issues.push('total ≠ capital + interest + fees');
  if (interest) {
    if (sumOre(interest.segments.map((s) => s.amount)) !== interest.amount) {
      issues.push('interest segments do not sum to the interest amount');
    }
    for (const s of interest.segments) {
      if (s.days !== daysBetween(s.fromDate, s.toDate) + 1) {
        issues.push(`segment ${s.fromDate}–${s.toDate}: days must count both ends`);
      }
    }
  }
  if (data.payBy <= data.date) issues.push('payBy must be after the letter date');
  return issues;
}
