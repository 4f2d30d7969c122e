/**
 * The payment-order decision's writes, shared by the client's manual decision and the run's
 * automatic one: the application (underlag, to the client by e-mail), Kronofogden's fee and the
 * applicant's cost, the interest through the application date, the task to file it, and the case
 * change. The callers write them in the decision's own transaction.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import {
  buildPaymentOrderApplication,
  type PaymentOrderApplication,
  type PaymentOrderBuilt,
  type PaymentOrderInput,
} from '../../domain/collection/payment-order-application.ts';
import {
  KRONOFOGDEN_AGENT_FEE_CAP_ORE,
  KRONOFOGDEN_APPLICATION_FEE_ORE,
} from '../../domain/collection/fee-law.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import type { ReferenceRates } from '../../domain/interest/reference-rate.ts';
import type { AccountMap } from '../../domain/ledger/chart-of-accounts.ts';
import type { JournalEntryDraft } from '../../domain/ledger/journal-entry.ts';
import { feeCharged, interestCharged } from '../../domain/ledger/posting-rules.ts';
import { addOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import { err, ok, type FieldIssue, type Result } from '../../domain/result.ts';
import type { OperatorProfile } from '../context.ts';
import type { QueueInput } from '../document-payloads.ts';
import type { Recipient } from '../ports.ts';
import type { TenantRecord } from '../records.ts';
import { toSnapshot } from './case-snapshot.ts';
import type { CaseChange, CaseRecord } from './collection-store.ts';

export type PaymentOrderPlan = {
  readonly application: PaymentOrderApplication;
  readonly entries: readonly JournalEntryDraft[];
  /** To the client's e-mail (tenant e-mail is required, so there always is one). */
  readonly document: QueueInput;
  readonly change: CaseChange;
  /** The costs and interest booked with the decision: the timeline event's amount. */
  readonly amount: Ore;
  readonly detail: Record<string, string>;
};

type PlanInput = {
  c: CaseRecord;
  tenant: TenantRecord;
  operator: OperatorProfile;
  policy: CollectionPolicy;
  rates: ReferenceRates;
  date: CalendarDate;
  registeredAddress: Recipient['address'] | null;
  accounts: AccountMap;
};

/** The pure builder's input from the stored case, the client and the operator. */
function applicationInput(input: PlanInput): PaymentOrderInput {
  const { c, tenant, operator } = input;
  const { invoice, customer } = c;
  return {
    date: input.date,
    snapshot: toSnapshot(c, input.registeredAddress !== null),
    policy: input.policy,
    rates: input.rates,
    invoice: {
      number: String(invoice.number ?? 0n),
      invoiceDate: invoice.invoiceDate,
      dueDate: invoice.dueDate,
      total: invoice.total,
      credited: invoice.credited,
      rowDescriptions: invoice.rows.map((r) => r.description),
    },
    applicant: {
      name: tenant.name,
      identityNumber: tenant.organisationNumber.slice(-10),
      address: tenant.address,
      email: tenant.email,
      phone: null,
    },
    // The operator sent the inkassokrav for the client; whether it is ombud before Kronofogden
    // is the client's choice when filing, so the PDF calls it what it was: inkassoombud.
    agent: {
      name: operator.name,
      identityNumber: operator.organisationNumber,
      address: operator.address,
      email: operator.email,
      phone: null,
    },
    respondent: {
      kind: customer.kind,
      name: customer.name,
      identityNumber: customer.identityNumber,
      // The inkassokrav went to the registered address: Kronofogden serves the order there too.
      address: input.registeredAddress ?? customer.address,
      email: customer.email,
      phone: null,
    },
  };
}

/** Interest through the application date (if any), then the statutory costs. */
function entriesFor(input: PlanInput, built: PaymentOrderBuilt): JournalEntryDraft[] {
  const { invoice } = input.c;
  const invoiceNumber = invoice.number ?? 0n;
  const charge = built.interestToBook;
  const entries: JournalEntryDraft[] = [];
  if (charge !== null && charge.amount > 0n) {
    entries.push(
      interestCharged({
        invoiceId: invoice.invoiceId,
        invoiceNumber,
        amount: charge.amount,
        fromDate: charge.fromDate,
        toDate: charge.toDate,
        bookingDate: input.date,
        accounts: input.accounts,
      }),
    );
  }
  entries.push(
    feeCharged({
      code: 'statutory_costs',
      invoiceId: invoice.invoiceId,
      invoiceNumber,
      amount: built.statutoryCosts,
      bookingDate: input.date,
      causeKey: `statutory-costs:${invoice.invoiceId}`,
      accounts: input.accounts,
    }),
  );
  return entries;
}

/**
 * The decision's writes, or the fields the application lacks. Throws ReferenceRateUnknownError
 * when the interest through the decision date needs an unpublished rate.
 */
export function planPaymentOrder(input: PlanInput): Result<PaymentOrderPlan, FieldIssue[]> {
  const built = buildPaymentOrderApplication(applicationInput(input));
  if (!built.ok) return err(built.error);
  const { application, interestToBook, statutoryCosts } = built.value;
  const { invoice } = input.c;
  const interest = interestToBook?.amount ?? ZERO_ORE;
  return ok({
    application,
    entries: entriesFor(input, built.value),
    document: {
      invoiceId: invoice.invoiceId,
      kind: 'payment_order_application',
      channel: 'email',
      documentDate: input.date,
      recipient: { name: input.tenant.name, email: input.tenant.email },
      payload: application,
    },
    change: {
      stage: 'payment_order',
      decision: 'payment_order',
      feesOpen: addOre(invoice.feesOpen, statutoryCosts),
      ...(interestToBook !== null &&
        interest > 0n && {
          interestOpen: addOre(invoice.interestOpen, interest),
          interestBookedThrough: interestToBook.toDate,
        }),
      nextActionDate: null,
    },
    amount: addOre(statutoryCosts, interest),
    detail: {
      kronofogdenFee: KRONOFOGDEN_APPLICATION_FEE_ORE.toString(),
      applicantCost: KRONOFOGDEN_AGENT_FEE_CAP_ORE.toString(),
      interest: interest.toString(),
      capital: application.claim.capital.toString(),
      claimTotal: application.total.toString(),
    },
  });
}
