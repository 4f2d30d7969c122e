/**
 * Goal: the application PDF shows every field Kronofogden asks for — parties with full identity
 * numbers, capital, interest with its calculation and running rate, each cost, the grounds — and
 * is deterministic. Method: build the base case's application, render uncompressed, read it back.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { afterDemand, caseSnapshot } from '../../domain/collection/engine-test-support.ts';
import {
  buildPaymentOrderApplication,
  type PaymentOrderApplication,
} from '../../domain/collection/payment-order-application.ts';
import { defaultPolicy } from '../../domain/collection/policy.ts';
import { BUILT_IN_REFERENCE_RATES } from '../../domain/interest/reference-rate.ts';
import { encodePayload } from '../../domain/documents/payload-codec.ts';
import { ore, ZERO_ORE } from '../../domain/money.ts';
import { StandardDocumentRenderer } from './document-renderer.ts';
import { paymentOrderEmail, renderPaymentOrderPdf } from './payment-order-pdf.ts';
import { countPdfPages, extractPdfText } from './pdf-text-extract.ts';

const address = (street: string) => ({
  street,
  postalCode: '12345',
  city: 'Storåker',
  country: 'SE',
});

function sample(): PaymentOrderApplication {
  const built = buildPaymentOrderApplication({
    date: calendarDate('2026-03-27'),
    snapshot: caseSnapshot({
      ...afterDemand,
      feesOpen: ore(24_000n),
      interestOpen: ore(7_672n),
      interestBookedThrough: calendarDate('2026-03-16'),
    }),
    policy: defaultPolicy,
    rates: BUILT_IN_REFERENCE_RATES,
    invoice: {
      number: '1038',
      invoiceDate: calendarDate('2026-01-15'),
      dueDate: calendarDate('2026-02-14'),
      total: ore(1_000_000n),
      credited: ZERO_ORE,
      rowDescriptions: ['Konsulttjänster januari'],
    },
    applicant: {
      name: 'Ekholm & Åberg Konsult AB',
      identityNumber: '5566778899',
      address: address('Kungsgatan 12'),
      email: 'ekonomi@ekholm.se',
      phone: null,
    },
    agent: {
      name: 'Reskontra AB',
      identityNumber: '5591234561',
      address: address('Box 1'),
      email: 'inkasso@reskontra.example',
      phone: null,
    },
    respondent: {
      kind: 'person',
      name: 'Nils Nilsson',
      identityNumber: '198112189876',
      address: address('Byvägen 3'),
      email: 'nils@example.se',
      phone: null,
    },
  });
  if (!built.ok) throw new Error('sample refused');
  return built.value.application;
}

const render = () => renderPaymentOrderPdf(sample(), { compress: false });

describe('renderPaymentOrderPdf', () => {
  it('is a one-page PDF, the same bytes every time', async () => {
    const pdf = await render();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBe(1);
    expect((await render()).equals(pdf)).toBe(true);
  });

  it('names applicant, respondent and agent with full identity numbers', async () => {
    const text = extractPdfText(await render());
    for (const fragment of [
      'UNDERLAG FÖR ANSÖKAN OM BETALNINGSFÖRELÄGGANDE',
      'SÖKANDE (BORGENÄR)',
      'Ekholm & Åberg Konsult AB',
      '556677-8899',
      'SVARANDE (GÄLDENÄR)',
      'Nils Nilsson',
      'Personnummer',
      '19811218-9876',
      'Byvägen 3\n123 45 Storåker',
      'INKASSOOMBUD (SKICKADE INKASSOKRAVET)',
      'Reskontra AB, org.nr 559123-4561',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('states capital, interest to the day, each cost and the sum', async () => {
    const text = extractPdfText(await render());
    for (const fragment of [
      'Kapitalbelopp (förfallet 2026-02-14), exklusive ränta och kostnader',
      '10 000,00',
      'Upplupen ränta t.o.m. 2026-03-27',
      '106,86',
      'Påminnelseavgift (lag 1981:739)',
      '60,00',
      'Inkassoavgift (lag 1981:739)',
      '180,00',
      'Ansökningsavgift Kronofogden',
      '300,00',
      'Ombudsarvode / eget arbete (48 § lag 1990:746)',
      '380,00',
      'Summa',
      '11 026,86 kr',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('shows the interest calculation and the running interest', async () => {
    const text = extractPdfText(await render()).replace(/\s*\n/g, ' ');
    for (const fragment of [
      '2026-02-17 – 2026-03-16',
      'tidigare debiterad',
      '76,72',
      '2026-03-17 – 2026-03-27',
      '10,00 %',
      '30,14',
      'Referensränta + 8 procentenheter (räntelagen 6 §)',
      'från 2026-03-28 till dess betalning sker',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  it('gives the grounds in plain Swedish', async () => {
    const text = extractPdfText(await render()).replace(/\n/g, ' ');
    expect(text).toContain(
      'Obetald faktura nr 1038 daterad 2026-01-15, förfallen 2026-02-14, avseende Konsulttjänster januari.',
    );
  });
});

describe('the e-mail to the client', () => {
  it('carries the PDF and says it was not sent to the debtor', async () => {
    const mail = paymentOrderEmail(sample());
    expect(mail.subject).toBe('Underlag för ansökan om betalningsföreläggande – faktura 1038');
    expect(mail.text).toContain('Underlaget har inte skickats till gäldenären');
    const rendered = await new StandardDocumentRenderer().render({
      tenantId: 't',
      documentId: '00000000-0000-0000-0000-000000000001',
      invoiceId: 'i',
      kind: 'payment_order_application',
      channel: 'email',
      documentDate: calendarDate('2026-03-27'),
      recipient: { name: 'Ekholm & Åberg Konsult AB', email: 'ekonomi@ekholm.se' },
      payload: encodePayload(sample()),
    });
    expect(rendered.contentType).toBe('message/rfc822');
    const eml = Buffer.from(rendered.bytes).toString('utf8');
    expect(eml).toContain('To: ekonomi@ekholm.se');
    expect(eml).toContain('betalningsforelaggande-1038-BF.pdf');
  });
});
