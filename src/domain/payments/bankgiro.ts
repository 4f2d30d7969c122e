/**
 * Bankgiro numbers: 7 or 8 digits whose last digit is a Luhn (10-modulus) check digit, shown
 * as NNN-NNNN or NNNN-NNNN.
 */
import { luhnCheckDigit } from '../ocr-reference.ts';

export function validBankgiro(digits: string): boolean {
  if (!/^\d{7,8}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

export function formatBankgiro(digits: string): string {
  return `${digits.slice(0, -4)}-${digits.slice(-4)}`;
}
