/**
 * Goal: every rule checkUbl knows is shown to hold on Reskontra's own Invoice and CreditNote and to
 * fail on a document broken on purpose. Method: one table row per rule id, each a text edit of a
 * generated document; an edit that does not apply throws, so no row passes vacuously.
 */
import { describe, expect, it } from 'vitest';
import { renderInvoiceUbl } from './invoice-ubl.ts';
import { sampleCreditNote, sampleInvoice } from './sample-documents.ts';
import { checkUbl, fatalUblIssues, UBL_RULES } from './ubl-rules.ts';

const invoiceXml = renderInvoiceUbl(sampleInvoice());
const creditXml = renderInvoiceUbl(sampleCreditNote());

/** Replaces the first (or every) occurrence; throws if there is none. */
function edit(xml: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? xml.includes(from) : from.test(xml);
  if (!found) throw new Error(`edit does not apply: ${String(from)}`);
  return xml.replace(from, to);
}
const drop = (xml: string, from: string | RegExp): string => edit(xml, from, '');
const line = (name: string): RegExp => new RegExp(`\\n\\s*<${name}[^>]*>[^<]*</${name}>`);
const block = (name: string, flags = ''): RegExp =>
  new RegExp(`\\n\\s*<${name}>[\\s\\S]*?</${name}>`, flags);

/** Applies `change` inside the n-th (0-based) block called `name`. */
function inBlock(xml: string, name: string, n: number, change: (part: string) => string): string {
  const matches = [...xml.matchAll(new RegExp(`<${name}>[\\s\\S]*?</${name}>`, 'g'))];
  const match = matches[n];
  if (!match || match.index === undefined) throw new Error(`no ${name} #${n}`);
  return xml.slice(0, match.index) + change(match[0]) + xml.slice(match.index + match[0].length);
}

type Case = { rule: string; broken: () => string };
const inv =
  (broken: (xml: string) => string): (() => string) =>
  () =>
    broken(invoiceXml);
const cn =
  (broken: (xml: string) => string): (() => string) =>
  () =>
    broken(creditXml);

const CASES: Case[] = [
  { rule: 'BR-01', broken: inv((x) => drop(x, line('cbc:CustomizationID'))) },
  { rule: 'BR-02', broken: inv((x) => drop(x, '\n  <cbc:ID>1042</cbc:ID>')) },
  {
    rule: 'BR-03',
    broken: inv((x) => edit(x, '2025-03-14</cbc:IssueDate>', '14/03/2025</cbc:IssueDate>')),
  },
  { rule: 'BR-04', broken: inv((x) => drop(x, line('cbc:InvoiceTypeCode'))) },
  { rule: 'BR-05', broken: inv((x) => drop(x, line('cbc:DocumentCurrencyCode'))) },
  { rule: 'BR-06', broken: inv((x) => drop(x, line('cbc:RegistrationName'))) },
  {
    rule: 'BR-07',
    broken: inv((x) =>
      drop(x, /\n\s*<cbc:RegistrationName>Bergström[^<]*<\/cbc:RegistrationName>/),
    ),
  },
  { rule: 'BR-08', broken: inv((x) => drop(x, block('cac:PostalAddress'))) },
  { rule: 'BR-09', broken: inv((x) => drop(x, block('cac:Country'))) },
  {
    rule: 'BR-10',
    broken: inv((x) =>
      inBlock(x, 'cac:AccountingCustomerParty', 0, (p) => drop(p, block('cac:PostalAddress'))),
    ),
  },
  {
    rule: 'BR-11',
    broken: inv((x) =>
      inBlock(x, 'cac:AccountingCustomerParty', 0, (p) => drop(p, block('cac:Country'))),
    ),
  },
  {
    rule: 'BR-12',
    broken: inv((x) =>
      drop(x, '<cbc:LineExtensionAmount currencyID="SEK">19511.00</cbc:LineExtensionAmount>'),
    ),
  },
  { rule: 'BR-13', broken: inv((x) => drop(x, line('cbc:TaxExclusiveAmount'))) },
  { rule: 'BR-14', broken: inv((x) => drop(x, line('cbc:TaxInclusiveAmount'))) },
  { rule: 'BR-15', broken: inv((x) => drop(x, line('cbc:PayableAmount'))) },
  { rule: 'BR-16', broken: inv((x) => drop(x, block('cac:InvoiceLine', 'g'))) },
  { rule: 'BR-21', broken: inv((x) => drop(x, '\n    <cbc:ID>1</cbc:ID>')) },
  { rule: 'BR-22', broken: inv((x) => drop(x, line('cbc:InvoicedQuantity'))) },
  { rule: 'BR-23', broken: inv((x) => drop(x, ' unitCode="HUR"')) },
  {
    rule: 'BR-24',
    broken: inv((x) =>
      drop(x, '<cbc:LineExtensionAmount currencyID="SEK">14375.00</cbc:LineExtensionAmount>'),
    ),
  },
  { rule: 'BR-25', broken: inv((x) => drop(x, /\n\s*<cbc:Name>Konsulttjänster[^<]*<\/cbc:Name>/)) },
  {
    rule: 'BR-26',
    broken: inv((x) => drop(x, '<cbc:PriceAmount currencyID="SEK">1150.00</cbc:PriceAmount>')),
  },
  {
    rule: 'BR-27',
    broken: inv((x) =>
      edit(
        edit(x, '>1150.00</cbc:PriceAmount>', '>-1150.00</cbc:PriceAmount>'),
        '>12.5<',
        '>-12.5<',
      ),
    ),
  },
  {
    rule: 'BR-55',
    broken: cn((x) =>
      inBlock(x, 'cac:BillingReference', 0, (p) =>
        edit(p, '<cbc:ID>1042</cbc:ID>', '<cbc:IssueDate>2025-03-14</cbc:IssueDate>'),
      ),
    ),
  },
  {
    rule: 'BR-CO-10',
    broken: inv((x) =>
      edit(x, '>19511.00</cbc:LineExtensionAmount>', '>19512.00</cbc:LineExtensionAmount>'),
    ),
  },
  {
    rule: 'BR-CO-13',
    broken: inv((x) =>
      edit(x, '>19511.00</cbc:TaxExclusiveAmount>', '>19611.00</cbc:TaxExclusiveAmount>'),
    ),
  },
  { rule: 'BR-CO-14', broken: inv((x) => edit(x, '>3816.71<', '>3816.72<')) },
  {
    rule: 'BR-CO-15',
    broken: inv((x) =>
      edit(x, '>23327.71</cbc:TaxInclusiveAmount>', '>23327.72</cbc:TaxInclusiveAmount>'),
    ),
  },
  {
    rule: 'BR-CO-16',
    broken: inv((x) => edit(x, '>23327.71</cbc:PayableAmount>', '>23000.00</cbc:PayableAmount>')),
  },
  { rule: 'BR-CO-17', broken: inv((x) => edit(x, '>3593.75<', '>3598.75<')) },
  { rule: 'BR-CO-18', broken: inv((x) => drop(x, block('cac:TaxSubtotal', 'g'))) },
  {
    rule: 'BR-CO-25',
    broken: inv((x) => drop(drop(x, line('cbc:DueDate')), block('cac:PaymentTerms'))),
  },
  {
    rule: 'BR-S-02',
    broken: inv((x) =>
      drop(
        x,
        /\n\s*<cac:PartyTaxScheme>\s*<cbc:CompanyID>SE556677889901[\s\S]*?<\/cac:PartyTaxScheme>/,
      ),
    ),
  },
  {
    rule: 'BR-S-05',
    broken: inv((x) =>
      inBlock(x, 'cac:InvoiceLine', 0, (p) => edit(p, '<cbc:Percent>25<', '<cbc:Percent>0<')),
    ),
  },
  {
    rule: 'BR-S-08',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:TaxableAmount currencyID="SEK">14375.00<',
        '<cbc:TaxableAmount currencyID="SEK">14000.00<',
      ),
    ),
  },
  {
    rule: 'BR-E-05',
    broken: inv((x) =>
      inBlock(x, 'cac:InvoiceLine', 3, (p) => edit(p, '<cbc:Percent>0<', '<cbc:Percent>6<')),
    ),
  },
  {
    rule: 'BR-E-08',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:TaxableAmount currencyID="SEK">2500.00<',
        '<cbc:TaxableAmount currencyID="SEK">2400.00<',
      ),
    ),
  },
  {
    rule: 'BR-E-09',
    broken: inv((x) =>
      edit(x, '<cbc:TaxAmount currencyID="SEK">0.00<', '<cbc:TaxAmount currencyID="SEK">10.00<'),
    ),
  },
  { rule: 'BR-E-10', broken: inv((x) => drop(x, line('cbc:TaxExemptionReason'))) },
  {
    rule: 'BR-DEC-09',
    broken: inv((x) =>
      edit(x, '>19511.00</cbc:LineExtensionAmount>', '>19511.000</cbc:LineExtensionAmount>'),
    ),
  },
  {
    rule: 'BR-DEC-12',
    broken: inv((x) =>
      edit(x, '>19511.00</cbc:TaxExclusiveAmount>', '>19511.000</cbc:TaxExclusiveAmount>'),
    ),
  },
  { rule: 'BR-DEC-13', broken: inv((x) => edit(x, '>3816.71<', '>3816.710<')) },
  {
    rule: 'BR-DEC-14',
    broken: inv((x) =>
      edit(x, '>23327.71</cbc:TaxInclusiveAmount>', '>23327.710</cbc:TaxInclusiveAmount>'),
    ),
  },
  {
    rule: 'BR-DEC-16',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:PayableAmount currencyID="SEK">23327.71<',
        '<cbc:PrepaidAmount currencyID="SEK">0.000</cbc:PrepaidAmount><cbc:PayableAmount currencyID="SEK">23327.71<',
      ),
    ),
  },
  {
    rule: 'BR-DEC-17',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:PayableAmount currencyID="SEK">23327.71<',
        '<cbc:PayableRoundingAmount currencyID="SEK">0.000</cbc:PayableRoundingAmount><cbc:PayableAmount currencyID="SEK">23327.71<',
      ),
    ),
  },
  {
    rule: 'BR-DEC-18',
    broken: inv((x) => edit(x, '>23327.71</cbc:PayableAmount>', '>23327.710</cbc:PayableAmount>')),
  },
  {
    rule: 'BR-DEC-19',
    broken: inv((x) => edit(x, '>14375.00</cbc:TaxableAmount>', '>14375.000</cbc:TaxableAmount>')),
  },
  { rule: 'BR-DEC-20', broken: inv((x) => edit(x, '>3593.75<', '>3593.750<')) },
  {
    rule: 'BR-DEC-23',
    broken: inv((x) =>
      edit(x, '>14375.00</cbc:LineExtensionAmount>', '>14375.000</cbc:LineExtensionAmount>'),
    ),
  },
  { rule: 'PEPPOL-EN16931-R001', broken: inv((x) => drop(x, line('cbc:ProfileID'))) },
  { rule: 'PEPPOL-EN16931-R003', broken: inv((x) => drop(x, line('cbc:BuyerReference'))) },
  {
    rule: 'PEPPOL-EN16931-R004',
    broken: inv((x) => edit(x, '#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0', '')),
  },
  { rule: 'PEPPOL-EN16931-R007', broken: inv((x) => edit(x, 'billing:01:1.0', 'billing:1:1.0')) },
  {
    rule: 'PEPPOL-EN16931-R008',
    broken: inv((x) =>
      edit(x, '</cbc:InvoiceTypeCode>', '</cbc:InvoiceTypeCode>\n  <cbc:Note> </cbc:Note>'),
    ),
  },
  {
    rule: 'PEPPOL-EN16931-R010',
    broken: inv((x) => drop(x, '<cbc:EndpointID schemeID="0007">5568123458</cbc:EndpointID>')),
  },
  {
    rule: 'PEPPOL-EN16931-R020',
    broken: inv((x) => drop(x, '<cbc:EndpointID schemeID="0007">5566778899</cbc:EndpointID>')),
  },
  {
    rule: 'PEPPOL-EN16931-R051',
    broken: inv((x) => edit(x, 'currencyID="SEK"', 'currencyID="EUR"')),
  },
  {
    rule: 'PEPPOL-EN16931-R053',
    broken: inv((x) => inBlock(x, 'cac:TaxTotal', 0, (p) => `${p}\n  ${p}`)),
  },
  { rule: 'PEPPOL-EN16931-R120', broken: inv((x) => edit(x, '>12.5<', '>12<')) },
  {
    rule: 'PEPPOL-COMMON-R049',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:EndpointID schemeID="0007">5566778899<',
        '<cbc:EndpointID schemeID="0007">5566778898<',
      ),
    ),
  },
  { rule: 'SE-R-001', broken: inv((x) => edit(x, '>SE556677889901<', '>SE5566778899011<')) },
  { rule: 'SE-R-002', broken: inv((x) => edit(x, '>SE556677889901<', '>SE55667788990X<')) },
  {
    rule: 'SE-R-003',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:CompanyID schemeID="0007">5566778899<',
        '<cbc:CompanyID schemeID="0007">AB66778899<',
      ),
    ),
  },
  {
    rule: 'SE-R-004',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:CompanyID schemeID="0007">5566778899<',
        '<cbc:CompanyID schemeID="0007">556677889<',
      ),
    ),
  },
  { rule: 'SE-R-005', broken: inv((x) => edit(x, '>Godkänd för F-skatt<', '>F-skatt<')) },
  { rule: 'SE-R-006', broken: inv((x) => edit(x, '<cbc:Percent>25<', '<cbc:Percent>20<')) },
  {
    rule: 'SE-R-007',
    broken: inv((x) =>
      edit(edit(x, 'SE:BANKGIRO', 'SE:PLUSGIRO'), '<cbc:ID>56367742<', '<cbc:ID>PG4711<'),
    ),
  },
  { rule: 'SE-R-008', broken: inv((x) => edit(x, '<cbc:ID>56367742<', '<cbc:ID>5636-7742<')) },
  { rule: 'SE-R-009', broken: inv((x) => edit(x, '<cbc:ID>56367742<', '<cbc:ID>563677<')) },
  {
    rule: 'SE-R-010',
    broken: inv((x) =>
      edit(edit(x, 'SE:BANKGIRO', 'SE:PLUSGIRO'), '<cbc:ID>56367742<', '<cbc:ID>123456789<'),
    ),
  },
  {
    rule: 'SE-R-011',
    broken: inv((x) => edit(x, '>30</cbc:PaymentMeansCode>', '>50</cbc:PaymentMeansCode>')),
  },
  {
    rule: 'SE-R-012',
    broken: inv((x) => edit(x, '>30</cbc:PaymentMeansCode>', '>31</cbc:PaymentMeansCode>')),
  },
  {
    rule: 'SE-R-013',
    broken: inv((x) =>
      edit(
        x,
        '<cbc:CompanyID schemeID="0007">5566778899<',
        '<cbc:CompanyID schemeID="0007">5566778898<',
      ),
    ),
  },
  { rule: 'RSK-01', broken: inv((x) => edit(x, 'xsd:Invoice-2"', 'xsd:CreditNote-2"')) },
  { rule: 'RSK-02', broken: inv((x) => edit(x, '>380<', '>381<')) },
  { rule: 'RSK-03', broken: cn((x) => drop(x, block('cac:BillingReference'))) },
  {
    rule: 'RSK-04',
    broken: inv((x) => edit(edit(x, '>SEK<', '>EUR<'), /currencyID="SEK"/g, 'currencyID="EUR"')),
  },
  {
    rule: 'RSK-05',
    broken: inv((x) => edit(x, '>23327.71</cbc:PayableAmount>', '>2.332771E4</cbc:PayableAmount>')),
  },
];

const rulesIn = (xml: string): string[] => checkUbl(xml).map((issue) => issue.rule);

describe('checkUbl on generated documents', () => {
  it('finds nothing wrong in the sample Invoice (25/12/6/0 %) or CreditNote', () => {
    expect(checkUbl(invoiceXml)).toEqual([]);
    expect(checkUbl(creditXml)).toEqual([]);
  });

  it('has a test row for every rule it runs, and no row for an unknown rule', () => {
    const ruleIds = UBL_RULES.map((r) => r.id).sort();
    expect(CASES.map((c) => c.rule).sort()).toEqual(ruleIds);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });

  it('reports text that is not UBL at all under RSK-01', () => {
    expect(rulesIn('<Order/>')).toEqual(['RSK-01']);
    expect(rulesIn('not xml <<<')).toEqual(['RSK-01']);
  });

  it('separates warnings from fatal failures', () => {
    const broken = edit(invoiceXml, '<cbc:ID>56367742<', '<cbc:ID>563677<');
    expect(rulesIn(broken)).toEqual(['SE-R-009']);
    expect(fatalUblIssues(broken)).toEqual([]);
  });
});

describe.each(CASES)('$rule', ({ rule, broken }) => {
  it(`${rule} holds for the generated Invoice and CreditNote and fails when broken`, () => {
    expect(rulesIn(invoiceXml)).not.toContain(rule);
    expect(rulesIn(creditXml)).not.toContain(rule);
    expect(rulesIn(broken())).toContain(rule);
  });
});
