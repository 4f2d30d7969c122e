/**
 * Applying one engine decision to one invoice, as writes the caller commits with its batch: the
 * step record (a step is never taken twice), journal entries for fees and interest, the document
 * in the outbox, tasks, the timeline events with the policy version, and the next action date.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import {
  caseInterestStartDate,
  type InterestCharge,
} from '../../domain/collection/case-interest.ts';
import { stageAfter, type Decision } from '../../domain/collection/decision.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import { encodePayload } from '../../domain/documents/payload-codec.ts';
import type { ReferenceRates } from '../../domain/interest/reference-rate.ts';
import type { AccountMap } from '../../domain/ledger/chart-of-accounts.ts';
import type { JournalEntryDraft } from '../../domain/ledger/journal-entry.ts';
import { feeCharged, interestCharged, writtenOff } from '../../domain/ledger/posting-rules.ts';
import { computeTotals } from '../../domain/invoicing/invoice-totals.ts';
import { addOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import { assertNever } from '../../domain/result.ts';
import type { AppContext } from '../context.ts';
import { recipientFor, type QueueInput } from '../document-payloads.ts';
import type { Recipient } from '../ports.ts';
import type { TaskKind, TaskRecord, TenantRecord } from '../records.ts';
import type {
  CaseChange,
  CaseRecord,
  CaseUpdate,
  DocumentToQueue,
  EntryToBook,
  EventToAdd,
} from './collection-store.ts';
import { toSnapshot } from './case-snapshot.ts';
import { chargedAfter, feeLines, letterRecipient } from './letter-parts.ts';
import { letterPayload } from './letter-payloads.ts';
import { planPaymentOrder } from './payment-order.ts';

export type StepContext = {
  ctx: Pick<AppContext, 'ids' | 'operator'>;
  tenant: TenantRecord;
  policy: CollectionPolicy;
  runDate: CalendarDate;
  c: CaseRecord;
  registeredAddress: Recipient['address'] | null;
  /** The client's accounts (accountsFor(tenant)), worked out once per batch. */
  accounts: AccountMap;
  /** The instant written on every row of this step. */
  now: string;
  /** The batch's reference-rate table: the payment-order application books interest to its day. */
  rates?: ReferenceRates;
};

/** Everything one step writes; the run merges a batch's writes into one statement per kind. */
export type StepWrites = {
  entries: EntryToBook[];
  documents: DocumentToQueue[];
  tasks: TaskRecord[];
  update: CaseUpdate;
  events: EventToAdd[];
};

type Plan = Omit<StepWrites, 'update' | 'events'>;

const RATE_TEXT = 'Dröjsmålsränta enligt 6 § räntelagen (referensränta + 8 procentenheter)';

function book(s: StepContext, plan: Plan, entry: JournalEntryDraft) {
  plan.entries.push({ entryId: s.ctx.ids.newId(), entry, createdAt: s.now });
}

function bookInterest(
  s: StepContext,
  plan: Plan,
  charge: InterestCharge | null,
): Partial<CaseChange> {
  if (charge === null || charge.amount <= 0n) return {};
  const { invoice } = s.c;
  book(
    s,
    plan,
    interestCharged({
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.number ?? 0n,
      amount: charge.amount,
      fromDate: charge.fromDate,
      toDate: charge.toDate,
      bookingDate: s.runDate,
      accounts: s.accounts,
    }),
  );
  return {
    interestOpen: addOre(invoice.interestOpen, charge.amount),
    interestBookedThrough: charge.toDate,
  };
}

function bookFee(
  s: StepContext,
  plan: Plan,
  code: 'reminder_fee' | 'collection_fee' | 'late_payment_compensation',
  amount: Ore,
) {
  if (amount <= 0n) return;
  book(
    s,
    plan,
    feeCharged({
      code,
      invoiceId: s.c.invoice.invoiceId,
      invoiceNumber: s.c.invoice.number ?? 0n,
      amount,
      bookingDate: s.runDate,
      causeKey: `${code}:${s.c.invoice.invoiceId}`,
      accounts: s.accounts,
    }),
  );
}

/** The document row and its outbox message, like queueDocument. */
function queue(s: StepContext, plan: Plan, input: QueueInput): string {
  const documentId = s.ctx.ids.newId();
  plan.documents.push({
    documentId,
    invoiceId: input.invoiceId,
    kind: input.kind,
    channel: input.channel,
    documentDate: input.documentDate,
    recipient: input.recipient,
    payload: encodePayload(input.payload),
    replacesDocumentId: input.replacesDocumentId ?? null,
    createdAt: s.now,
  });
  return documentId;
}

function openTask(s: StepContext, plan: Plan, kind: TaskKind) {
  plan.tasks.push({
    taskId: s.ctx.ids.newId(),
    kind,
    invoiceId: s.c.invoice.invoiceId,
    documentId: null,
    status: 'open',
    detail: { invoiceNumber: String(s.c.invoice.number) },
    createdAt: s.now,
  });
}

/** The letter's fee, and förseningsersättning (in its place, never with it) booked the same way. */
function bookLetterCosts(s: StepContext, plan: Plan, d: LetterDecision, fee: Ore) {
  const feeCode = d.kind === 'send_reminder' ? 'reminder_fee' : 'collection_fee';
  if (d.kind !== 'send_surveillance_demand') bookFee(s, plan, feeCode, fee);
  bookFee(s, plan, 'late_payment_compensation', d.lateCompensation);
  return feeCode;
}

type LetterDecision = Extract<
  Decision,
  { kind: 'send_reminder' | 'send_collection_demand' | 'send_surveillance_demand' }
>;

function sendLetter(
  s: StepContext,
  plan: Plan,
  d: LetterDecision,
  fee: Ore,
): { change: CaseChange; documentId: string; amounts: Record<string, string> } {
  const kind = d.kind === 'send_reminder' ? 'reminder' : 'collection_demand';
  const interestChange = bookInterest(s, plan, d.interest);
  const feeCode = bookLetterCosts(s, plan, d, fee);
  const { invoice, state, customer } = s.c;
  const feesOpen = addOre(invoice.feesOpen, fee, d.lateCompensation);
  const interestOpen = interestChange.interestOpen ?? invoice.interestOpen;
  const charged = chargedAfter(state, feeCode, fee, d.lateCompensation);
  const payload = letterPayload({
    kind,
    date: s.runDate,
    payBy: d.payByDate,
    tenant: s.tenant,
    customer,
    invoice,
    state,
    registeredAddress: s.registeredAddress,
    operator: s.ctx.operator,
    feesOpen,
    feeLines: feeLines(s.policy, feesOpen, charged),
    interestOpen,
    newInterest: d.interest,
    rateDescription: RATE_TEXT,
    interestStartDate: caseInterestStartDate(
      toSnapshot(s.c, s.registeredAddress !== null),
      s.policy,
    ),
  });
  const documentId = queue(s, plan, {
    invoiceId: invoice.invoiceId,
    kind,
    channel: d.channel,
    documentDate: s.runDate,
    recipient: letterRecipient(s.c.customer, s.registeredAddress, d.channel, kind),
    payload,
  });
  const sent: CaseChange =
    d.kind === 'send_reminder'
      ? {
          reminderSentDate: s.runDate,
          reminderDueDate: d.payByDate,
          reminderFeeCharged: charged.reminder,
        }
      : {
          demandSentDate: s.runDate,
          demandDueDate: d.payByDate,
          collectionFeeCharged: charged.collection,
        };
  return {
    change: {
      ...interestChange,
      feesOpen,
      ...sent,
      lateCompensationCharged: charged.lateCompensation,
    },
    documentId,
    amounts: {
      fee: fee.toString(),
      ...(d.lateCompensation > 0n && { lateCompensation: String(d.lateCompensation) }),
      interest: (d.interest?.amount ?? 0n).toString(),
      payBy: d.payByDate,
      channel: d.channel,
    },
  };
}

/** The step name recorded for a decision (null: nothing was done that must not repeat). */
export function stepName(d: Decision, c: CaseRecord): string | null {
  if (d.kind === 'wait' || d.kind === 'open_task') return null;
  // Surveillance sends a demand every interval: each one is its own step.
  if (d.kind === 'send_surveillance_demand')
    return `surveillance_demand:${c.state.demandSentDate ?? 'first'}`;
  return d.kind;
}

type Outcome = {
  change: CaseChange;
  eventType: string | null;
  documentId: string | null;
  amount: Ore | null;
  detail: Record<string, unknown>;
  laterEvents: string[];
};

const outcome = (over: Partial<Outcome>): Outcome => ({
  change: {},
  eventType: null,
  documentId: null,
  amount: null,
  detail: {},
  laterEvents: [],
  ...over,
});

function sendNotice(s: StepContext, plan: Plan): Outcome {
  const { invoice } = s.c;
  const documentId = queue(s, plan, {
    invoiceId: invoice.invoiceId,
    kind: 'notice',
    channel: 'email',
    documentDate: s.runDate,
    recipient: recipientFor(s.c.customer, 'email'),
    payload: {
      language: invoice.language,
      sellerName: s.tenant.name,
      sellerEmail: s.tenant.email,
      invoiceNumber: String(invoice.number),
      amount: addOre(invoice.principalOpen, invoice.feesOpen, invoice.interestOpen),
      dueDate: invoice.dueDate,
      bankgiro: s.ctx.operator.bankgiro,
      ocr: invoice.ocr ?? '',
    },
  });
  return outcome({ change: { noticeSentDate: s.runDate }, eventType: 'notice_sent', documentId });
}

function writeOff(s: StepContext, plan: Plan, d: Extract<Decision, { kind: 'write_off' }>) {
  const { invoice } = s.c;
  book(
    s,
    plan,
    writtenOff({
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.number ?? 0n,
      principal: d.principal,
      fees: d.fees,
      interest: d.interest,
      vatLines: computeTotals(invoice.rows).vatLines,
      bookingDate: s.runDate,
      causeKey: `write-off:${invoice.invoiceId}`,
      accounts: s.accounts,
    }),
  );
  return outcome({
    change: {
      principalOpen: ZERO_ORE,
      feesOpen: ZERO_ORE,
      interestOpen: ZERO_ORE,
      status: 'closed',
    },
    amount: addOre(d.principal, d.fees, d.interest),
    eventType: 'written_off',
    detail: { reason: 'residual below the write-off threshold' },
  });
}

/**
 * The policy's automatic payment order: the same application, costs, interest and task as the
 * client's manual decision. A case that cannot have one (no identity number or address) fails
 * its step, so the run reports it as blocked and the invoice keeps its next action date.
 */
function paymentOrder(s: StepContext, plan: Plan): Outcome {
  if (s.rates === undefined) throw new Error('a payment order needs the reference-rate table');
  const planned = planPaymentOrder({
    c: s.c,
    tenant: s.tenant,
    operator: s.ctx.operator,
    policy: s.policy,
    rates: s.rates,
    date: s.runDate,
    registeredAddress: s.registeredAddress,
    accounts: s.accounts,
  });
  if (!planned.ok) {
    throw new Error(
      `payment-order application refused: ${planned.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  const p = planned.value;
  for (const entry of p.entries) book(s, plan, entry);
  const documentId = queue(s, plan, p.document);
  plan.tasks.push({
    taskId: s.ctx.ids.newId(),
    kind: 'file_payment_order',
    invoiceId: s.c.invoice.invoiceId,
    documentId,
    status: 'open',
    detail: { invoiceNumber: String(s.c.invoice.number), reference: p.application.reference },
    createdAt: s.now,
  });
  return outcome({
    change: p.change,
    eventType: 'decision_payment_order',
    documentId,
    amount: p.amount,
    detail: { ...p.detail, automatic: true },
  });
}

function perform(s: StepContext, plan: Plan, d: Decision): Outcome {
  switch (d.kind) {
    case 'wait':
      return outcome({});
    case 'open_task':
      openTask(s, plan, d.task);
      return outcome({ eventType: `task_${d.task}` });
    case 'send_notice':
      return sendNotice(s, plan);
    case 'send_reminder':
    case 'send_collection_demand':
    case 'send_surveillance_demand': {
      const fee = d.kind === 'send_surveillance_demand' ? ZERO_ORE : d.fee;
      const sent = sendLetter(s, plan, d, fee);
      const tasks = d.kind === 'send_reminder' ? d.openTasks : [];
      for (const task of tasks) openTask(s, plan, task);
      return outcome({
        change: sent.change,
        documentId: sent.documentId,
        amount: addOre(fee, d.lateCompensation, d.interest?.amount ?? ZERO_ORE),
        detail: sent.amounts,
        eventType:
          d.kind === 'send_reminder'
            ? 'reminder_sent'
            : d.kind === 'send_collection_demand'
              ? 'collection_demand_sent'
              : 'surveillance_demand_sent',
        laterEvents: tasks.map((task) => `task_${task}`),
      });
    }
    case 'await_decision':
      openTask(s, plan, 'decide_after_demand');
      return outcome({ eventType: 'decision_due' });
    case 'apply_after_demand':
      if (d.action === 'payment_order') return paymentOrder(s, plan);
      return outcome({
        change: { decision: d.action },
        eventType: `decision_${d.action}`,
        detail: { automatic: true },
      });
    case 'write_off':
      return writeOff(s, plan, d);
    default:
      return assertNever(d);
  }
}

/**
 * The writes of a decision whose step the caller has recorded (or that records none): entries,
 * documents, tasks, the case's new stage and next action date, and its timeline events.
 */
export function planDecision(s: StepContext, d: Decision): StepWrites {
  const { invoice } = s.c;
  const plan: Plan = { entries: [], documents: [], tasks: [] };
  const o = perform(s, plan, d);
  const event = (type: string, extra: Partial<EventToAdd>): EventToAdd => ({
    invoiceId: invoice.invoiceId,
    date: s.runDate,
    type,
    amount: null,
    documentId: null,
    policyVersion: s.policy.version,
    detail: {},
    createdAt: s.now,
    ...extra,
  });
  const events = [
    ...(o.eventType === null
      ? []
      : [event(o.eventType, { amount: o.amount, documentId: o.documentId, detail: o.detail })]),
    ...o.laterEvents.map((type) => event(type, {})),
  ];
  return {
    ...plan,
    update: {
      invoiceId: invoice.invoiceId,
      change: {
        ...o.change,
        stage: stageAfter(d, invoice.stage),
        nextActionDate: d.nextReviewDate,
      },
      updatedAt: s.now,
    },
    events,
  };
}
