/**
 * Goal: the .eml is a well-formed RFC 5322 / MIME message with our Message-ID, both bodies and
 * the PDF attached in base64, byte-identical for identical input. Method: read the text (mailparser
 * is not installed), split it at the boundary and decode the attachment.
 */
import { describe, expect, it } from 'vitest';
import { buildEmailMessage, type EmailMessageInput } from './email-message.ts';

const pdf = Buffer.concat([
  Buffer.from('%PDF-1.3\n'),
  Buffer.alloc(300, 0xff),
  Buffer.from('\n%%EOF\n'),
]);
const message: EmailMessageInput = {
  from: 'Ekholm & Åberg Konsult AB <faktura@ekholmaberg.se>',
  to: 'ekonomi@bergstromfastigheter.se',
  subject: 'Faktura 1042 från Ekholm & Åberg Konsult AB',
  text: 'Hej!\n\nHär kommer faktura 1042.\n',
  html: '<p>Hej!</p><p>Här kommer faktura 1042.</p>',
  attachments: [{ filename: 'faktura-1042.pdf', content: pdf, contentType: 'application/pdf' }],
  messageId: '<invoice-1042.1@reskontra.example>',
  date: new Date(Date.UTC(2025, 2, 14, 8, 30, 0)),
};

describe('buildEmailMessage', () => {
  it('writes the headers, with the given Message-ID and Date', async () => {
    const eml = (await buildEmailMessage(message)).toString('utf8');
    const headers = eml.slice(0, eml.indexOf('\r\n\r\n'));
    expect(headers).toContain('Message-ID: <invoice-1042.1@reskontra.example>');
    expect(headers).toContain('Date: Fri, 14 Mar 2025 08:30:00 +0000');
    expect(headers).toContain('To: ekonomi@bergstromfastigheter.se');
    expect(headers).toMatch(
      /From: =\?UTF-8\?Q\?Ekholm_=26_=C3=85berg_Konsult_AB\?= <faktura@ekholmaberg.se>/,
    );
    expect(headers).toContain('Subject: =?UTF-8?Q?Faktura_1042_fr=C3=A5n');
    expect(headers).toContain('MIME-Version: 1.0');
    expect(headers).not.toContain('X-Mailer');
  });

  it('is multipart/mixed with text and HTML alternatives and the PDF in base64', async () => {
    const eml = (await buildEmailMessage(message)).toString('utf8');
    const boundary = /Content-Type: multipart\/mixed;\r\n boundary="([^"]+)"/.exec(eml)?.[1];
    expect(boundary).toBeDefined();
    expect(eml).toContain(`\r\n--${boundary!}\r\n`);
    expect(eml.trimEnd().endsWith(`--${boundary!}--`)).toBe(true);
    expect(eml).toContain('Content-Type: multipart/alternative;');
    expect(eml).toContain('Content-Type: text/plain; charset=utf-8');
    expect(eml).toContain('Content-Type: text/html; charset=utf-8');
    const part = eml
      .split(`--${boundary!}`)
      .find((p) => p.includes('Content-Type: application/pdf'));
    expect(part).toBeDefined();
    expect(part).toContain('Content-Transfer-Encoding: base64');
    expect(part).toMatch(/Content-Disposition: attachment;\s*filename=faktura-1042.pdf/);
    const body = part!.slice(part!.indexOf('\r\n\r\n') + 4).replace(/\s+/g, '');
    expect(Buffer.from(body, 'base64').equals(pdf)).toBe(true);
  });

  it('uses CRLF line ends and gives identical bytes for identical input', async () => {
    const [a, b] = await Promise.all([buildEmailMessage(message), buildEmailMessage(message)]);
    expect(a.equals(b)).toBe(true);
    expect(
      a
        .toString('utf8')
        .split('\n')
        .every((l, i, all) => i === all.length - 1 || l.endsWith('\r')),
    ).toBe(true);
  });
});
