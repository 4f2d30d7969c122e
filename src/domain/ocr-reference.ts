/**
 * OCR references for Bankgirot (domain.md §3): the Luhn (10-modulus) check digit, the optional
 * length digit, building and validating references of 2..25 digits.
 * Owns: the OCR algorithm only. Must not: know about invoices or how payloads are numbered.
 */
import { assert, err, ok, type Result } from './result.ts';

/** A digit string that passed `parseOcr`/`makeOcr`: safe to print on an invoice or match on. */
export type OcrReference = string & { readonly __kind: 'OcrReference' };

export type OcrOptions = { readonly lengthDigit: boolean };

/** Stable snake_case codes, plain strings like `parseCalendarDate`'s, for FieldIssue.code. */
export type OcrError =
  | 'ocr_reference_format'
  | 'ocr_reference_length'
  | 'ocr_reference_check_digit'
  | 'ocr_reference_length_digit';

/** The BgMax reference field is 25 characters wide; one payload digit plus the check digit is 2. */
export const OCR_MAX_LENGTH = 25;
export const OCR_MIN_LENGTH = 2;
/** With a length digit the shortest reference is payload + length digit + check digit. */
export const OCR_MIN_LENGTH_WITH_LENGTH_DIGIT = 3;

const DIGITS = /^\d+$/;

/**
 * The Luhn check digit for `digits` (the same algorithm as personnummer and orgnr). Weights 2,1,2,…
 * start at the rightmost digit because the check digit will be appended to its right.
 */
export function luhnCheckDigit(digits: string): number {
  assert(DIGITS.test(digits), `Luhn input must be digits: "${digits}"`);
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    const product = i % 2 === 0 ? digit * 2 : digit;
    // A two-digit product contributes the sum of its digits, which is product − 9.
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the Luhn check digit of the rest. */
export function hasValidLuhn(digits: string): boolean {
  if (!DIGITS.test(digits) || digits.length < 2) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** The OCR check digit of a payload: Luhn, named for the call sites that think in OCR terms. */
export function ocrCheckDigit(payload: string): number {
  return luhnCheckDigit(payload);
}

/**
 * payload + length digit + check digit. The length digit is the total length (both control digits
 * included) mod 10 and is computed first, so the Luhn digit also covers it.
 */
export function ocrWithLength(payload: string): string {
  assert(DIGITS.test(payload), `OCR payload must be digits: "${payload}"`);
  const lengthDigit = String((payload.length + 2) % 10);
  const withLength = payload + lengthDigit;
  return withLength + String(luhnCheckDigit(withLength));
}

/** Builds a reference from a payload chosen by us (e.g. an invoice number). */
export function makeOcr(payload: string, options: OcrOptions): Result<OcrReference, OcrError> {
  if (!DIGITS.test(payload)) return err('ocr_reference_format');
  const reference = options.lengthDigit
    ? ocrWithLength(payload)
    : payload + String(luhnCheckDigit(payload));
  if (reference.length > OCR_MAX_LENGTH) return err('ocr_reference_length');
  return ok(reference as OcrReference);
}

/**
 * Validates a reference as typed by a payer or read from a bank file. Strict: digits only, no
 * spaces (trimming belongs to the parser of the bank file). Checks run in this order: format,
 * length, length digit, check digit.
 */
export function parseOcr(
  text: string,
  options: Partial<OcrOptions> = {},
): Result<OcrReference, OcrError> {
  if (!DIGITS.test(text)) return err('ocr_reference_format');
  const minLength =
    options.lengthDigit === true ? OCR_MIN_LENGTH_WITH_LENGTH_DIGIT : OCR_MIN_LENGTH;
  if (text.length < minLength || text.length > OCR_MAX_LENGTH) {
    return err('ocr_reference_length');
  }
  if (options.lengthDigit === true && Number(text.at(-2)) !== text.length % 10) {
    return err('ocr_reference_length_digit');
  }
  if (!hasValidLuhn(text)) return err('ocr_reference_check_digit');
  return ok(text as OcrReference);
}

export function validOcr(text: string, options: Partial<OcrOptions> = {}): boolean {
  return parseOcr(text, options).ok;
}
