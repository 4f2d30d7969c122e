/**
 * Underlag för ansökan om betalningsföreläggande as an A4 PDF for the client: every field
 * Kronofogden's e-service or paper form asks for (domain.md §8), to copy from. Swedish only: the
 * application is made in Swedish. Must not: compute figures (the domain builder did).
 */
import {
  paymentOrderApplicationIssues,
  type ApplicationParty,
  type PaymentOrderApplication,
} from '../../domain/collection/payment-order-application.ts';
import { assert } from '../../domain/result.ts';
import type { RenderPdfOptions } from './invoice-pdf.ts';
import { drawTable, drawTotals } from './pdf-blocks.ts';
import {
  amountText,
  collectPdf,
  COLOR,
  createPdf,
  drawCaption,
  drawFooters,
  drawLabelValues,
  drawText,
  drawTitle,
  kronorText,
  mm,
  PAGE,
  type Pdf,
} from './pdf-layout.ts';
import { addressLines } from './party-lines.ts';

type Application = PaymentOrderApplication;
const WIDTH = PAGE.right - PAGE.left;
const TITLE = 'Underlag för ansökan om betalningsföreläggande';

function continuationPage(doc: Pdf, a: Application): number {
  doc.addPage();
  drawText(doc, `${TITLE} ${a.reference}`, PAGE.left, PAGE.top, { size: 11, bold: true });
  return PAGE.top + mm(12);
}

/** Starts a new page when `needed` points do not fit above the footer. */
function room(doc: Pdf, a: Application, y: number, needed: number): number {
  return y + needed > PAGE.contentBottom ? continuationPage(doc, a) : y;
}

function heading(doc: Pdf, a: Application, text: string, y: number): number {
  const top = room(doc, a, y, mm(18));
  return (
    top + drawText(doc, text, PAGE.left, top, { size: 10.5, bold: true, color: COLOR.accent }) + 3
  );
}

function paragraph(doc: Pdf, a: Application, text: string, y: number, size = 9): number {
  const top = room(doc, a, y, mm(10));
  return top + drawText(doc, text, PAGE.left, top, { size, width: WIDTH, lineGap: 1.5 }) + mm(2.5);
}

function partyLines(p: ApplicationParty, numberLabel: string): [string, string][] {
  const lines: [string, string][] = [
    ['Namn', p.name],
    [numberLabel, p.identityNumber],
  ];
  if (p.address !== null) lines.push(['Adress', addressLines(p.address).join('\n')]);
  if (p.email !== null) lines.push(['E-post', p.email]);
  if (p.phone !== null) lines.push(['Telefon', p.phone]);
  return lines;
}

/** Applicant and respondent side by side, then the agent: what the form's first page asks. */
function drawParties(doc: Pdf, a: Application, top: number): number {
  const blocks: [string, [string, string][]][] = [
    ['Sökande (borgenär)', partyLines(a.applicant, 'Org.nummer')],
    [
      'Svarande (gäldenär)',
      partyLines(a.respondent, a.respondent.kind === 'person' ? 'Personnummer' : 'Org.nummer'),
    ],
  ];
  const width = WIDTH / blocks.length;
  let bottom = top;
  blocks.forEach(([caption, lines], i) => {
    const x = PAGE.left + i * width;
    const y = top + drawCaption(doc, caption, x, top, width - mm(4)) + 2;
    bottom = Math.max(
      bottom,
      drawLabelValues(doc, lines, { x, y, width: width - mm(4), labelWidth: mm(24) }),
    );
  });
  if (a.agent === null) return bottom + mm(3);
  const agent = a.agent;
  const y = bottom + mm(2);
  const text = [
    agent.name,
    `org.nr ${agent.identityNumber}`,
    ...(agent.address === null ? [] : [addressLines(agent.address).join(', ')]),
    ...(agent.email === null ? [] : [agent.email]),
  ].join(', ');
  const captionHeight = drawCaption(
    doc,
    'Inkassoombud (skickade inkassokravet)',
    PAGE.left,
    y,
    WIDTH,
  );
  return (
    y +
    captionHeight +
    2 +
    drawText(doc, text, PAGE.left, y + captionHeight + 2, { size: 8.5 }) +
    mm(4)
  );
}

/** Capital, interest and each cost on its own line, as the claim (delkrav) is entered. */
function drawClaim(doc: Pdf, a: Application, top: number): number {
  const { claim } = a;
  const rows: string[][] = [
    [
      `Kapitalbelopp (förfallet ${claim.dueDate}), exklusive ränta och kostnader`,
      amountText(claim.capital),
    ],
    [`Upplupen ränta t.o.m. ${claim.interest.throughDate}`, amountText(claim.interest.amount)],
    ...claim.costs.map((c) => [c.label, amountText(c.amount)]),
  ];
  const y = drawTable(doc, {
    x: PAGE.left,
    y: heading(doc, a, 'Kravet', top),
    rows,
    bottom: PAGE.contentBottom,
    onNewPage: () => continuationPage(doc, a),
    columns: [
      { header: 'Post', width: WIDTH - mm(32), align: 'left' },
      { header: 'Belopp (kr)', width: mm(32), align: 'right' },
    ],
  });
  return drawTotals(doc, [{ label: 'Summa', value: kronorText(a.total), strong: true }], {
    x: mm(112),
    y,
    width: PAGE.right - mm(112),
  });
}

function drawInterest(doc: Pdf, a: Application, top: number): number {
  const { interest, runningInterest, capital } = a.claim;
  let y = heading(doc, a, 'Ränta', top);
  y = paragraph(
    doc,
    a,
    `Löpande ränta: ${runningInterest.rateText} på kapitalbeloppet ${kronorText(capital)}, ` +
      `${runningInterest.fromText}.`,
    y,
  );
  if (interest.lines.length === 0) return paragraph(doc, a, 'Ingen upplupen ränta.', y);
  y = drawTable(doc, {
    x: PAGE.left,
    y,
    size: 8.5,
    rows: interest.lines.map((l) => [
      `${l.fromDate} – ${l.toDate}`,
      String(l.days),
      l.rateText,
      amountText(l.amount),
    ]),
    bottom: PAGE.contentBottom,
    onNewPage: () => continuationPage(doc, a),
    columns: [
      { header: 'Period', width: mm(62), align: 'left' },
      { header: 'Dagar', width: mm(22), align: 'right' },
      { header: 'Räntesats', width: mm(54), align: 'right' },
      { header: 'Ränta (kr)', width: mm(32), align: 'right' },
    ],
  });
  return (
    y +
    mm(1) +
    drawText(
      doc,
      'Räntan räknas på kapitalbeloppet, faktiska dagar/365, varje dag med sitt halvårs räntesats.',
      PAGE.left,
      y + mm(1),
      { size: 7.5, color: COLOR.muted },
    ) +
    mm(4)
  );
}

/** The grounds already name the invoice's amount, credits and part payments. */
function drawGrounds(doc: Pdf, a: Application, top: number): number {
  const y = heading(doc, a, 'Grund för kravet', top);
  return paragraph(doc, a, a.claim.grounds, y);
}

function drawHowToFile(doc: Pdf, a: Application, top: number): number {
  const y = heading(doc, a, 'Så ansöker du', top);
  return paragraph(
    doc,
    a,
    'Lämna in ansökan i Kronofogdens e-tjänst eller på Kronofogdens blankett med uppgifterna ovan; ' +
      'Kronofogden tar ut ansökningsavgiften när ansökan lämnas in. Underlaget har inte skickats till ' +
      'gäldenären.',
    y,
    8.5,
  );
}

/** Renders the application. Identical data gives identical bytes. */
export async function renderPaymentOrderPdf(
  a: PaymentOrderApplication,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  const issues = paymentOrderApplicationIssues(a);
  assert(issues.length === 0, `inconsistent payment-order application: ${issues.join('; ')}`);
  const doc = createPdf({
    title: `${TITLE} ${a.reference}`,
    author: a.applicant.name,
    date: a.date,
    language: 'sv',
    compress: options.compress,
  });
  const bytes = collectPdf(doc);
  drawTitle(doc, TITLE, PAGE.left, PAGE.top);
  let y = drawLabelValues(
    doc,
    [
      ['Datum', a.date],
      ['Referens', a.reference],
      ['Faktura', `${a.claim.invoiceNumber} (${a.claim.invoiceDate})`],
    ],
    { x: PAGE.left, y: PAGE.top + mm(12), width: WIDTH, labelWidth: mm(22) },
  );
  y = drawParties(doc, a, y + mm(4));
  y = drawClaim(doc, a, y) + mm(3);
  y = drawInterest(doc, a, y);
  y = drawGrounds(doc, a, y);
  drawHowToFile(doc, a, y);
  drawFooters(
    doc,
    [[a.applicant.name, `Org.nr ${a.applicant.identityNumber}`], [`Referens ${a.reference}`]],
    (page, pages) => `Sida ${page} av ${pages}`,
  );
  doc.end();
  return bytes;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The cover e-mail to the client that carries the PDF. */
export function paymentOrderEmail(a: PaymentOrderApplication): {
  subject: string;
  text: string;
  html: string;
} {
  const paragraphs = [
    `Hej ${a.applicant.name},`,
    `faktura ${a.claim.invoiceNumber} till ${a.respondent.name} är obetald efter inkassokravet och ` +
      'ska till Kronofogden. Underlaget för ansökan om betalningsföreläggande är bifogat: parter, ' +
      'kapital, ränta, kostnader och grund.',
    `Summa enligt underlaget: ${kronorText(a.total).replace(/\u00a0/g, ' ')}.`,
    'Lämna in ansökan i Kronofogdens e-tjänst eller på Kronofogdens blankett. Underlaget har inte ' +
      'skickats till gäldenären.',
  ];
  return {
    subject: `${TITLE} – faktura ${a.claim.invoiceNumber}`,
    text: `${paragraphs.join('\n\n')}\n`,
    html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
  };
}
