/**
 * Goal: sending puts the right document on the right channel through the transactional outbox,
 * exactly once — also when a dispatcher dies mid-delivery — and channel failures become tasks
 * and fallback letters. Method: the embedded drop-folder channels and a real SMTP server
 * (smtp-server, in-process, on a loopback port); the dispatcher is called directly.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/application/deliver-outbox.ts';
import { SmtpChannel } from '../../src/adapters/delivery/smtp-channel.ts';
import { checkUbl } from '../../src/adapters/documents/ubl-rules.ts';
import {
  company,
  createTestApp,
  OPERATOR_TOKEN,
  person,
  type TestApp,
} from '../support/test-app.ts';

let t: TestApp;
let key: string;
const rows = [{ description: 'Konsulttimmar', quantity: 4, unitPrice: 100000, vatRate: 25 }];

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
  key = (await t.createTenant()).apiKey;
});
afterAll(() => t.close());

async function sendInvoice(customer: object, extra: object = {}) {
  const c = (await t.request('POST', '/v1/customers', { key, body: customer })).json();
  const inv = (
    await t.request('POST', '/v1/invoices', {
      key,
      body: { customerId: c.id, invoiceDate: '2026-03-02', rows, ...extra },
    })
  ).json();
  const sent = await t.request('POST', `/v1/invoices/${inv.id}/send`, { key });
  expect(sent.statusCode, sent.body).toBe(200);
  const detail = (await t.request('GET', `/v1/invoices/${inv.id}`, { key })).json();
  return { customer: c, invoice: detail, documentId: detail.documents[0].id as string };
}

const files = async (channel: string) => {
  try {
    return (await readdir(join(t.outboxDir, 'outbox', channel))).filter(
      (f) => !f.startsWith('.') && f !== 'manifest.jsonl',
    );
  } catch {
    return [];
  }
};

describe('the three channels, embedded', () => {
  it('queues the invoice with the send and delivers it after commit: e-mail as .eml with the PDF', async () => {
    const { invoice, documentId } = await sendInvoice(person);
    expect(invoice.documents).toEqual([
      expect.objectContaining({ kind: 'invoice', channel: 'email', status: 'queued' }),
    ]);
    expect(invoice.events.find((e: { type: string }) => e.type === 'sent').documentId).toBe(
      documentId,
    );
    const report = (await t.request('POST', '/v1/outbox/deliver', { key: OPERATOR_TOKEN })).json();
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    const eml = await readFile(join(t.outboxDir, 'outbox', 'email', `${documentId}.eml`), 'utf8');
    expect(eml).toContain(`Message-ID: <${documentId}@reskontra.example>`);
    expect(eml).toContain('To: anna@example.se');
    expect(eml).toMatch(/Content-Type: application\/pdf; name=faktura-\d+\.pdf/);
    const after = (await t.request('GET', `/v1/invoices/${invoice.id}`, { key })).json();
    expect(after.documents[0].status).toBe('delivered');
    expect(after.events.map((e: { type: string }) => e.type)).toContain('document_delivered');
    const doc = await t.request('GET', `/v1/documents/${documentId}`, { key });
    expect(doc.headers['content-type']).toContain('message/rfc822');
  });

  it('a letter is a PDF in the print folder, listed in the manifest', async () => {
    const { documentId } = await sendInvoice(company);
    await deliverOutbox(t.ctx, t.delivery);
    const pdf = await readFile(join(t.outboxDir, 'outbox', 'letter', `${documentId}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = await readFile(
      join(t.outboxDir, 'outbox', 'letter', 'manifest.jsonl'),
      'utf8',
    );
    expect(manifest).toContain(documentId);
    const viaApi = await t.request('GET', `/v1/documents/${documentId}`, { key });
    expect(viaApi.headers['content-type']).toContain('application/pdf');
    expect(viaApi.rawPayload.equals(pdf)).toBe(true); // Rendering is deterministic.
  });

  it('an e-invoice is Peppol UBL that passes the rule checks', async () => {
    const { documentId } = await sendInvoice({
      ...company,
      name: 'Peppol AB',
      deliveryMethod: 'einvoice',
      peppolId: '0007:5560360793',
    });
    await deliverOutbox(t.ctx, t.delivery);
    const xml = await readFile(
      join(t.outboxDir, 'outbox', 'einvoice', `${documentId}.xml`),
      'utf8',
    );
    expect(xml).toContain('urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(checkUbl(xml)).toEqual([]);
  });

  it('a credit note goes the invoice’s way and refers to it', async () => {
    const { invoice } = await sendInvoice(company);
    const credit = await t.request('POST', `/v1/invoices/${invoice.id}/credit`, { key, body: {} });
    expect(credit.statusCode).toBe(201);
    const docs = (await t.request('GET', `/v1/invoices/${invoice.id}`, { key })).json().documents;
    expect(docs.map((d: { kind: string }) => d.kind)).toEqual(['invoice', 'credit_note']);
    await deliverOutbox(t.ctx, t.delivery);
    const pdf = await t.request('GET', `/v1/documents/${docs[1].id}`, { key });
    expect(pdf.statusCode).toBe(200);
  });
});

describe('exactly once', () => {
  it('a dispatcher that dies after the file was written does not deliver it again', async () => {
    const { documentId } = await sendInvoice({ ...company, name: 'Krasch AB' });
    // A dispatcher claims the message, delivers, and dies before recording it.
    const [claimed] = await t.ctx.uow.transaction((s) =>
      s.documents.claimDue(t.ctx.clock.now(), 60, 1),
    );
    expect(claimed!.document.documentId).toBe(documentId);
    const rendered = await t.delivery.renderer.render(claimed!.document);
    await t.delivery.channels.letter.deliver(claimed!.document, rendered);
    // A second dispatcher, before the lease runs out, does not touch it…
    expect((await deliverOutbox(t.ctx, t.delivery)).delivered).toBe(0);
    // …and after it ran out, finds it delivered instead of sending again.
    t.clock.advanceSeconds(120);
    const report = await deliverOutbox(t.ctx, t.delivery);
    expect(report.recovered).toBe(1);
    const manifest = (
      await readFile(join(t.outboxDir, 'outbox', 'letter', 'manifest.jsonl'), 'utf8')
    ).split('\n');
    expect(manifest.filter((line) => line.includes(documentId))).toHaveLength(1);
    const doc = await t.ctx.uow.read.documents.get(
      (
        await t.db.query<{ tenant_id: string }>(
          'SELECT tenant_id FROM document WHERE document_id = $1',
          [documentId],
        )
      )[0]!.tenant_id,
      documentId,
    );
    expect(doc!.status).toBe('delivered');
  });

  it('a dispatcher that died before writing has it retried and delivered once', async () => {
    const { documentId } = await sendInvoice({ ...company, name: 'Tidig Krasch AB' });
    await t.ctx.uow.transaction((s) => s.documents.claimDue(t.ctx.clock.now(), 60, 1));
    t.clock.advanceSeconds(120);
    const first = await deliverOutbox(t.ctx, t.delivery);
    expect(first.retried).toBe(1);
    expect(first.delivered).toBe(1);
    expect((await files('letter')).filter((f) => f.startsWith(documentId))).toHaveLength(1);
  });
});

describe('SMTP', () => {
  let server: SMTPServer;
  let port = 0;
  const received: string[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (failNext > 0) {
            failNext -= 1;
            callback(new Error('451 try again later'));
            return;
          }
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers over SMTP, retries a temporary failure with backoff, and the message arrives once', async () => {
    const smtp = new SmtpChannel(`smtp://127.0.0.1:${port}`, 'noreply@reskontra.example');
    const deps = { ...t.delivery, channels: { ...t.delivery.channels, email: smtp } };
    // Deliver everything pending with the file channels first, so only the new e-mail is left.
    await deliverOutbox(t.ctx, t.delivery);
    const { documentId } = await sendInvoice({
      ...person,
      name: 'Smtp Svensson',
      email: 'smtp@example.se',
    });
    failNext = 1;
    const first = await deliverOutbox(t.ctx, deps);
    expect(first).toMatchObject({ delivered: 0, retried: 1 });
    expect((await deliverOutbox(t.ctx, deps)).delivered).toBe(0); // Backoff: not due yet.
    t.clock.advanceSeconds(31);
    expect((await deliverOutbox(t.ctx, deps)).delivered).toBe(1);
    const mine = received.filter((m) => m.includes(`<${documentId}@reskontra.example>`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('application/pdf');
    const attempts = await t.db.query<{ outcome: string }>(
      'SELECT outcome FROM delivery_attempt WHERE document_id = $1 ORDER BY attempt_no',
      [documentId],
    );
    expect(attempts.map((a) => a.outcome)).toEqual(['error', 'delivered']);
    smtp.close();
  });

  it('an SMTP attempt interrupted by a crash is not resent: unconfirmed, with a task', async () => {
    const smtp = new SmtpChannel(`smtp://127.0.0.1:${port}`, 'noreply@reskontra.example');
    const deps = { ...t.delivery, channels: { ...t.delivery.channels, email: smtp } };
    const { documentId } = await sendInvoice({
      ...person,
      name: 'Ovisst Olsson',
      email: 'ovisst@example.se',
    });
    await t.ctx.uow.transaction((s) => s.documents.claimDue(t.ctx.clock.now(), 60, 10));
    t.clock.advanceSeconds(120);
    const report = await deliverOutbox(t.ctx, deps);
    expect(report.unconfirmed).toBeGreaterThanOrEqual(1);
    expect(received.some((m) => m.includes(documentId))).toBe(false);
    const tasks = (await t.request('GET', '/v1/tasks?status=open', { key })).json().items;
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'delivery_unconfirmed', documentId }),
      ]),
    );
    smtp.close();
  });
});

describe('bounces and returns', () => {
  it('a bounced e-mail opens a task and falls back to a letter to the postal address', async () => {
    const { invoice, documentId } = await sendInvoice({
      ...person,
      name: 'Studs Eriksson',
      email: 'studs@example.se',
    });
    await deliverOutbox(t.ctx, t.delivery);
    const res = await t.request('POST', `/v1/documents/${documentId}/bounced`, {
      key,
      body: { reason: '550 no such user' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const fallback = res.json().fallbackDocumentId;
    expect(fallback).toEqual(expect.any(String));
    const detail = (await t.request('GET', `/v1/invoices/${invoice.id}`, { key })).json();
    expect(detail.documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: documentId, status: 'bounced' }),
        expect.objectContaining({
          id: fallback,
          channel: 'letter',
          replacesDocumentId: documentId,
        }),
      ]),
    );
    const tasks = (await t.request('GET', '/v1/tasks', { key })).json().items;
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'email_bounced', invoiceId: invoice.id }),
      ]),
    );
    await deliverOutbox(t.ctx, t.delivery);
    expect(await files('letter')).toContain(`${fallback}.pdf`);
    const again = await t.request('POST', `/v1/documents/${documentId}/bounced`, { key });
    expect(again.statusCode, again.body).toBe(409);
  });

  it('a returned letter opens a task; a letter cannot bounce', async () => {
    const { documentId } = await sendInvoice({ ...company, name: 'Retur AB' });
    await deliverOutbox(t.ctx, t.delivery);
    expect(
      (await t.request('POST', `/v1/documents/${documentId}/bounced`, { key })).statusCode,
    ).toBe(409);
    const res = await t.request('POST', `/v1/documents/${documentId}/returned`, {
      key,
      body: { reason: 'Okänd adress' },
    });
    expect(res.statusCode).toBe(200);
    const tasks = (await t.request('GET', '/v1/tasks', { key })).json().items;
    expect(tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'letter_returned', documentId })]),
    );
  });
});
