/**
 * Credit notes (ändringsfaktura): reduce or cancel a sent invoice. A credit note takes its number
 * from the invoice series, refers to the original, reverses the credited rows' booking, and stops
 * the collection flow when nothing is owed any more.
 */
import { validateRows } from '../domain/invoicing/invoice-draft.ts';
import {
  computeTotals,
  type InvoiceRowInput,
  type VatLine,
} from '../domain/invoicing/invoice-totals.ts';
import { creditNoteIssued } from '../domain/ledger/posting-rules.ts';
import { subtractOre, addOre, ZERO_ORE, type Ore } from '../domain/money.ts';
import { err, ok, type FieldIssue, type Result } from '../domain/result.ts';
import { accountsFor } from './accounts.ts';
import { runUseCase, type AppContext } from './context.ts';
import { invalidInput, useCaseError, type UseCaseError } from './errors.ts';
import { creditNoteDocumentData, recipientFor } from './document-payloads.ts';
import { postEntry } from './post-entry.ts';
import { queueDocument } from './queue-document.ts';
import type { CreditNoteRecord, InvoiceRecord } from './records.ts';
import { vatLinesOf } from './invoice-vat-lines.ts';

/** What is still creditable per VAT rate: the invoice's lines minus earlier credit notes. */
function creditableByRate(
  invoice: InvoiceRecord,
  earlier: readonly CreditNoteRecord[],
): Map<number, Ore> {
  const left = new Map<number, Ore>();
  for (const line of vatLinesOf(invoice)) left.set(line.vatRate, line.taxable);
  for (const note of earlier) {
    for (const line of computeTotals(note.rows).vatLines) {
      left.set(line.vatRate, subtractOre(left.get(line.vatRate) ?? ZERO_ORE, line.taxable));
    }
  }
  return left;
}

function checkCreditable(
  lines: readonly VatLine[],
  left: Map<number, Ore>,
  total: Ore,
  open: Ore,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const line of lines) {
    const max = left.get(line.vatRate) ?? ZERO_ORE;
    if (line.taxable > max) {
      issues.push({
        path: 'rows',
        code: 'credit_exceeds_invoiced',
        message: `credits ${line.taxable} öre net at ${line.vatRate} % but only ${max} öre is left to credit at that rate`,
      });
    }
  }
  if (total > open) {
    issues.push({
      path: 'rows',
      code: 'credit_exceeds_open_balance',
      message: `the credit note total ${total} öre exceeds the open principal ${open} öre`,
    });
  }
  return issues;
}

export async function creditInvoice(
  ctx: AppContext,
  tenantId: string,
  invoiceId: string,
  requestedRows: readonly InvoiceRowInput[] | undefined,
): Promise<Result<{ invoice: InvoiceRecord; creditNote: CreditNoteRecord }, UseCaseError>> {
  return runUseCase(ctx.uow, async (stores) => {
    const invoice = await stores.invoices.get(tenantId, invoiceId, { forUpdate: true });
    if (invoice === null) return err(useCaseError('invoice_not_found', `no invoice ${invoiceId}`));
    if (invoice.status !== 'sent' || invoice.number === null) {
      return err(
        useCaseError(
          'invoice_not_open',
          `invoice ${invoiceId} is ${invoice.status}: only a sent, open invoice can be credited`,
        ),
      );
    }
    const earlier = await stores.invoices.creditNotes(tenantId, invoiceId);
    const whole = requestedRows === undefined;
    if (whole && (earlier.length > 0 || invoice.principalOpen !== invoice.total)) {
      return err(
        invalidInput([
          {
            path: 'rows',
            code: 'rows_required',
            message: 'the invoice is already partly credited or paid: name the rows to credit',
          },
        ]),
      );
    }
    const rows = requestedRows ?? invoice.rows;
    const rowIssues = validateRows(rows);
    if (rowIssues.length > 0) return err(invalidInput(rowIssues));
    const totals = computeTotals(rows);
    const issues = checkCreditable(
      totals.vatLines,
      creditableByRate(invoice, earlier),
      totals.total,
      invoice.principalOpen,
    );
    if (issues.length > 0) {
      const code = issues.some((i) => i.code === 'credit_exceeds_open_balance')
        ? 'credit_exceeds_open_balance'
        : 'invalid_input';
      return err(useCaseError(code, issues.map((i) => i.message).join('; '), issues));
    }
    const [tenant, customer] = await Promise.all([
      stores.tenants.get(tenantId),
      stores.customers.get(tenantId, invoice.customerId),
    ]);
    if (tenant === null || customer === null) throw new Error('invoice without tenant or customer');
    const today = ctx.clock.today();
    const now = ctx.clock.now();
    const creditNote: CreditNoteRecord = {
      creditNoteId: ctx.ids.newId(),
      invoiceId,
      number: await stores.series.take(tenantId, 'invoice'),
      creditDate: today,
      net: totals.net,
      vat: totals.vat,
      total: totals.total,
      createdAt: now,
      rows: totals.rows,
    };
    await stores.invoices.insertCreditNote(tenantId, creditNote);
    await postEntry(
      ctx,
      stores,
      tenantId,
      creditNoteIssued({
        invoiceId,
        creditNoteId: creditNote.creditNoteId,
        creditNoteNumber: creditNote.number,
        invoiceNumber: invoice.number,
        bookingDate: today,
        totals,
        accounts: accountsFor(tenant),
      }),
    );
    const principalOpen = subtractOre(invoice.principalOpen, totals.total);
    const nothingOwed =
      principalOpen === 0n && addOre(invoice.feesOpen, invoice.interestOpen) === 0n;
    const change = {
      credited: addOre(invoice.credited, totals.total),
      principalOpen,
      ...(nothingOwed ? { status: 'credited' as const, nextActionDate: null } : {}),
    };
    await stores.invoices.update(tenantId, invoiceId, change, now);
    const numbered = { ...invoice, number: invoice.number, ocr: invoice.ocr ?? '' };
    const documentId = await queueDocument(ctx, stores, tenantId, {
      invoiceId,
      kind: 'credit_note',
      channel: invoice.deliveryMethod,
      documentDate: today,
      recipient: recipientFor(customer, invoice.deliveryMethod),
      payload: creditNoteDocumentData({
        tenant,
        customer,
        invoice: numbered,
        note: creditNote,
        operator: ctx.operator,
      }),
    });
    await stores.invoices.addEvent(
      tenantId,
      invoiceId,
      {
        date: today,
        type: 'credited',
        amount: totals.total,
        documentId,
        policyVersion: null,
        detail: {
          creditNoteNumber: creditNote.number.toString(),
          whole,
          remainingPrincipal: principalOpen.toString(),
        },
      },
      now,
    );
    return ok({ invoice: { ...invoice, ...change, updatedAt: now }, creditNote });
  });
}
