/**
 * checkUbl: the Peppol BIS Billing 3.0 / EN 16931 rules Reskontra relies on, as code, run on the
 * UBL text. Owns: running the rule lists. Must not: replace the official schematron validation at
 * the access point; it is a fast self-check (no XSD, a rule subset).
 */
import { parseUbl } from './ubl-document.ts';
import { buildContext, type RuleFlag, type UblRule } from './ubl-rule-context.ts';
import { EN16931_CORE_RULES } from './ubl-rules-en16931.ts';
import { EN16931_VAT_RULES } from './ubl-rules-vat.ts';
import { PEPPOL_AND_SWEDISH_RULES } from './ubl-rules-peppol.ts';

export type UblIssue = {
  readonly rule: string;
  readonly message: string;
  /** 'warning' rules (e.g. SE-R-003/004/013) do not stop delivery in Peppol either. */
  readonly flag: RuleFlag;
};

export const UBL_RULES: readonly UblRule[] = [
  ...EN16931_CORE_RULES,
  ...EN16931_VAT_RULES,
  ...PEPPOL_AND_SWEDISH_RULES,
];

/** All rule failures, in rule order; an empty list means every rule holds. */
export function checkUbl(xml: string): UblIssue[] {
  const root = parseUbl(xml);
  if (root === null) {
    return [
      { rule: 'RSK-01', flag: 'fatal', message: 'Not a UBL Invoice or CreditNote document.' },
    ];
  }
  const ctx = buildContext(root);
  return UBL_RULES.flatMap((rule) =>
    rule.failures(ctx).map((where) => ({
      rule: rule.id,
      flag: rule.flag,
      message: where === '' ? rule.message : `${rule.message} (${where})`,
    })),
  );
}

/** Only the failures that would make an access point reject the document. */
export const fatalUblIssues = (xml: string): UblIssue[] =>
  checkUbl(xml).filter((issue) => issue.flag === 'fatal');
