/**
 * How a party's name, address and numbers are written on Reskontra's letters, in one place so the
 * invoice, the reminder and the inkassokrav agree. Must not: draw.
 */
import type { Party, PostalAddress } from '../../domain/documents/document-data.ts';
import type { DocumentLabels } from './document-labels.ts';
import { displayBankgiro, displayIdentityNumber } from './pdf-layout.ts';

/** "12345" → "123 45", the way Swedish postal codes are printed (PostNord). */
export function displayPostalCode(address: PostalAddress): string {
  const code = address.postalCode.replace(/\s/g, '');
  return address.country === 'SE' && /^\d{5}$/.test(code)
    ? `${code.slice(0, 3)} ${code.slice(3)}`
    : address.postalCode;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Street, postcode + city, and the country in capitals when the letter leaves Sweden. */
export function addressLines(address: PostalAddress): string[] {
  const lines = [address.street, `${displayPostalCode(address)} ${address.city}`];
  if (address.country !== 'SE') {
    lines.push((regionNames.of(address.country) ?? address.country).toUpperCase());
  }
  return lines;
}

/** A person's identity number is sensitive: print only the birth date part. */
export function displayPartyNumber(party: Party): string {
  const shown = displayIdentityNumber(party.organisationNumber);
  return party.kind === 'company' ? shown : `${shown.slice(0, 7)}XXXX`;
}

/** The four footer columns every letter from a seller ends with. */
export function sellerFooterColumns(seller: Party, labels: DocumentLabels): string[][] {
  const numbers = [`${labels.orgNumber} ${displayIdentityNumber(seller.organisationNumber)}`];
  if (seller.vatNumber) numbers.push(`${labels.vatNumber} ${seller.vatNumber}`);
  const payment: string[] = [];
  if (seller.bankgiro) payment.push(`${labels.bankgiro} ${displayBankgiro(seller.bankgiro)}`);
  if (seller.email) payment.push(`${labels.email} ${seller.email}`);
  return [
    [seller.name, ...addressLines(seller.address)],
    numbers,
    payment,
    seller.fSkatt ? [labels.fSkatt] : [],
  ];
}
