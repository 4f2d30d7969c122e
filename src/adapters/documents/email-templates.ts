/**
 * E-mail bodies (subject, plain text, HTML) in Swedish and English for the invoice, the overdue
 * notice (notifiering: friendly, no fee), the reminder and the credit note. Must not: send mail.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { DocumentLanguage } from '../../domain/documents/document-data.ts';
import { formatKronor, negateOre, type Ore } from '../../domain/money.ts';
import { assertNever } from '../../domain/result.ts';
import { displayBankgiro } from './pdf-layout.ts';

export type EmailKind = 'invoice' | 'overdue_notice' | 'reminder' | 'credit_note';

export type EmailTemplateInput = {
  readonly kind: EmailKind;
  readonly language: DocumentLanguage;
  readonly sellerName: string;
  /** The invoice's number; for a credit note, the credit note's own number. */
  readonly documentNumber: string;
  /** To pay (invoice, notice, reminder) or credited (credit note); an invoice's after credit. */
  readonly amount: Ore;
  /** Invoice only: the customer's credit balance used on it when it was sent. */
  readonly creditApplied?: Ore | undefined;
  /** Invoice and notice: the due date; reminder: its pay-by date. */
  readonly dueDate?: CalendarDate | undefined;
  readonly bankgiro?: string | undefined;
  readonly ocr?: string | undefined;
  readonly creditedInvoiceNumber?: string | undefined;
  /** Where questions go; replies to the message reach the same place by default. */
  readonly contactEmail?: string | undefined;
};

export type EmailContent = {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
};

/** One body, written once and rendered twice (text and HTML) so the two never disagree. */
type Body = {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly details: readonly (readonly [string, string])[];
  readonly closing: readonly string[];
};

const money = (amount: Ore): string => formatKronor(amount).replace(/\u00a0/g, ' ');

function paymentDetails(input: EmailTemplateInput, sv: boolean, dueLabel: string) {
  const details: [string, string][] = [[sv ? 'Att betala' : 'Amount due', money(input.amount)]];
  if (input.dueDate) details.push([dueLabel, input.dueDate]);
  if (input.bankgiro) details.push(['Bankgiro', displayBankgiro(input.bankgiro)]);
  if (input.ocr) details.push([sv ? 'OCR-nummer' : 'OCR reference', input.ocr]);
  return details;
}

function swedish(input: EmailTemplateInput): Body {
  const n = input.documentNumber;
  const contact = input.contactEmail ? ` eller skriv till ${input.contactEmail}` : '';
  const closing = ['Vänliga hälsningar', input.sellerName];
  const questions = `Har du frågor? Svara på det här mejlet${contact}.`;
  switch (input.kind) {
    case 'invoice':
      return {
        subject: `Faktura ${n} från ${input.sellerName}`,
        greeting: 'Hej!',
        paragraphs: [
          `Här kommer faktura ${n} från ${input.sellerName}. Fakturan finns som PDF i bilagan.`,
          'Ange OCR-numret när du betalar, så hamnar betalningen rätt.',
          questions,
        ],
        details: paymentDetails(input, true, 'Förfallodatum'),
        closing,
      };
    case 'overdue_notice':
      return {
        subject: `Faktura ${n} har passerat förfallodagen`,
        greeting: 'Hej!',
        paragraphs: [
          `Vi vill bara uppmärksamma dig på att faktura ${n} från ${input.sellerName} har passerat förfallodagen och att vi ännu inte har sett någon betalning. Det här meddelandet kostar ingenting.`,
          'Har du redan betalat kan du bortse från meddelandet; en betalning kan ta några bankdagar att komma fram.',
          questions,
        ],
        details: paymentDetails(input, true, 'Förföll'),
        closing,
      };
    case 'reminder':
      return {
        subject: `Påminnelse: faktura ${n} från ${input.sellerName}`,
        greeting: 'Hej!',
        paragraphs: [
          `Vi har ännu inte fått betalt för faktura ${n}. Påminnelsen med specifikation finns som PDF i bilagan.`,
          'Har du redan betalat kan du bortse från påminnelsen.',
          questions,
        ],
        details: paymentDetails(input, true, 'Betala senast'),
        closing,
      };
    case 'credit_note':
      return {
        subject: `Kreditfaktura ${n} från ${input.sellerName}`,
        greeting: 'Hej!',
        paragraphs: [
          `Här kommer kreditfaktura ${n}, som krediterar faktura ${input.creditedInvoiceNumber ?? ''}. Kreditfakturan finns som PDF i bilagan.`,
          'Du behöver inte betala något för kreditfakturan. Beloppet räknas av mot fakturan, eller betalas tillbaka om den redan är betald.',
          questions,
        ],
        details: [['Krediterat belopp', money(input.amount)]],
        closing,
      };
    default:
      return assertNever(input.kind);
  }
}

function english(input: EmailTemplateInput): Body {
  const n = input.documentNumber;
  const contact = input.contactEmail ? ` or write to ${input.contactEmail}` : '';
  const closing = ['Kind regards', input.sellerName];
  const questions = `Questions? Reply to this e-mail${contact}.`;
  switch (input.kind) {
    case 'invoice':
      return {
        subject: `Invoice ${n} from ${input.sellerName}`,
        greeting: 'Hello,',
        paragraphs: [
          `Please find invoice ${n} from ${input.sellerName} attached as a PDF.`,
          'Quote the OCR reference when you pay, so that the payment is matched correctly.',
          questions,
        ],
        details: paymentDetails(input, false, 'Due date'),
        closing,
      };
    case 'overdue_notice':
      return {
        subject: `Invoice ${n} is past its due date`,
        greeting: 'Hello,',
        paragraphs: [
          `Just a friendly note that invoice ${n} from ${input.sellerName} is past its due date and we have not yet seen a payment. This notice costs you nothing.`,
          'If you have already paid, please ignore this message; a payment can take a few banking days to arrive.',
          questions,
        ],
        details: paymentDetails(input, false, 'Was due'),
        closing,
      };
    case 'reminder':
      return {
        subject: `Reminder: invoice ${n} from ${input.sellerName}`,
        greeting: 'Hello,',
        paragraphs: [
          `We have not yet received payment of invoice ${n}. The reminder with its specification is attached as a PDF.`,
          'If you have already paid, please disregard this reminder.',
          questions,
        ],
        details: paymentDetails(input, false, 'Pay by'),
        closing,
      };
    case 'credit_note':
      return {
        subject: `Credit note ${n} from ${input.sellerName}`,
        greeting: 'Hello,',
        paragraphs: [
          `Please find credit note ${n}, crediting invoice ${input.creditedInvoiceNumber ?? ''}, attached as a PDF.`,
          'There is nothing to pay. The amount is set off against the invoice, or refunded if the invoice is already paid.',
          questions,
        ],
        details: [['Amount credited', money(input.amount)]],
        closing,
      };
    default:
      return assertNever(input.kind);
  }
}

/**
 * An invoice the customer's credit balance paid in part says so beside the amount left; one it
 * paid in full says there is nothing to pay and gives no payment details to act on.
 */
function withCredit(body: Body, input: EmailTemplateInput): Body {
  const credit = input.creditApplied;
  if (input.kind !== 'invoice' || credit === undefined) return body;
  const sv = input.language === 'sv';
  const used = money(credit);
  const [first = '', ...rest] = body.paragraphs;
  if (input.amount === 0n) {
    const settled = sv
      ? `Fakturan är betald med ditt tillgodohavande på ${used}. Du behöver inte betala något.`
      : `The invoice is paid by your credit balance of ${used}. There is nothing to pay.`;
    return {
      ...body,
      paragraphs: [`${first} ${settled}`, ...rest.slice(-1)],
      details: [[sv ? 'Betald med tillgodohavande' : 'Paid by credit balance', used]],
    };
  }
  const deducted = sv
    ? `Ditt tillgodohavande på ${used} har dragits av från fakturan.`
    : `Your credit balance of ${used} has been deducted from the invoice.`;
  return {
    ...body,
    paragraphs: [`${first} ${deducted}`, ...rest],
    details: [
      [sv ? 'Avgår tillgodohavande' : 'Less credit balance', money(negateOre(credit))],
      ...body.details,
    ],
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toText(body: Body): string {
  const width = Math.max(...body.details.map(([label]) => label.length)) + 2;
  const details = body.details.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
  const [first, ...rest] = body.paragraphs;
  return (
    [body.greeting, first, details.join('\n'), ...rest, body.closing.join('\n')].join('\n\n') + '\n'
  );
}

function toHtml(body: Body, language: DocumentLanguage): string {
  const rows = body.details
    .map(
      ([label, value]) =>
        `<tr><td style="padding:2px 16px 2px 0;color:#5c6570">${escapeHtml(label)}</td><td style="padding:2px 0;font-weight:bold">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const [first, ...rest] = body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  return [
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head>`,
    '<body style="font-family:Helvetica,Arial,sans-serif;font-size:15px;color:#16191d">',
    `<p>${escapeHtml(body.greeting)}</p>`,
    first ?? '',
    `<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px">${rows}</table>`,
    ...rest,
    `<p>${body.closing.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
}

export function renderEmailTemplate(input: EmailTemplateInput): EmailContent {
  const body = withCredit(input.language === 'en' ? english(input) : swedish(input), input);
  return { subject: body.subject, text: toText(body), html: toHtml(body, input.language) };
}
