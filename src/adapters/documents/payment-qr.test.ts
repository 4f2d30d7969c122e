/**
 * Goal: the QR payload is the UsingQR JSON bank apps read, with exact amounts. Method: build one
 * and compare the text, then parse it as JSON.
 */
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../domain/calendar-date.ts';
import { ore } from '../../domain/money.ts';
import { buildPaymentQrPayload, invoicePaymentQrPayload } from './payment-qr.ts';
import { sampleCreditNote, sampleInvoice } from './sample-documents.ts';

describe('buildPaymentQrPayload', () => {
  const payload = buildPaymentQrPayload({
    payeeName: 'Ekholm & Åberg "Konsult" AB',
    organisationNumber: '5566778899',
    ocr: '104265',
    invoiceDate: calendarDate('2025-03-14'),
    dueDate: calendarDate('2025-04-13'),
    amount: ore(125000n),
    bankgiro: '56367742',
  });

  it('writes the fields in order with dates as YYYYMMDD and the amount with two decimals', () => {
    expect(payload).toBe(
      '{"uqr":1,"tp":1,"nme":"Ekholm & Åberg \\"Konsult\\" AB","cid":"556677-8899","iref":"104265","idt":"20250314","ddt":"20250413","due":1250.00,"pt":"BG","acc":"5636-7742"}',
    );
  });

  it('is valid JSON', () => {
    expect(JSON.parse(payload)).toMatchObject({
      uqr: 1,
      tp: 1,
      iref: '104265',
      pt: 'BG',
      due: 1250,
    });
  });
});

describe('invoicePaymentQrPayload', () => {
  const due = (data: Parameters<typeof invoicePaymentQrPayload>[0]) =>
    (JSON.parse(invoicePaymentQrPayload(data) ?? 'null') as { due: number } | null)?.due;

  it('asks for the invoice total without credit', () => {
    expect(due(sampleInvoice())).toBe(23327.71);
  });

  it('asks for the amount left after the credit balance used at send', () => {
    const data = sampleInvoice({ creditApplied: ore(50_000n), amountToPay: ore(2_282_771n) });
    expect(invoicePaymentQrPayload(data)).toContain('"due":22827.71,');
  });

  it('is absent when the credit paid the whole invoice, or for a credit note', () => {
    expect(
      invoicePaymentQrPayload(
        sampleInvoice({ creditApplied: ore(2_332_771n), amountToPay: ore(0n) }),
      ),
    ).toBeNull();
    expect(invoicePaymentQrPayload(sampleCreditNote())).toBeNull();
  });
});
