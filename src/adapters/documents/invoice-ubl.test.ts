/**
 * Goal: the UBL we send is Peppol BIS 3.0 shaped for Swedish parties, for invoices and credit
 * notes at every rate. Method: render sample data, run checkUbl, and read chosen elements back.
 */
import { describe, expect, it } from 'vitest';
import { ore } from '../../domain/money.ts';
import { InvariantError } from '../../domain/result.ts';
import { renderInvoiceUbl, ublFileName, unitCode } from './invoice-ubl.ts';
import {
  invoiceFromRows,
  sampleBuyer,
  sampleCreditNote,
  sampleInvoice,
} from './sample-documents.ts';
import { checkUbl } from './ubl-rules.ts';

const element = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);

describe('renderInvoiceUbl: Invoice', () => {
  const xml = renderInvoiceUbl(sampleInvoice());

  it('passes every rule checkUbl knows, with rows at 25, 12, 6 and 0 %', () => {
    expect(checkUbl(xml)).toEqual([]);
    expect(element(xml, 'cbc:Percent')).toEqual(expect.arrayContaining(['25', '12', '6', '0']));
  });

  it('carries the Peppol identifiers, type 380 and SEK', () => {
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
      ),
    ).toBe(true);
    expect(element(xml, 'cbc:CustomizationID')).toEqual([
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    ]);
    expect(element(xml, 'cbc:ProfileID')).toEqual(['urn:fdc:peppol.eu:2017:poacc:billing:01:1.0']);
    expect(element(xml, 'cbc:InvoiceTypeCode')).toEqual(['380']);
    expect(element(xml, 'cbc:DueDate')).toEqual(['2025-04-13']);
    expect(element(xml, 'cbc:DocumentCurrencyCode')).toEqual(['SEK']);
  });

  it('states the Swedish seller: orgnr endpoint 0007, VAT SE…01 and "Godkänd för F-skatt" under TAX', () => {
    expect(xml).toContain('<cbc:EndpointID schemeID="0007">5566778899</cbc:EndpointID>');
    expect(xml).toContain('<cbc:CompanyID>SE556677889901</cbc:CompanyID>');
    expect(xml).toMatch(
      /<cbc:CompanyID>Godkänd för F-skatt<\/cbc:CompanyID>\s*<cac:TaxScheme>\s*<cbc:ID>TAX<\/cbc:ID>/,
    );
    expect(xml).toContain('<cbc:CompanyID schemeID="0007">5566778899</cbc:CompanyID>');
  });

  it('pays by bankgiro: means 30, the OCR as PaymentID, branch SE:BANKGIRO', () => {
    expect(element(xml, 'cbc:PaymentMeansCode')).toEqual(['30']);
    expect(element(xml, 'cbc:PaymentID')).toEqual(['104265']);
    expect(xml).toMatch(
      /<cbc:ID>56367742<\/cbc:ID>\s*<cac:FinancialInstitutionBranch>\s*<cbc:ID>SE:BANKGIRO</,
    );
  });

  it('writes 0 % as exempt (E) with a reason, and 25/12/6 % as standard rated (S)', () => {
    expect(xml).toMatch(
      /<cbc:ID>E<\/cbc:ID>\s*<cbc:Percent>0<\/cbc:Percent>\s*<cbc:TaxExemptionReason>Utbildningen/,
    );
    expect(xml).toMatch(/<cbc:ID>S<\/cbc:ID>\s*<cbc:Percent>25</);
    expect(element(xml, 'cbc:TaxAmount')[0]).toBe('3816.71');
    expect(element(xml, 'cbc:PayableAmount')).toEqual(['23327.71']);
  });

  it('uses "your reference" as BuyerReference, else the invoice number (PEPPOL-EN16931-R003)', () => {
    expect(element(xml, 'cbc:BuyerReference')).toEqual(['Anna Bergström']);
    const without = renderInvoiceUbl(sampleInvoice({ yourReference: undefined }));
    expect(element(without, 'cbc:BuyerReference')).toEqual(['1042']);
  });

  it('escapes markup in names and descriptions', () => {
    const seller = { ...sampleInvoice().seller, name: 'A & B <Bygg> "AB"' };
    const tricky = renderInvoiceUbl(sampleInvoice({ seller }));
    expect(tricky).toContain('<cbc:Name>A &amp; B &lt;Bygg&gt; &quot;AB&quot;</cbc:Name>');
    expect(checkUbl(tricky)).toEqual([]);
  });

  it('writes a discount row as a negative quantity at a positive price (BR-27)', () => {
    const base = sampleInvoice();
    const withDiscount = invoiceFromRows(base, [
      ['Konsulttjänster', '10', 'tim', 100_000n, 25],
      ['Rabatt', '1', 'st', -50_000n, 25],
    ]);
    const discounted = renderInvoiceUbl(withDiscount);
    expect(discounted).toContain('<cbc:InvoicedQuantity unitCode="EA">-1</cbc:InvoicedQuantity>');
    expect(element(discounted, 'cbc:PriceAmount')).toEqual(['1000.00', '500.00']);
    expect(checkUbl(discounted)).toEqual([]);
  });

  it('uses the Peppol id when given and leaves a person buyer without a legal-entity id', () => {
    const buyer = {
      ...sampleBuyer,
      kind: 'person' as const,
      organisationNumber: '8112189876',
      vatNumber: undefined,
      peppolId: '0088:7300010000001',
    };
    const toPerson = renderInvoiceUbl(sampleInvoice({ buyer }));
    expect(toPerson).toContain('<cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID>');
    expect(toPerson).not.toContain('8112189876');
  });

  it('is deterministic text', () => {
    expect(renderInvoiceUbl(sampleInvoice())).toBe(xml);
  });

  it('refuses inconsistent data instead of sending wrong sums', () => {
    expect(() => renderInvoiceUbl(sampleInvoice({ total: ore(1n) }))).toThrow(InvariantError);
  });
});

describe('renderInvoiceUbl: CreditNote', () => {
  const xml = renderInvoiceUbl(sampleCreditNote());

  it('passes every rule checkUbl knows', () => {
    expect(checkUbl(xml)).toEqual([]);
  });

  it('uses the CreditNote root, type 381, CreditNoteLine and CreditedQuantity', () => {
    expect(xml).toContain(
      '<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"',
    );
    expect(element(xml, 'cbc:CreditNoteTypeCode')).toEqual(['381']);
    expect(xml).toContain('<cac:CreditNoteLine>');
    expect(xml).not.toContain('<cac:InvoiceLine>');
    expect(xml).toContain('<cbc:CreditedQuantity unitCode="EA">8</cbc:CreditedQuantity>');
    expect(xml).not.toContain('<cbc:DueDate>');
  });

  it('refers to the credited invoice and keeps amounts positive', () => {
    expect(xml).toMatch(
      /<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>1042<\/cbc:ID>/,
    );
    expect(element(xml, 'cbc:PayableAmount')).toEqual(['3709.60']);
    expect(xml).not.toContain('<cac:PaymentMeans>');
  });
});

describe('helpers', () => {
  it('maps the units clients type to UN/ECE Rec 20 codes, C62 otherwise', () => {
    expect([
      unitCode('st'),
      unitCode('Tim'),
      unitCode('kg'),
      unitCode('pall'),
      unitCode(undefined),
    ]).toEqual(['EA', 'HUR', 'KGM', 'C62', 'C62']);
  });

  it('names files for the drop folder', () => {
    expect(ublFileName(sampleInvoice())).toBe('invoice-1042.xml');
    expect(ublFileName(sampleCreditNote({ number: 'K/7' }))).toBe('credit-note-K_7.xml');
  });
});

describe('renderInvoiceUbl: an invoice the customer’s credit balance paid at send', () => {
  // sampleInvoice() totals 23 327,71 kr.
  it('states the credit as PrepaidAmount and the rest as PayableAmount (BR-CO-16)', () => {
    const xml = renderInvoiceUbl(
      sampleInvoice({ creditApplied: ore(50_000n), amountToPay: ore(2_282_771n) }),
    );
    expect(checkUbl(xml)).toEqual([]);
    expect(element(xml, 'cbc:TaxInclusiveAmount')).toEqual(['23327.71']);
    expect(element(xml, 'cbc:PrepaidAmount')).toEqual(['500.00']);
    expect(element(xml, 'cbc:PayableAmount')).toEqual(['22827.71']);
    expect(element(xml, 'cbc:PayableRoundingAmount')).toEqual([]);
    expect(xml).toMatch(
      /<cbc:TaxInclusiveAmount[^>]*>23327.71<\/cbc:TaxInclusiveAmount>\s*<cbc:PrepaidAmount[^>]*>500.00<\/cbc:PrepaidAmount>\s*<cbc:PayableAmount/,
    );
    expect(element(xml, 'cbc:PaymentMeansCode')).toEqual(['30']);
    expect(element(xml, 'cbc:Note').at(-1)).toContain('Avgår kundens tillgodohavande 500.00 SEK.');
  });

  it('paid in full: PayableAmount 0.00 and no payment means', () => {
    const xml = renderInvoiceUbl(
      sampleInvoice({ creditApplied: ore(2_332_771n), amountToPay: ore(0n) }),
    );
    expect(checkUbl(xml)).toEqual([]);
    expect(element(xml, 'cbc:PrepaidAmount')).toEqual(['23327.71']);
    expect(element(xml, 'cbc:PayableAmount')).toEqual(['0.00']);
    expect(xml).not.toContain('cac:PaymentMeans');
    expect(element(xml, 'cbc:Note').at(-1)).toBe(
      'Betald med kundens tillgodohavande (23327.71 SEK). Inget att betala.',
    );
  });

  it('puts interest booked and a residual written off at send in PayableRoundingAmount', () => {
    const xml = renderInvoiceUbl(
      sampleInvoice({
        creditApplied: ore(2_300_000n),
        chargedAtSend: ore(1_500n),
        writtenOffAtSend: ore(34_271n),
        amountToPay: ore(0n),
      }),
    );
    expect(checkUbl(xml)).toEqual([]);
    expect(element(xml, 'cbc:PrepaidAmount')).toEqual(['23000.00']);
    expect(element(xml, 'cbc:PayableRoundingAmount')).toEqual(['-327.71']);
    expect(element(xml, 'cbc:PayableAmount')).toEqual(['0.00']);
  });

  it('fails BR-CO-16 when PayableAmount ignores the PrepaidAmount', () => {
    const xml = renderInvoiceUbl(
      sampleInvoice({ creditApplied: ore(50_000n), amountToPay: ore(2_282_771n) }),
    ).replace('>22827.71</cbc:PayableAmount>', '>23327.71</cbc:PayableAmount>');
    expect(checkUbl(xml).map((i) => i.rule)).toEqual(['BR-CO-16']);
  });
});
