/**
 * Swedish identity numbers (domain.md §7): personnummer, samordningsnummer (day + 60) and
 * organisationsnummer; parsing to one stored form, display forms, and the VAT number.
 * Owns: these formats and checks. Must not: read a clock (the century rule takes `today` in).
 */
import { daysInMonth, fromParts, type CalendarDate } from './calendar-date.ts';
import { hasValidLuhn } from './ocr-reference.ts';
import { assert, err, ok, type Result } from './result.ts';

/**
 * Stable codes, plain strings so they drop straight into FieldIssue.code. Checks run in this
 * order and the first failure is reported: format, kind (orgnr only), check digit, date.
 */
export type IdentityNumberError =
  | 'identity_number_format'
  | 'identity_number_not_orgnr'
  | 'identity_number_check_digit'
  | 'identity_number_invalid_date';

export type PersonIdentity = {
  readonly kind: 'personnummer' | 'samordningsnummer';
  /** Stored form 'YYYYMMDDNNNC'; a samordningsnummer keeps its day + 60. */
  readonly normalised: string;
  /** 'YYYYMMDD-NNNC'. */
  readonly display: string;
  /** The real birth date (for a samordningsnummer: day − 60). */
  readonly birthDate: CalendarDate;
};

export type OrganisationIdentity = {
  readonly kind: 'organisationsnummer';
  /** Stored form 'NNNNNNNNNN'. */
  readonly normalised: string;
  /** 'NNNNNN-NNNC'. */
  readonly display: string;
  /** The first digit: the kind of legal person (see ORGANISATION_GROUPS). */
  readonly group: number;
};

export type IdentityNumber = PersonIdentity | OrganisationIdentity;

/** First digit of an organisationsnummer → kind of legal person (Bolagsverket's groups). */
export const ORGANISATION_GROUPS: Readonly<Record<number, string>> = {
  1: 'dödsbo',
  2: 'stat, region, kommun, församling',
  3: 'utländskt företag',
  5: 'aktiebolag',
  6: 'enkelt bolag',
  7: 'ekonomisk förening, bostadsrättsförening',
  8: 'ideell förening, stiftelse',
  9: 'handelsbolag, kommanditbolag',
};

/** A samordningsnummer adds 60 to the day of birth. */
const SAMORDNING_DAY_OFFSET = 60;

// Optional century, YYMMDD, optional separator, NNNC. '+' marks a person aged 100 or more.
const PERSON_PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;
// An orgnr in 10 digits, optionally with the '16' prefix of the 12-digit form for legal persons.
const ORGNR_PATTERN = /^(?:16)?(\d{6})-?(\d{4})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The birth year of a 10-digit number: the latest century that puts the birth date on or before
 * `today`; with '+' one century earlier still. (The separator rule is Skatteverket's; picking
 * "latest century not in the future" is the usual implementation, domain.md §7.)
 */
function resolveBirthYear(
  twoDigitYear: number,
  monthDay: string,
  plus: boolean,
  today: CalendarDate,
): number {
  const todayYear = Number(today.slice(0, 4));
  let year = todayYear - (todayYear % 100) + twoDigitYear;
  // String comparison works even for an impossible month/day; the date is validated afterwards.
  if (`${year}-${monthDay}` > today) year -= 100;
  return plus ? year - 100 : year;
}

/** Parses a personnummer or samordningsnummer, 10 or 12 digits, with or without separator. */
export function parsePersonalIdentityNumber(
  text: string,
  today: CalendarDate,
): Result<PersonIdentity, IdentityNumberError> {
  const match = PERSON_PATTERN.exec(text.trim());
  if (!match) return err('identity_number_format');
  const [, century, yy = '', mm = '', dd = '', separator = '', serial = '', check = ''] = match;
  const plus = separator === '+';
  // With the full year written out, '+' (aged 100+) says nothing more and is suspect.
  if (century !== undefined && plus) return err('identity_number_format');
  if (!hasValidLuhn(`${yy}${mm}${dd}${serial}${check}`)) return err('identity_number_check_digit');

  const month = Number(mm);
  const dayField = Number(dd);
  const samordning = dayField > SAMORDNING_DAY_OFFSET;
  const day = samordning ? dayField - SAMORDNING_DAY_OFFSET : dayField;
  const year =
    century !== undefined
      ? Number(`${century}${yy}`)
      : resolveBirthYear(Number(yy), `${mm}-${pad2(day)}`, plus, today);
  // CalendarDate starts at 1900; nobody born earlier is a live debtor.
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return err('identity_number_invalid_date');
  }
  const birthDate = fromParts(year, month, day);
  if (birthDate > today) return err('identity_number_invalid_date');

  const normalised = `${year}${mm}${dd}${serial}${check}`;
  return ok({
    kind: samordning ? 'samordningsnummer' : 'personnummer',
    normalised,
    display: `${normalised.slice(0, 8)}-${normalised.slice(8)}`,
    birthDate,
  });
}

/** Parses an organisationsnummer: 'NNNNNN-NNNC', 'NNNNNNNNNN' or the same with prefix '16'. */
export function parseOrganisationsnummer(
  text: string,
): Result<OrganisationIdentity, IdentityNumberError> {
  const match = ORGNR_PATTERN.exec(text.trim());
  if (!match) return err('identity_number_format');
  const normalised = `${match[1]}${match[2]}`;
  // The "month" pair is ≥ 20, which is what keeps an orgnr apart from a personnummer.
  if (Number(normalised[2]) < 2) return err('identity_number_not_orgnr');
  if (!hasValidLuhn(normalised)) return err('identity_number_check_digit');
  return ok({
    kind: 'organisationsnummer',
    normalised,
    display: `${normalised.slice(0, 6)}-${normalised.slice(6)}`,
    group: Number(normalised[0]),
  });
}

/**
 * The one entry point for customer and tenant input. 'person' accepts a personnummer or
 * samordningsnummer. 'company' accepts an organisationsnummer or, for a sole trader (enskild
 * firma, which has no orgnr of its own), the owner's personnummer; the result's `kind` tells
 * which, and a sole trader is stored in the 12-digit person form.
 */
export function parseIdentityNumber(
  text: string,
  kind: 'person' | 'company',
  today: CalendarDate,
): Result<IdentityNumber, IdentityNumberError> {
  if (kind === 'person') return parsePersonalIdentityNumber(text, today);
  const organisation = parseOrganisationsnummer(text);
  // Only fall back when the text is not shaped like an orgnr at all; a mistyped orgnr reports
  // its own error instead of a confusing personnummer one.
  if (
    organisation.ok ||
    (organisation.error !== 'identity_number_format' &&
      organisation.error !== 'identity_number_not_orgnr')
  ) {
    return organisation;
  }
  return parsePersonalIdentityNumber(text, today);
}

export function validPersonnummer(text: string, today: CalendarDate): boolean {
  const parsed = parsePersonalIdentityNumber(text, today);
  return parsed.ok && parsed.value.kind === 'personnummer';
}

export function validSamordningsnummer(text: string, today: CalendarDate): boolean {
  const parsed = parsePersonalIdentityNumber(text, today);
  return parsed.ok && parsed.value.kind === 'samordningsnummer';
}

export function validOrgnr(text: string): boolean {
  return parseOrganisationsnummer(text).ok;
}

/** The display form of a stored (normalised) number: 12 digits → person, 10 → orgnr. */
export function formatIdentityNumber(normalised: string): string {
  assert(/^(\d{10}|\d{12})$/.test(normalised), `not a normalised identity number: ${normalised}`);
  const split = normalised.length - 4;
  return `${normalised.slice(0, split)}-${normalised.slice(split)}`;
}

/**
 * The Swedish VAT number: 'SE' + the 10-digit orgnr (for a sole trader the 10-digit
 * personnummer) + '01', 14 characters (Peppol SE-R-001/002). Takes a stored or display form;
 * anything else is a bug in the caller, since only parsed numbers are stored.
 */
export function vatNumber(identity: string): string {
  const digits = identity.replace('-', '');
  assert(/^(\d{10}|\d{12})$/.test(digits), `not an identity number: ${identity}`);
  const tenDigits = digits.slice(-10);
  assert(hasValidLuhn(tenDigits), `identity number fails its check digit: ${identity}`);
  return `SE${tenDigits}01`;
}
