/**
 * Underlag för ansökan om betalningsföreläggande: what the client files with Kronofogden (its
 * e-service or paper form) after an unpaid inkassokrav, with every field domain.md §8 lists.
 * Kronofogden's bulk-filer layout is not known (UNVERIFIED), so this is content, not a file format.
 * Owns: the claim's figures and wording. Must not: book anything (the caller books `interest`).
 */
import { addDays, daysBetween, maxDate, type CalendarDate } from '../calendar-date.ts';
import type { PartyKind, PostalAddress } from '../documents/document-data.ts';
import type { ReferenceRates } from '../interest/reference-rate.ts';
import { addOre, formatKronor, subtractOre, sumOre, ZERO_ORE, type Ore } from '../money.ts';
import { err, ok, type FieldIssue, type Result } from '../result.ts';
import { caseInterestStartDate, interestToBook, type InterestCharge } from './case-interest.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import {
  KRONOFOGDEN_AGENT_FEE_CAP_ORE,
  KRONOFOGDEN_APPLICATION_FEE_ORE,
  LATE_PAYMENT_COMPENSATION_ORE,
} from './fee-law.ts';
import type { CollectionPolicy } from './policy.ts';

export type ApplicationParty = {
  readonly name: string;
  /** Printed form: 'YYYYMMDD-NNNN' for a person, 'NNNNNN-NNNN' for an organisation. */
  readonly identityNumber: string;
  readonly address: PostalAddress | null;
  readonly email: string | null;
  readonly phone: string | null;
};

export type ApplicationInterestLine = {
  readonly fromDate: CalendarDate;
  readonly toDate: CalendarDate;
  readonly days: number;
  /** '10,00 %', or 'tidigare debiterad' for interest the earlier letters already charged. */
  readonly rateText: string;
  readonly amount: Ore;
};

export type ApplicationCost = { readonly label: string; readonly amount: Ore };

export type PaymentOrderApplication = {
  readonly kind: 'payment_order_application';
  readonly date: CalendarDate;
  /** The invoice number + '-BF': how the client and Reskontra refer to this application. */
  readonly reference: string;
  readonly applicant: ApplicationParty;
  /** Who sent the inkassokrav for the applicant (the operator); the client decides on an ombud. */
  readonly agent: ApplicationParty | null;
  readonly respondent: ApplicationParty & { readonly kind: PartyKind };
  readonly claim: {
    readonly invoiceNumber: string;
    readonly invoiceDate: CalendarDate;
    readonly dueDate: CalendarDate;
    readonly invoiceTotal: Ore;
    readonly credited: Ore;
    /** Every payment applied to the invoice (fees, interest and capital). */
    readonly paid: Ore;
    /** The open principal: excluding interest and costs (Kronofogden's "kapitalbelopp"). */
    readonly capital: Ore;
    readonly interest: {
      /** Accrued and unpaid through the application date. */
      readonly amount: Ore;
      readonly throughDate: CalendarDate;
      readonly lines: readonly ApplicationInterestLine[];
    };
    readonly runningInterest: {
      readonly rateText: string;
      /** null: no interest has started yet; it runs at the latest from service (4 § 3 st.). */
      readonly fromDate: CalendarDate | null;
      readonly fromText: string;
    };
    readonly costs: readonly ApplicationCost[];
    /** "Grund" in plain Swedish. */
    readonly grounds: string;
  };
  /** Capital + accrued interest + costs. */
  readonly total: Ore;
};

export type PaymentOrderInput = {
  /** The application date: the decision's date. */
  readonly date: CalendarDate;
  readonly snapshot: CaseSnapshot;
  readonly policy: CollectionPolicy;
  readonly rates: ReferenceRates;
  readonly invoice: {
    readonly number: string;
    readonly invoiceDate: CalendarDate;
    readonly dueDate: CalendarDate;
    readonly total: Ore;
    readonly credited: Ore;
    readonly rowDescriptions: readonly string[];
  };
  /** Identity numbers as stored: 10 digits (organisation) or 12 (person). */
  readonly applicant: Omit<ApplicationParty, 'identityNumber'> & {
    readonly identityNumber: string;
  };
  readonly agent: (Omit<ApplicationParty, 'identityNumber'> & { identityNumber: string }) | null;
  readonly respondent: Omit<ApplicationParty, 'identityNumber'> & {
    readonly kind: PartyKind;
    readonly identityNumber: string | null;
  };
};

export type PaymentOrderBuilt = {
  readonly application: PaymentOrderApplication;
  /** Interest not yet booked, through the application date: the caller books it with the decision. */
  readonly interestToBook: InterestCharge | null;
  /** Kronofogden's fee + the applicant's cost, to book with the decision. */
  readonly statutoryCosts: Ore;
};

export const REMINDER_FEE_LABEL = 'Påminnelseavgift (lag 1981:739)';
export const COLLECTION_FEE_LABEL = 'Inkassoavgift (lag 1981:739)';
export const LATE_COMPENSATION_COST_LABEL = 'Förseningsersättning (4 a § lag 1981:739)';
export const APPLICATION_FEE_LABEL = 'Ansökningsavgift Kronofogden';
export const AGENT_FEE_LABEL = 'Ombudsarvode / eget arbete (48 § lag 1990:746)';

const GROUNDS_DESCRIPTION_MAX = 100;

/** '198112189876' → '19811218-9876'; '5560360793' → '556036-0793'. */
export function printedIdentityNumber(digits: string): string {
  if (/^\d{12}$/.test(digits)) return `${digits.slice(0, 8)}-${digits.slice(8)}`;
  if (/^\d{10}$/.test(digits)) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  return digits;
}

const percentText = (basisPoints: bigint): string =>
  `${basisPoints / 100n},${(basisPoints % 100n).toString().padStart(2, '0')} %`;

/** 800 → '8', 750 → '7,50': percentage points as the law writes them. */
const pointsText = (basisPoints: bigint): string =>
  basisPoints % 100n === 0n
    ? String(basisPoints / 100n)
    : percentText(basisPoints).replace(' %', '');

const kronor = (amount: Ore): string => formatKronor(amount).replace(/\u00a0/g, ' ');

/** The rows' descriptions, each once, cut at a word to keep the grounds one readable sentence. */
export function shortDescription(descriptions: readonly string[]): string {
  const unique = [...new Set(descriptions.map((d) => d.trim()).filter((d) => d.length > 0))];
  const joined = unique.join(', ');
  if (joined.length <= GROUNDS_DESCRIPTION_MAX) return joined;
  const cut = joined.slice(0, GROUNDS_DESCRIPTION_MAX);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[,\s]+$/, '');
  return `${atWord} m.m.`;
}

function grounds(input: PaymentOrderInput): string {
  const { invoice, snapshot } = input;
  const about = shortDescription(invoice.rowDescriptions);
  const parts = [
    `Obetald faktura nr ${invoice.number} daterad ${invoice.invoiceDate}, förfallen ${invoice.dueDate}` +
      (about === '' ? '.' : `, avseende ${about}.`),
    `Fakturans belopp ${kronor(invoice.total)}.`,
  ];
  if (invoice.credited > 0n) parts.push(`Krediterat ${kronor(invoice.credited)}.`);
  if (snapshot.paymentsApplied > 0n)
    parts.push(`Delbetalningar om ${kronor(snapshot.paymentsApplied)} har avräknats.`);
  parts.push('Inkassokrav har skickats utan att skulden betalats eller bestritts.');
  return parts.join(' ');
}

/**
 * The fees the invoice actually carries, reduced from the oldest by what payments covered (the
 * same order as the letters), then Kronofogden's fee and the applicant's cost.
 */
function costs(snapshot: CaseSnapshot, policy: CollectionPolicy): ApplicationCost[] {
  const charged: ApplicationCost[] = [];
  if (snapshot.reminderFeeCharged)
    charged.push({ label: REMINDER_FEE_LABEL, amount: policy.reminderFee });
  if (snapshot.collectionFeeCharged)
    charged.push({ label: COLLECTION_FEE_LABEL, amount: policy.collectionFee });
  if (snapshot.lateCompensationCharged)
    charged.push({ label: LATE_COMPENSATION_COST_LABEL, amount: LATE_PAYMENT_COMPENSATION_ORE });
  let excess = subtractOre(sumOre(charged.map((c) => c.amount)), snapshot.feesOpen);
  const open = charged
    .map((c) => {
      const cut = excess > c.amount ? c.amount : excess > 0n ? excess : ZERO_ORE;
      excess = subtractOre(excess, cut);
      return { ...c, amount: subtractOre(c.amount, cut) };
    })
    .filter((c) => c.amount > 0n);
  return [
    ...open,
    { label: APPLICATION_FEE_LABEL, amount: KRONOFOGDEN_APPLICATION_FEE_ORE },
    { label: AGENT_FEE_LABEL, amount: KRONOFOGDEN_AGENT_FEE_CAP_ORE },
  ];
}

/** Earlier letters' interest as one line (as the inkassokrav showed it), then the new segments. */
function interestLines(
  snapshot: CaseSnapshot,
  start: CalendarDate | null,
  charge: InterestCharge | null,
): ApplicationInterestLine[] {
  const lines: ApplicationInterestLine[] = [];
  const through = snapshot.interestBookedThrough;
  if (snapshot.interestOpen > 0n && through !== null) {
    const from = start !== null && start <= through ? start : through;
    lines.push({
      fromDate: from,
      toDate: through,
      days: daysBetween(from, through) + 1,
      rateText: 'tidigare debiterad',
      amount: snapshot.interestOpen,
    });
  }
  for (const s of charge?.segments ?? []) {
    lines.push({
      fromDate: s.fromDate,
      toDate: s.toDate,
      days: s.days,
      rateText: percentText(s.rateBasisPoints),
      amount: s.amount,
    });
  }
  return lines;
}

function runningInterest(policy: CollectionPolicy, start: CalendarDate | null, date: CalendarDate) {
  const rateText =
    policy.interest.kind === 'fixed'
      ? `${percentText(policy.interest.rateBasisPoints)} (avtalad ränta)`
      : `Referensränta + ${pointsText(policy.interest.marginBasisPoints)} procentenheter (räntelagen 6 §)`;
  if (start === null) {
    return {
      rateText,
      fromDate: null,
      fromText: 'från dagen för delgivning av ansökan (räntelagen 4 § 3 st.)',
    };
  }
  const fromDate = maxDate(start, addDays(date, 1));
  return { rateText, fromDate, fromText: `från ${fromDate} till dess betalning sker` };
}

function party(p: PaymentOrderInput['applicant']): ApplicationParty {
  return {
    name: p.name,
    identityNumber: printedIdentityNumber(p.identityNumber),
    address: p.address,
    email: p.email,
    phone: p.phone,
  };
}

/**
 * The application's content, or the fields that are missing: Kronofogden needs the respondent's
 * personnummer or orgnr and an address to serve the order on, so none is produced without them.
 * Throws ReferenceRateUnknownError when the interest through `date` needs an unpublished rate.
 */
export function buildPaymentOrderApplication(
  input: PaymentOrderInput,
): Result<PaymentOrderBuilt, FieldIssue[]> {
  const { snapshot, policy, date, respondent } = input;
  const issues: FieldIssue[] = [];
  if (respondent.identityNumber === null || respondent.identityNumber === '')
    issues.push({
      path: 'customer.identityNumber',
      code: 'identity_number_missing',
      message: 'Kronofogden needs the respondent’s personnummer or organisationsnummer',
    });
  if (respondent.address === null)
    issues.push({
      path: 'customer.address',
      code: 'address_missing',
      message: 'Kronofogden needs an address to serve the order on',
    });
  if (issues.length > 0) return err(issues);

  const start = caseInterestStartDate(snapshot, policy);
  const charge = interestToBook(snapshot, policy, date, input.rates);
  const interestAmount = addOre(snapshot.interestOpen, charge?.amount ?? ZERO_ORE);
  const costLines = costs(snapshot, policy);
  const application: PaymentOrderApplication = {
    kind: 'payment_order_application',
    date,
    reference: `${input.invoice.number}-BF`,
    applicant: party(input.applicant),
    agent: input.agent === null ? null : party(input.agent),
    respondent: {
      ...party({ ...respondent, identityNumber: respondent.identityNumber! }),
      kind: respondent.kind,
    },
    claim: {
      invoiceNumber: input.invoice.number,
      invoiceDate: input.invoice.invoiceDate,
      dueDate: input.invoice.dueDate,
      invoiceTotal: input.invoice.total,
      credited: input.invoice.credited,
      paid: snapshot.paymentsApplied,
      capital: snapshot.principalOpen,
      interest: {
        amount: interestAmount,
        throughDate: date,
        lines: interestLines(snapshot, start, charge),
      },
      runningInterest: runningInterest(policy, start, date),
      costs: costLines,
      grounds: grounds(input),
    },
    total: addOre(snapshot.principalOpen, interestAmount, sumOre(costLines.map((c) => c.amount))),
  };
  return ok({
    application,
    interestToBook: charge,
    statutoryCosts: addOre(KRONOFOGDEN_APPLICATION_FEE_ORE, KRONOFOGDEN_AGENT_FEE_CAP_ORE),
  });
}

/** The application's own consistency: the figures add up (checked before rendering). */
export function paymentOrderApplicationIssues(a: PaymentOrderApplication): string[] {
  const issues: string[] = [];
  const lineSum = sumOre(a.claim.interest.lines.map((l) => l.amount));
  if (lineSum !== a.claim.interest.amount)
    issues.push(`interest lines ${lineSum} ≠ interest ${a.claim.interest.amount}`);
  const total = addOre(
    a.claim.capital,
    a.claim.interest.amount,
    sumOre(a.claim.costs.map((c) => c.amount)),
  );
  if (total !== a.total) issues.push(`capital + interest + costs ${total} ≠ total ${a.total}`);
  if (a.respondent.identityNumber === '') issues.push('respondent identity number missing');
  return issues;
}
