/**
 * From a stored case to the engine's CaseSnapshot: everything the pure engine may know about one
 * invoice. The registered address comes from the address register port (default: the card).
 */
import type { CaseSnapshot } from '../../domain/collection/case-snapshot.ts';
import type { AppContext } from '../context.ts';
import type { Recipient } from '../ports.ts';
import type { CaseRecord } from './collection-store.ts';

export async function registeredAddressOf(
  ctx: AppContext,
  c: CaseRecord,
): Promise<Recipient['address'] | null> {
  const card = { identityNumber: c.customer.identityNumber, address: c.customer.address };
  return ctx.addressRegister === undefined
    ? card.address
    : ctx.addressRegister.registeredAddress(card);
}

export function toSnapshot(c: CaseRecord, registeredAddressPresent: boolean): CaseSnapshot {
  const { invoice, state, customer } = c;
  return {
    invoiceId: invoice.invoiceId,
    status: invoice.status === 'draft' ? 'closed' : invoice.status,
    stage: state.stage,
    invoiceDate: invoice.invoiceDate,
    sentDate: invoice.sentDate ?? invoice.invoiceDate,
    dueDate: invoice.dueDate,
    customerKind: customer.kind,
    emailAtCreation: invoice.customerEmailAtCreation !== null,
    currentEmail: customer.email !== null,
    deliveryMethod: invoice.deliveryMethod,
    identityNumberPresent: customer.identityNumber !== null,
    registeredAddressPresent,
    reminderFeeAgreed: customer.reminderFeeAgreed,
    principalOpen: invoice.principalOpen,
    feesOpen: invoice.feesOpen,
    interestOpen: invoice.interestOpen,
    interestBookedThrough: state.interestBookedThrough,
    paymentsApplied: state.paymentsApplied,
    reminderFeeCharged: state.reminderFeeCharged,
    collectionFeeCharged: state.collectionFeeCharged,
    lateCompensationCharged: state.lateCompensationCharged,
    noticeSentDate: state.noticeSentDate,
    reminderSentDate: state.reminderSentDate,
    reminderDueDate: state.reminderDueDate,
    demandSentDate: state.demandSentDate,
    demandDueDate: state.demandDueDate,
    disputed: invoice.disputed,
    pausedUntil: state.pausedUntil,
    completeIdentityTaskOpen: c.openTasks.includes('complete_identity_number'),
    completeAddressTaskOpen: c.openTasks.includes('complete_registered_address'),
    decisionTaskOpen: c.openTasks.includes('decide_after_demand'),
  };
}
