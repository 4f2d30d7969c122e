/**
 * The printed words of Reskontra's PDFs in Swedish and English. Owns: labels only. Must not hold
 * legal text blocks (collection-letter-texts.ts) or e-mail bodies (email-templates.ts).
 */
import type { DocumentLanguage } from '../../domain/documents/document-data.ts';

export type DocumentLabels = {
  readonly invoiceTitle: string;
  readonly creditNoteTitle: string;
  readonly invoiceNumber: string;
  readonly creditNoteNumber: string;
  readonly invoiceDate: string;
  readonly creditNoteDate: string;
  readonly dueDate: string;
  readonly deliveryDate: string;
  readonly ocr: string;
  readonly terms: string;
  readonly termsDays: (days: number) => string;
  readonly yourReference: string;
  readonly ourReference: string;
  readonly customerNumber: string;
  readonly credits: string;
  readonly creditIntro: (invoiceNumber: string) => string;
  readonly description: string;
  readonly quantity: string;
  readonly unit: string;
  readonly unitPrice: string;
  readonly vat: string;
  readonly amount: string;
  readonly netTotal: string;
  readonly vatLine: (rate: number, base: string) => string;
  readonly exemptLine: (base: string) => string;
  readonly exemptDefault: string;
  readonly toPay: string;
  readonly toCredit: string;
  readonly creditSettlement: (invoiceNumber: string) => string;
  readonly paymentTitle: string;
  readonly creditTitle: string;
  readonly bankgiro: string;
  readonly qrCaption: string;
  readonly amountsInSek: string;
  readonly orgNumber: string;
  readonly vatNumber: string;
  readonly email: string;
  readonly page: (page: number, pages: number) => string;
  readonly reminderTitle: string;
  readonly demandTitle: string;
  readonly caseNumber: string;
  readonly letterDate: string;
  readonly payBy: string;
  readonly creditor: string;
  readonly collector: string;
  readonly invoicingService: string;
  readonly claimConcerns: string;
  readonly unpaidInvoice: string;
  readonly invoiceReference: string;
  readonly specification: string;
  readonly capital: string;
  readonly interestUntil: (toDate: string) => string;
  readonly interestHow: string;
  readonly period: string;
  readonly days: string;
  readonly rate: string;
  readonly totalToPay: string;
  readonly payOrObjectBy: (date: string) => string;
  readonly ifNeither: string;
  readonly howToObject: string;
  readonly sentOnBehalf: (collector: string, creditor: string) => string;
  readonly reminderIfUnpaid: string;
  readonly reminderQuestions: string;
  readonly interestBase: string;
  readonly interestFormula: string;
  readonly noVatNote: string;
  readonly fSkatt: string;
};

const sv: DocumentLabels = {
  invoiceTitle: 'Faktura',
  creditNoteTitle: 'Kreditfaktura',
  invoiceNumber: 'Fakturanummer',
  creditNoteNumber: 'Kreditfakturanr',
  invoiceDate: 'Fakturadatum',
  creditNoteDate: 'Datum',
  dueDate: 'Förfallodatum',
  deliveryDate: 'Leveransdatum',
  ocr: 'OCR-nummer',
  terms: 'Betalningsvillkor',
  termsDays: (days) => `${days} dagar netto`,
  yourReference: 'Er referens',
  ourReference: 'Vår referens',
  customerNumber: 'Ert org.nr',
  credits: 'Krediterar faktura',
  creditIntro: (n) => `Kreditering av faktura ${n}. Beloppen nedan dras av från den fakturan.`,
  description: 'Beskrivning',
  quantity: 'Antal',
  unit: 'Enhet',
  unitPrice: 'À-pris',
  vat: 'Moms',
  amount: 'Belopp',
  netTotal: 'Summa exkl. moms',
  vatLine: (rate, base) => `Moms ${rate} % på ${base}`,
  exemptLine: (base) => `Momsfritt ${base}`,
  exemptDefault: 'Momsfri omsättning (undantagen från skatteplikt enligt mervärdesskattelagen).',
  toPay: 'Att betala',
  toCredit: 'Att kreditera',
  creditSettlement: (n) =>
    `Kreditbeloppet avräknas mot faktura ${n}. Är den redan betald återbetalar vi beloppet.`,
  paymentTitle: 'Betalningsinformation',
  creditTitle: 'Kreditering',
  bankgiro: 'Bankgiro',
  qrCaption: 'Skanna QR-koden i din bankapp',
  amountsInSek: 'Belopp i SEK',
  orgNumber: 'Org.nr',
  vatNumber: 'Momsreg.nr',
  email: 'E-post',
  page: (page, pages) => `Sida ${page} (${pages})`,
  reminderTitle: 'Påminnelse',
  demandTitle: 'Inkassokrav',
  caseNumber: 'Ärendenummer',
  letterDate: 'Datum',
  payBy: 'Betala senast',
  creditor: 'Fordringsägare',
  collector: 'Inkassoombud',
  invoicingService: 'Fakturaservice',
  claimConcerns: 'Kravet avser',
  unpaidInvoice: 'Obetald faktura',
  invoiceReference: 'Faktura',
  specification: 'Specifikation av kravet',
  capital: 'Kapitalbelopp (obetald del av fakturan)',
  interestUntil: (d) => `Dröjsmålsränta t.o.m. ${d}`,
  interestHow: 'Så har räntan beräknats',
  period: 'Period',
  days: 'Dagar',
  rate: 'Räntesats',
  totalToPay: 'Totalt att betala',
  payOrObjectBy: (d) => `Betala eller invänd senast ${d}`,
  ifNeither: 'Om du varken betalar eller invänder',
  howToObject: 'Om du anser att kravet är felaktigt',
  sentOnBehalf: (c, f) => `${c} skickar detta brev på uppdrag av ${f}.`,
  reminderIfUnpaid: 'Om betalning uteblir',
  reminderQuestions: 'Frågor om fakturan',
  interestBase: 'Räntebärande belopp',
  interestFormula:
    'Ränta = belopp × räntesats × dagar / 365, dag för dag med den räntesats som gällde.',
  noVatNote: 'Ränta och avgifter är inte momspliktiga.',
  fSkatt: 'Godkänd för F-skatt',
};

const en: DocumentLabels = {
  invoiceTitle: 'Invoice',
  creditNoteTitle: 'Credit note',
  invoiceNumber: 'Invoice number',
  creditNoteNumber: 'Credit note no.',
  invoiceDate: 'Invoice date',
  creditNoteDate: 'Date',
  dueDate: 'Due date',
  deliveryDate: 'Delivery date',
  ocr: 'OCR reference',
  terms: 'Payment terms',
  termsDays: (days) => `${days} days net`,
  yourReference: 'Your reference',
  ourReference: 'Our reference',
  customerNumber: 'Your reg. no.',
  credits: 'Credits invoice',
  creditIntro: (n) => `Credit for invoice ${n}. The amounts below are deducted from that invoice.`,
  description: 'Description',
  quantity: 'Qty',
  unit: 'Unit',
  unitPrice: 'Unit price',
  vat: 'VAT',
  amount: 'Amount',
  netTotal: 'Total excl. VAT',
  vatLine: (rate, base) => `VAT ${rate} % on ${base}`,
  exemptLine: (base) => `VAT exempt ${base}`,
  exemptDefault: 'VAT-exempt supply (exempt under the Swedish VAT Act).',
  toPay: 'Amount due',
  toCredit: 'Amount credited',
  creditSettlement: (n) =>
    `The credited amount is set off against invoice ${n}. If it is already paid, we refund it.`,
  paymentTitle: 'Payment details',
  creditTitle: 'Credit',
  bankgiro: 'Bankgiro',
  qrCaption: 'Scan the QR code in your banking app',
  amountsInSek: 'Amounts in SEK',
  orgNumber: 'Reg. no.',
  vatNumber: 'VAT no.',
  email: 'E-mail',
  page: (page, pages) => `Page ${page} of ${pages}`,
  reminderTitle: 'Payment reminder',
  demandTitle: 'Debt collection demand',
  caseNumber: 'Case number',
  letterDate: 'Date',
  payBy: 'Pay by',
  creditor: 'Creditor',
  collector: 'Collection agency',
  invoicingService: 'Invoicing service',
  claimConcerns: 'The claim concerns',
  unpaidInvoice: 'Unpaid invoice',
  invoiceReference: 'Invoice',
  specification: 'Specification of the claim',
  capital: 'Principal (unpaid part of the invoice)',
  interestUntil: (d) => `Late-payment interest up to ${d}`,
  interestHow: 'How the interest was calculated',
  period: 'Period',
  days: 'Days',
  rate: 'Rate',
  totalToPay: 'Total to pay',
  payOrObjectBy: (d) => `Pay or object by ${d}`,
  ifNeither: 'If you neither pay nor object',
  howToObject: 'If you think the claim is wrong',
  sentOnBehalf: (c, f) => `${c} sends this letter on behalf of ${f}.`,
  reminderIfUnpaid: 'If payment is not made',
  reminderQuestions: 'Questions about the invoice',
  interestBase: 'Amount',
  interestFormula: 'Interest = amount × rate × days / 365, each day at the rate then in force.',
  noVatNote: 'Interest and fees carry no VAT.',
  // The legal wording stays Swedish on English invoices too: it is what the payer may rely on.
  fSkatt: 'Godkänd för F-skatt (approved for F-tax)',
};

export const documentLabels = (language: DocumentLanguage): DocumentLabels =>
  language === 'en' ? en : sv;
