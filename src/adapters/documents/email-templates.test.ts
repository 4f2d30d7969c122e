/**
 * Goal: each e-mail says what the customer needs (amount, date, how to pay) in the right tone,
 * and the overdue notice adds no fee. Method: render every kind in both languages.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import { renderEmailTemplate, type EmailKind, type EmailTemplateInput } from './email-templates.ts';

const input = (kind: EmailKind, language: 'sv' | 'en' = 'sv'): EmailTemplateInput => ({
  kind,
  language,
  sellerName: 'Ekholm & Åberg <Konsult> AB',
  documentNumber: kind === 'credit_note' ? '1057' : '1042',
  amount: ore(2332771n),
  dueDate: calendarDate('2025-04-13'),
  bankgiro: '56367742',
  ocr: '104265',
  creditedInvoiceNumber: '1042',
  contactEmail: 'faktura@ekholmaberg.se',
});

describe('renderEmailTemplate', () => {
  it('invoice: subject with number and seller, payment details in text and HTML', () => {
    const mail = renderEmailTemplate(input('invoice'));
    expect(mail.subject).toBe('Faktura 1042 från Ekholm & Åberg <Konsult> AB');
    for (const fragment of ['23 327,71 kr', 'Förfallodatum: 2025-04-13', '5636-7742', '104265']) {
      expect(mail.text).toContain(fragment);
    }
    expect(mail.html).toContain('Ekholm &amp; Åberg &lt;Konsult&gt; AB');
    expect(mail.html).not.toContain('<Konsult>');
  });

  it('overdue notice: friendly, says it costs nothing, mentions no fee', () => {
    const mail = renderEmailTemplate(input('overdue_notice'));
    expect(mail.subject).toBe('Faktura 1042 har passerat förfallodagen');
    expect(mail.text).toContain('kostar ingenting');
    expect(mail.text).not.toMatch(/avgift/i);
    expect(renderEmailTemplate(input('overdue_notice', 'en')).text).toContain('costs you nothing');
  });

  it('reminder: points to the attached reminder and its pay-by date', () => {
    const mail = renderEmailTemplate(input('reminder'));
    expect(mail.subject).toBe('Påminnelse: faktura 1042 från Ekholm & Åberg <Konsult> AB');
    expect(mail.text).toContain('Betala senast: 2025-04-13');
  });

  it('credit note: names the credited invoice and says there is nothing to pay', () => {
    const mail = renderEmailTemplate(input('credit_note'));
    expect(mail.subject).toBe('Kreditfaktura 1057 från Ekholm & Åberg <Konsult> AB');
    expect(mail.text).toContain('krediterar faktura 1042');
    expect(mail.text).toContain('Du behöver inte betala');
    expect(mail.text).not.toContain('OCR');
  });

  it('has English versions of every kind', () => {
    const kinds: EmailKind[] = ['invoice', 'overdue_notice', 'reminder', 'credit_note'];
    const subjects = kinds.map((kind) => renderEmailTemplate(input(kind, 'en')).subject);
    expect(subjects).toEqual([
      'Invoice 1042 from Ekholm & Åberg <Konsult> AB',
      'Invoice 1042 is past its due date',
      'Reminder: invoice 1042 from Ekholm & Åberg <Konsult> AB',
      'Credit note 1057 from Ekholm & Åberg <Konsult> AB',
    ]);
    expect(renderEmailTemplate(input('invoice', 'en')).html).toContain('<html lang="en">');
  });
});

describe('renderEmailTemplate: an invoice the customer’s credit balance paid at send', () => {
  it('paid in part: the credit deducted and the amount left to pay', () => {
    const mail = renderEmailTemplate({
      ...input('invoice'),
      amount: ore(2282771n),
      creditApplied: ore(50000n),
    });
    for (const fragment of [
      'Ditt tillgodohavande på 500,00 kr har dragits av från fakturan.',
      'Avgår tillgodohavande:',
      '−500,00 kr',
      'Att betala:',
      '22 827,71 kr',
      '104265',
    ]) {
      expect(mail.text).toContain(fragment);
    }
    expect(mail.text).not.toContain('23 327,71');
    expect(mail.html).toContain('Avgår tillgodohavande');
  });

  it('paid in full: says there is nothing to pay and gives no payment details', () => {
    const mail = renderEmailTemplate({
      ...input('invoice'),
      amount: ore(0n),
      creditApplied: ore(2332771n),
    });
    expect(mail.text).toContain(
      'Fakturan är betald med ditt tillgodohavande på 23 327,71 kr. Du behöver inte betala något.',
    );
    for (const absent of ['Att betala', '0,00 kr', 'OCR', 'Bankgiro', 'Förfallodatum']) {
      expect(mail.text).not.toContain(absent);
    }
    const en = renderEmailTemplate({
      ...input('invoice', 'en'),
      amount: ore(0n),
      creditApplied: ore(2332771n),
    });
    expect(en.text).toContain('There is nothing to pay.');
    expect(en.text).not.toContain('Amount due');
  });
});
