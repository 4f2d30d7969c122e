/**
 * Goal: identity numbers parse to one stored form with stable error codes (domain.md §7, vectors
 * 4-7). Method: the vectors by number, the century rule against a fixed `today`, the error order,
 * then fast-check properties (round trip of generated numbers; a changed digit is caught).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, fromEpochDay, toEpochDay } from './calendar-date.ts';
import {
  formatIdentityNumber,
  parseIdentityNumber,
  parseOrganisationsnummer,
  parsePersonalIdentityNumber,
  validOrgnr,
  validPersonnummer,
  validSamordningsnummer,
  vatNumber,
} from './identity-number.ts';
import { luhnCheckDigit } from './ocr-reference.ts';

const today = calendarDate('2025-06-15');

describe('domain.md §12 vectors 4-7', () => {
  it('vector 4: personnummer', () => {
    expect(validPersonnummer('811218-9876', today)).toBe(true);
    expect(validPersonnummer('811218-9875', today)).toBe(false);
    expect(validPersonnummer('121212-1212', today)).toBe(true);
    expect(parsePersonalIdentityNumber('811218-9875', today)).toEqual({
      ok: false,
      error: 'identity_number_check_digit',
    });
  });

  it('vector 5: samordningsnummer 701063-2391 → born 1970-10-03', () => {
    expect(validSamordningsnummer('701063-2391', today)).toBe(true);
    expect(validPersonnummer('701063-2391', today)).toBe(false);
    expect(parsePersonalIdentityNumber('701063-2391', today)).toEqual({
      ok: true,
      value: {
        kind: 'samordningsnummer',
        normalised: '197010632391',
        display: '19701063-2391',
        birthDate: '1970-10-03',
      },
    });
  });

  it('vector 6: organisationsnummer', () => {
    const saab = parseOrganisationsnummer('556036-0793');
    expect(saab.ok && saab.value).toEqual({
      kind: 'organisationsnummer',
      normalised: '5560360793',
      display: '556036-0793',
      group: 5,
    });
    const stockholm = parseOrganisationsnummer('212000-0142');
    expect(stockholm.ok && stockholm.value.group).toBe(2);
    expect(validOrgnr('212000-1355')).toBe(true);
    expect(validOrgnr('5560360794')).toBe(false);
    expect(parseOrganisationsnummer('5560360794')).toEqual({
      ok: false,
      error: 'identity_number_check_digit',
    });
    expect(validOrgnr('8112189876')).toBe(false);
    expect(parseOrganisationsnummer('8112189876')).toEqual({
      ok: false,
      error: 'identity_number_not_orgnr',
    });
  });

  it('vector 7: vatNumber("5560360793") → "SE556036079301"', () => {
    expect(vatNumber('5560360793')).toBe('SE556036079301');
    expect(vatNumber('5560360793')).toHaveLength(14);
    expect(vatNumber('556036-0793')).toBe('SE556036079301');
    // A sole trader's VAT number is built on the 10-digit personnummer.
    expect(vatNumber('198112189876')).toBe('SE811218987601');
    expect(() => vatNumber('5560360794')).toThrow();
    expect(() => vatNumber('SE5560360793')).toThrow();
  });
});

describe('personnummer forms and the century rule', () => {
  it.each([
    ['811218-9876', '198112189876'],
    ['8112189876', '198112189876'],
    ['198112189876', '198112189876'],
    ['19811218-9876', '198112189876'],
    ['  811218-9876 ', '198112189876'],
    ['121212-1212', '201212121212'],
    ['121212+1212', '191212121212'],
  ])('%j → %s', (text, normalised) => {
    const parsed = parsePersonalIdentityNumber(text, today);
    expect(parsed.ok && parsed.value.normalised).toBe(normalised);
    expect(parsed.ok && parsed.value.display).toBe(
      `${normalised.slice(0, 8)}-${normalised.slice(8)}`,
    );
  });

  it('a birthday later this year than today falls in the previous century', () => {
    // 250616 is tomorrow in 2025, so with '-' it must be 1925, not 2025.
    const number = withCheck('250616123');
    const parsed = parsePersonalIdentityNumber(`${number.slice(0, 6)}-${number.slice(6)}`, today);
    expect(parsed.ok && parsed.value.birthDate).toBe('1925-06-16');
    const todayBorn = withCheck('250615123');
    const parsedToday = parsePersonalIdentityNumber(todayBorn, today);
    expect(parsedToday.ok && parsedToday.value.birthDate).toBe('2025-06-15');
  });

  it('29 February exists only in the resolved century', () => {
    // 000229: with '-' and today 2025 that is 2000-02-29 (a leap day); with '+' 1900 (not one).
    const leap = withCheck('000229123');
    expect(parsePersonalIdentityNumber(leap, today).ok).toBe(true);
    expect(parsePersonalIdentityNumber(`${leap.slice(0, 6)}+${leap.slice(6)}`, today)).toEqual({
      ok: false,
      error: 'identity_number_invalid_date',
    });
  });

  it.each([
    ['', 'identity_number_format'],
    ['811218-987', 'identity_number_format'],
    ['811218--9876', 'identity_number_format'],
    ['81121a-9876', 'identity_number_format'],
    ['19811218+9876', 'identity_number_format'],
    ['811218 9876', 'identity_number_format'],
    ['811218-9875', 'identity_number_check_digit'],
    [withCheck('811318987'), 'identity_number_invalid_date'],
    [withCheck('810231987'), 'identity_number_invalid_date'],
    [withCheck('810200987'), 'identity_number_invalid_date'],
    [withCheck('810192987'), 'identity_number_invalid_date'],
    [`20${withCheck('300101123')}`, 'identity_number_invalid_date'],
    [`18${withCheck('810101123')}`, 'identity_number_invalid_date'],
  ])('%j → %s', (text, code) => {
    expect(parsePersonalIdentityNumber(text, today)).toEqual({ ok: false, error: code });
  });

  it('the check digit is tested before the date (documented order)', () => {
    const badDate = withCheck('811318987');
    const badDateAndCheck = `${badDate.slice(0, 9)}${(Number(badDate[9]) + 1) % 10}`;
    expect(parsePersonalIdentityNumber(badDateAndCheck, today)).toEqual({
      ok: false,
      error: 'identity_number_check_digit',
    });
  });
});

describe('organisationsnummer forms', () => {
  it.each(['556036-0793', '5560360793', '165560360793', '16556036-0793'])(
    '%j → 5560360793',
    (text) => {
      const parsed = parseOrganisationsnummer(text);
      expect(parsed.ok && parsed.value.normalised).toBe('5560360793');
    },
  );

  it.each([
    ['55603-60793', 'identity_number_format'],
    ['195560360793', 'identity_number_format'],
    ['556036+0793', 'identity_number_format'],
    ['701063-2391', 'identity_number_not_orgnr'],
  ])('%j → %s', (text, code) => {
    expect(parseOrganisationsnummer(text)).toEqual({ ok: false, error: code });
  });
});

describe('parseIdentityNumber', () => {
  it("'person' accepts personnummer and samordningsnummer, not an orgnr", () => {
    expect(parseIdentityNumber('811218-9876', 'person', today).ok).toBe(true);
    expect(parseIdentityNumber('701063-2391', 'person', today).ok).toBe(true);
    expect(parseIdentityNumber('556036-0793', 'person', today)).toEqual({
      ok: false,
      error: 'identity_number_invalid_date',
    });
  });

  it("'company' accepts an orgnr, or a sole trader's personnummer in the 12-digit form", () => {
    const company = parseIdentityNumber('556036-0793', 'company', today);
    expect(company.ok && [company.value.kind, company.value.normalised]).toEqual([
      'organisationsnummer',
      '5560360793',
    ]);
    const soleTrader = parseIdentityNumber('811218-9876', 'company', today);
    expect(soleTrader.ok && [soleTrader.value.kind, soleTrader.value.normalised]).toEqual([
      'personnummer',
      '198112189876',
    ]);
  });

  it("'company' reports the orgnr's own error for a mistyped orgnr", () => {
    expect(parseIdentityNumber('5560360794', 'company', today)).toEqual({
      ok: false,
      error: 'identity_number_check_digit',
    });
    expect(parseIdentityNumber('811218-9875', 'company', today)).toEqual({
      ok: false,
      error: 'identity_number_check_digit',
    });
    expect(parseIdentityNumber('hello', 'company', today)).toEqual({
      ok: false,
      error: 'identity_number_format',
    });
  });

  it('formatIdentityNumber turns a stored form into the display form', () => {
    expect(formatIdentityNumber('198112189876')).toBe('19811218-9876');
    expect(formatIdentityNumber('5560360793')).toBe('556036-0793');
    expect(() => formatIdentityNumber('55603607')).toThrow();
  });
});

describe('properties', () => {
  const births = fc
    .integer({ min: toEpochDay(calendarDate('1926-01-01')), max: toEpochDay(today) })
    .map(fromEpochDay);
  const serials = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));

  it('a generated personnummer round-trips through every input form', () => {
    fc.assert(
      fc.property(births, serials, fc.boolean(), (birth, serial, samordning) => {
        const day = Number(birth.slice(8)) + (samordning ? 60 : 0);
        const yymmdd = `${birth.slice(2, 4)}${birth.slice(5, 7)}${String(day).padStart(2, '0')}`;
        const ten = withCheck(`${yymmdd}${serial}`);
        const normalised = `${birth.slice(0, 2)}${ten}`;
        for (const text of [ten, `${ten.slice(0, 6)}-${ten.slice(6)}`, normalised]) {
          const parsed = parsePersonalIdentityNumber(text, today);
          expect(parsed).toEqual({
            ok: true,
            value: {
              kind: samordning ? 'samordningsnummer' : 'personnummer',
              normalised,
              display: formatIdentityNumber(normalised),
              birthDate: birth,
            },
          });
        }
      }),
    );
  });

  it('changing any one digit of a valid orgnr makes it invalid', () => {
    const orgnrs = fc
      .tuple(
        fc.integer({ min: 1, max: 9 }),
        fc.stringMatching(/^\d$/),
        fc.integer({ min: 2, max: 9 }),
        fc.stringMatching(/^\d{6}$/),
      )
      .map(([g, b, c, rest]) => withCheck(`${g}${b}${c}${rest}`));
    fc.assert(
      fc.property(orgnrs, fc.nat(9), fc.integer({ min: 1, max: 9 }), (orgnr, at, delta) => {
        expect(validOrgnr(orgnr)).toBe(true);
        const changed = String((Number(orgnr[at]) + delta) % 10);
        expect(validOrgnr(orgnr.slice(0, at) + changed + orgnr.slice(at + 1))).toBe(false);
      }),
    );
  });
});

/** Appends the Luhn check digit: builds valid test numbers from their first nine digits. */
function withCheck(nine: string): string {
  return `${nine}${luhnCheckDigit(nine)}`;
}
