/**
 * Goal: the small formatting rules every PDF shares (safe text, numbers, the window position).
 * Method: plain examples.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import {
  ADDRESS_WINDOW,
  amountText,
  displayBankgiro,
  displayIdentityNumber,
  displayQuantity,
  fixedInstant,
  mm,
  pdfSafe,
} from './pdf-layout.ts';
import { addressLines, displayPartyNumber } from './party-lines.ts';
import { sampleBuyer } from './sample-documents.ts';

describe('pdf-layout', () => {
  it('keeps WinAnsi text (åäö, €, –) and replaces what Helvetica lacks', () => {
    expect(pdfSafe('Åsa Öberg – 1 000 €')).toBe('Åsa Öberg – 1 000 €');
    expect(pdfSafe('−12,50')).toBe('-12,50');
    expect(pdfSafe('Dvořák 北京')).toBe('Dvorák ??');
  });

  it('formats amounts, identity numbers, bankgiro numbers and quantities the Swedish way', () => {
    expect(amountText(ore(-123456n))).toBe('-1\u00a0234,56');
    expect(displayIdentityNumber('5566778899')).toBe('556677-8899');
    expect(displayBankgiro('56367742')).toBe('5636-7742');
    expect(displayBankgiro('1234567')).toBe('123-4567');
    expect(displayQuantity('1.5', 'sv')).toBe('1,5');
    expect(displayQuantity('1.5', 'en')).toBe('1.5');
  });

  it("masks a person's identity number but not an orgnr", () => {
    expect(displayPartyNumber(sampleBuyer)).toBe('556812-3458');
    expect(
      displayPartyNumber({ ...sampleBuyer, kind: 'person', organisationNumber: '8112189876' }),
    ).toBe('811218-XXXX');
  });

  it('writes the country only for letters abroad', () => {
    expect(addressLines(sampleBuyer.address)).toEqual(['Kungsgatan 7 B', '111 43 Stockholm']);
    expect(
      addressLines({
        street: 'Karl Johans gate 1',
        postalCode: '0154',
        city: 'Oslo',
        country: 'NO',
      }),
    ).toEqual(['Karl Johans gate 1', '0154 Oslo', 'NORWAY']);
  });

  it('derives the creation instant from the document date only', () => {
    expect(fixedInstant(calendarDate('2025-03-14')).toISOString()).toBe('2025-03-14T12:00:00.000Z');
  });

  it('puts the address inside both common window envelopes (20/45 mm 90×45, 15/44 mm 105×35)', () => {
    const windows = [
      { x: 20, y: 45, width: 90, height: 45 },
      { x: 15, y: 44, width: 105, height: 35 },
    ];
    for (const w of windows) {
      expect(ADDRESS_WINDOW.x).toBeGreaterThanOrEqual(mm(w.x));
      expect(ADDRESS_WINDOW.y).toBeGreaterThanOrEqual(mm(w.y));
      expect(ADDRESS_WINDOW.x + ADDRESS_WINDOW.width).toBeLessThanOrEqual(mm(w.x + w.width));
      expect(ADDRESS_WINDOW.y + ADDRESS_WINDOW.height).toBeLessThanOrEqual(mm(w.y + w.height));
    }
  });
});
