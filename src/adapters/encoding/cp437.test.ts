/**
 * CP437: vector 31 of domain.md §12 (Swedish letters as their PC8 bytes), a whole SIE export
 * through encode → decode → parse, and a refusal that names the character it cannot encode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { writeSie4, parseSie4 } from '../../domain/ledger/sie4.ts';
import { ore } from '../../domain/money.ts';
import { Cp437EncodingError, decodeCp437, encodeCp437, findUnencodableCp437 } from './cp437.ts';

describe('CP437', () => {
  it('vector 31: "Kund Åkesson" and åäöÄÖ encode to their CP437 bytes', () => {
    expect([...encodeCp437('Kund Åkesson')]).toEqual([
      0x4b, 0x75, 0x6e, 0x64, 0x20, 0x8f, 0x6b, 0x65, 0x73, 0x73, 0x6f, 0x6e,
    ]);
    expect([...encodeCp437('ÅåäöÄÖ')]).toEqual([0x8f, 0x86, 0x84, 0x94, 0x8e, 0x99]);
    expect(decodeCp437(Uint8Array.from([0x8f, 0x86, 0x84, 0x94, 0x8e, 0x99]))).toBe('ÅåäöÄÖ');
  });

  it('vector 31: a SIE export survives encode → decode → parse with its Swedish names', () => {
    const text = writeSie4({
      program: { name: 'Reskontra', version: '0.1.0' },
      generatedDate: calendarDate('2025-12-31'),
      company: { name: 'Åkesson & Öberg AB', organisationNumber: '5560360793' },
      fiscalYear: { start: calendarDate('2025-01-01'), end: calendarDate('2025-12-31') },
      accounts: [
        { code: '1510', name: 'Kundfordringar' },
        { code: '3590', name: 'Övriga fakturerade kostnader' },
      ],
      vouchers: [
        {
          series: 'A',
          number: 1,
          date: calendarDate('2025-03-01'),
          text: 'Påminnelseavgift Kund Åkesson',
          transactions: [
            { account: '1510', amount: ore(6000n) },
            { account: '3590', amount: ore(-6000n) },
          ],
        },
      ],
    });
    const bytes = encodeCp437(text);
    expect(bytes.length).toBe(text.length); // one byte per character
    expect(bytes.includes(0x8f)).toBe(true); // Å
    expect(bytes.includes(0x99)).toBe(true); // Ö
    expect(bytes.subarray(0, 11).toString('latin1')).toBe('#FLAGGA 0\r\n');
    const parsed = parseSie4(decodeCp437(bytes));
    expect(parsed.ok && parsed.value.company.name).toBe('Åkesson & Öberg AB');
    expect(parsed.ok && parsed.value.vouchers[0]!.text).toBe('Påminnelseavgift Kund Åkesson');
  });

  it('refuses a character outside CP437 and names it with its position', () => {
    const text = '#FLAGGA 0\r\n#FNAMN "Łukasz € AB"\r\n';
    expect(() => encodeCp437(text)).toThrow(Cp437EncodingError);
    expect(() => encodeCp437(text)).toThrow(
      'character "Ł" (U+0141) at line 2, column 9 cannot be encoded in CP437',
    );
    const problem = findUnencodableCp437(text);
    expect(problem?.character).toBe('Ł');
    expect(problem?.index).toBe(19);
    expect(findUnencodableCp437('emoji 😀')?.message).toContain('(U+1F600)');
  });

  it('a literal "?" is fine: only characters that turn into "?" are refused', () => {
    expect([...encodeCp437('Vad?')]).toEqual([0x56, 0x61, 0x64, 0x3f]);
  });

  it('every byte decodes to a character that encodes back to the same byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...encodeCp437(decodeCp437(bytes))]).toEqual([...bytes]);
      }),
    );
  });
});
