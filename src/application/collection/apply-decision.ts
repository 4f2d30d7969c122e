/**
 * Applying one engine decision to one invoice, inside the caller's transaction: the step record
 * (a step is never taken twice), journal entries for fees and interest, the document in the
 * outbox, tasks, the timeline event with the policy version, and the next action date.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { InterestCharge } from '../../domain/collection/case-interest.ts';
import { stageAfter, type Decision } from '../../domain/collection/decision.ts';
import type { CollectionPolicy } from '../../domain/collection/policy.ts';
import type { DocumentFee } from '../../domain/documents/document-data.ts';
import { feeCharged, interestCharged, writtenOff } from '../../domain/ledger/posting-rules.ts';
import { computeTotals } from '../../domain/invoicing/invoice-totals.ts';
import { addOre, subtractOre, ZERO_ORE, type Ore } from '../../domain/money.ts';
import { assertNever } from '../../domain/result.ts';
import { accountsFor } from '../accounts.ts';
import type { AppContext } from '../context.ts';
import { recipientFor } from '../document-payloads.ts';
import { postEntry } from '../post-entry.ts';
import { queueDocument } from '../queue-document.ts';
import type { TaskKind, TenantRecord } from '../records.ts';
import type { Stores } from '../stores.ts';
import type { CaseChange, CaseRecord } from './collection-store.ts';
import { letterPayload } from './letter-payloads.ts';

export type StepContext = {
  ctx: AppContext;
  stores: Stores;
  tenant: TenantRecord;
  policy: CollectionPolicy;
  runDate: CalendarDate;
  c: CaseRecord;
  registeredAddress: Awaited<ReturnType<typeof import('./case-snapshot.ts').registeredAddressOf>>;
};

const RATE_TEXT = 'Dröjsmålsränta enligt 6 § räntelagen (referensränta + 8 procentenheter)';

async function bookInterest(
  s: StepContext,
  charge: InterestCharge | null,
): Promise<Partial<CaseChange>> {
  if (charge === null || charge.amount <= 0n) return {};
  const { invoice } = s.c;
  await postEntry(
    s.ctx,
    s.stores,
    s.tenant.tenantId,
    interestCharged({
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.number ?? 0n,
      amount: charge.amount,
      fromDate: charge.fromDate,
      toDate: charge.toDate,
      bookingDate: s.runDate,
      accounts: accountsFor(s.tenant),
    }),
  );
  return {
    interestOpen: addOre(invoice.interestOpen, charge.amount),
    interestBookedThrough: charge.toDate,
  };
}

async function bookFee(s: StepContext, code: 'reminder_fee' | 'collection_fee', amount: Ore) {
  if (amount <= 0n) return;
  await postEntry(
    s.ctx,
    s.stores,
    s.tenant.tenantId,
    feeCharged({
      code,
      invoiceId: s.c.invoice.invoiceId,
      invoiceNumber: s.c.invoice.number ?? 0n,
      amount,
      bookingDate: s.runDate,
      causeKey: `${code}:${s.c.invoice.invoiceId}`,
      accounts: accountsFor(s.tenant),
    }),
  );
}

/** The fees charged so far, reduced from the oldest by what payments already covered. */
function feeLines(
  s: StepContext,
  feesOpen: Ore,
  charged: { reminder: boolean; collection: boolean; costs: boolean },
): DocumentFee[] {
  const lines: DocumentFee[] = [];
  if (charged.reminder) lines.push({ label: 'Påminnelseavgift', amount: s.policy.reminderFee });
  if (charged.collection) lines.push({ label: 'Inkassoavgift', amount: s.policy.collectionFee });
  let excess = subtractOre(
    lines.reduce((sum, l) => addOre(sum, l.amount), ZERO_ORE),
    feesOpen,
  );
  return lines
    .map((l) => {
      const cut = excess > l.amount ? l.amount : excess > 0n ? excess : ZERO_ORE;
      excess = subtractOre(excess, cut);
      return { ...l, amount: subtractOre(l.amount, cut) };
    })
    .filter((l) => l.amount > 0n);
}

async function openTask(s: StepContext, kind: TaskKind) {
  await s.stores.tasks.open(s.tenant.tenantId, {
    taskId: s.ctx.ids.newId(),
    kind,
    invoiceId: s.c.invoice.invoiceId,
    documentId: null,
    status: 'open',
    detail: { invoiceNumber: String(s.c.invoice.number) },
    createdAt: s.ctx.clock.now(),
  });
}

async function sendLetter(
  s: StepContext,
  d: Extract<
    Decision,
    { kind: 'send_reminder' | 'send_collection_demand' | 'send_surveillance_demand' }
  >,
  fee: Ore,
): Promise<{ change: CaseChange; documentId: string; amounts: Record<string, string> }> {
  const kind = d.kind === 'send_reminder' ? 'reminder' : 'collection_demand';
  const interestChange = await bookInterest(s, d.interest);
  const feeCode = d.kind === 'send_reminder' ? 'reminder_fee' : 'collection_fee';
  if (d.kind !== 'send_surveillance_demand') await bookFee(s, feeCode, fee);
  const { invoice, state, customer } = s.c;
  const feesOpen = addOre(invoice.feesOpen, fee);
  const interestOpen = interestChange.interestOpen ?? invoice.interestOpen;
  const charged = {
    reminder: state.reminderFeeCharged || (feeCode === 'reminder_fee' && fee > 0n),
    collection: state.collectionFeeCharged || (feeCode === 'collection_fee' && fee > 0n),
    costs: false,
  };
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
    feeLines: feeLines(s, feesOpen, charged),
    interestOpen,
    newInterest: d.interest,
    rateDescription: RATE_TEXT,
  });
  const recipient =
    d.channel === 'letter' && kind === 'collection_demand'
      ? { name: customer.name, address: s.registeredAddress ?? undefined }
      : recipientFor(customer, d.channel);
  const documentId = await queueDocument(s.ctx, s.stores, s.tenant.tenantId, {
    invoiceId: invoice.invoiceId,
    kind,
    channel: d.channel,
    documentDate: s.runDate,
    recipient,
    payload,
  });
  const change: CaseChange = { ...interestChange, feesOpen };
  if (d.kind === 'send_reminder')
    Object.assign(change, {
      reminderSentDate: s.runDate,
      reminderDueDate: d.payByDate,
      reminderFeeCharged: charged.reminder,
    });
  else
    Object.assign(change, {
      demandSentDate: s.runDate,
      demandDueDate: d.payByDate,
      collectionFeeCharged: charged.collection,
    });
  return {
    change,
    documentId,
    amounts: {
      fee: fee.toString(),
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

export async function applyDecision(
  s: StepContext,
  d: Decision,
): Promise<{ taken: boolean; eventType: string | null }> {
  const { invoice } = s.c;
  const step = stepName(d, s.c);
  const now = s.ctx.clock.now();
  if (
    step !== null &&
    !(await s.stores.collection.recordStep(
      s.tenant.tenantId,
      invoice.invoiceId,
      step,
      s.runDate,
      s.policy.version,
      now,
    ))
  ) {
    return { taken: false, eventType: null }; // Already taken by an earlier run: never twice.
  }
  let change: CaseChange = {};
  let eventType: string | null = null;
  let documentId: string | null = null;
  let amount: Ore | null = null;
  let detail: Record<string, unknown> = {};
  const laterEvents: string[] = [];
  switch (d.kind) {
    case 'wait':
      break;
    case 'open_task':
      await openTask(s, d.task);
      eventType = `task_${d.task}`;
      break;
    case 'send_notice': {
      documentId = await queueDocument(s.ctx, s.stores, s.tenant.tenantId, {
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
      change = { noticeSentDate: s.runDate };
      eventType = 'notice_sent';
      break;
    }
    case 'send_reminder':
    case 'send_collection_demand':
    case 'send_surveillance_demand': {
      const fee = d.kind === 'send_surveillance_demand' ? ZERO_ORE : d.fee;
      const sent = await sendLetter(s, d, fee);
      change = sent.change;
      documentId = sent.documentId;
      amount = addOre(fee, d.interest?.amount ?? ZERO_ORE);
      detail = sent.amounts;
      eventType =
        d.kind === 'send_reminder'
          ? 'reminder_sent'
          : d.kind === 'send_collection_demand'
            ? 'collection_demand_sent'
            : 'surveillance_demand_sent';
      if (d.kind === 'send_reminder') {
        for (const task of d.openTasks) await openTask(s, task);
        laterEvents.push(...d.openTasks.map((task) => `task_${task}`));
      }
      break;
    }
    case 'await_decision':
      await openTask(s, 'decide_after_demand');
      eventType = 'decision_due';
      break;
    case 'apply_after_demand':
      change = { decision: d.action };
      eventType = `decision_${d.action}`;
      detail = { automatic: true };
      break;
    case 'write_off': {
      await postEntry(
        s.ctx,
        s.stores,
        s.tenant.tenantId,
        writtenOff({
          invoiceId: invoice.invoiceId,
          invoiceNumber: invoice.number ?? 0n,
          principal: d.principal,
          fees: d.fees,
          interest: d.interest,
          vatLines: computeTotals(invoice.rows).vatLines,
          bookingDate: s.runDate,
          causeKey: `write-off:${invoice.invoiceId}`,
          accounts: { ...accountsFor(s.tenant) },
        }),
      );
      change = {
        principalOpen: ZERO_ORE,
        feesOpen: ZERO_ORE,
        interestOpen: ZERO_ORE,
        status: 'closed',
      };
      amount = addOre(d.principal, d.fees, d.interest);
      eventType = 'written_off';
      detail = { reason: 'residual below the write-off threshold' };
      break;
    }
    default:
      assertNever(d);
  }
  const stage = stageAfter(d, invoice.stage);
  await s.stores.collection.updateCase(
    s.tenant.tenantId,
    invoice.invoiceId,
    { ...change, stage, nextActionDate: d.nextReviewDate },
    now,
  );
  if (eventType !== null) {
    await s.stores.invoices.addEvent(
      s.tenant.tenantId,
      invoice.invoiceId,
      {
        date: s.runDate,
        type: eventType,
        amount,
        documentId,
        policyVersion: s.policy.version,
        detail,
      },
      now,
    );
  }
  for (const type of laterEvents) {
    const event = {
      date: s.runDate,
      type,
      amount: null,
      documentId: null,
      policyVersion: s.policy.version,
      detail: {},
    };
    await s.stores.invoices.addEvent(s.tenant.tenantId, invoice.invoiceId, event, now);
  }
  return { taken: d.kind !== 'wait', eventType };
}
