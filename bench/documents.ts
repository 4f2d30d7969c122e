/**
 * The documents benchmark: invoice PDFs rendered per second on one core (renderInvoicePdf with
 * the realistic sample invoice), and outbox throughput to an in-process SMTP server (deliverOutbox
 * with the SmtpChannel) against raw nodemailer sends of the same pre-rendered .eml bytes.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { ManualClock } from '../src/adapters/clock/manual-clock.ts';
import type { PgDatabase } from '../src/adapters/db/pg-database.ts';
import { sqlUnitOfWork } from '../src/adapters/db/unit-of-work.ts';
import { FileDropChannel } from '../src/adapters/delivery/file-drop-channel.ts';
import { SmtpChannel } from '../src/adapters/delivery/smtp-channel.ts';
import { benchRenderInvoices } from '../src/adapters/documents/bench-documents.ts';
import { StandardDocumentRenderer } from '../src/adapters/documents/document-renderer.ts';
import { sampleInvoice } from '../src/adapters/documents/sample-documents.ts';
import { randomIds, Sha256KeyHasher } from '../src/adapters/security/key-hasher.ts';
import type { AppContext } from '../src/application/context.ts';
import { deliverOutbox, type DeliveryDeps } from '../src/application/deliver-outbox.ts';
import type { DocumentRenderer, RenderedDocument } from '../src/application/ports.ts';
import { DEMO_OPERATOR } from '../src/cli/compose.ts';
import { calendarDate } from '../src/domain/calendar-date.ts';
import { encodePayload } from '../src/domain/documents/payload-codec.ts';
import { freshSchema } from './bench-db.ts';
import { count, median, ratio } from './measure.ts';
import { printTable } from './table.ts';

export type DocumentsOptions = {
  url: string;
  scale: number;
  repeat: number;
  log: (line: string) => void;
};

type Smtp = { url: string; received: () => number; close: () => Promise<void> };

/** An SMTP server in this process on a loopback port; it only counts what arrives. */
async function startSmtp(): Promise<Smtp> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One tenant, one customer, `n` sent invoices, each with its invoice e-mail queued. */
async function seedOutbox(db: PgDatabase, n: number): Promise<string> {
  const tenantId = randomUUID();
  await db.query(
    `INSERT INTO tenant (tenant_id, name, organisation_number, email, api_key_hash, created_at)
     VALUES ($1, 'Ekholm & Åberg Konsult AB', '5566778899', 'faktura@ekholmaberg.se', 'x', now())`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO customer (tenant_id, customer_id, customer_number, name, kind, email, delivery_method,
       created_at, updated_at)
     VALUES ($1, $1, 1, 'Bergström Fastigheter AB', 'company', 'ekonomi@bergstromfastigheter.se',
       'email', now(), now())`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO invoice (tenant_id, invoice_id, customer_id, number, status, invoice_date, due_date,
       delivery_method, net_ore, vat_ore, total_ore, created_at, updated_at)
     SELECT $1, md5($3 || i)::uuid, $1, i, 'sent', '2026-03-14', '2026-04-13', 'email', 1000, 250,
            1250, now(), now()
       FROM generate_series(1, $2::int) i`,
    [tenantId, n, tenantId],
  );
  const payloads = Array.from({ length: n }, (_, i) =>
    JSON.stringify(encodePayload(sampleInvoice({ number: String(100_000 + i + 1) }))),
  );
  await db.query(
    `WITH d AS (
       INSERT INTO document (tenant_id, document_id, invoice_id, kind, channel, document_date,
         recipient, payload, created_at)
       SELECT $1, gen_random_uuid(), md5($3 || i)::uuid, 'invoice', 'email', '2026-03-14',
              '{"name": "Bergström Fastigheter AB", "email": "ekonomi@bergstromfastigheter.se"}',
              p::jsonb, '2026-03-14T06:00:00Z'
         FROM unnest($2::text[]) WITH ORDINALITY AS x(p, i)
       RETURNING tenant_id, document_id)
     INSERT INTO outbox_message (tenant_id, document_id, next_attempt_at)
     SELECT tenant_id, document_id, '2026-03-14T06:00:00Z' FROM d`,
    [tenantId, payloads, tenantId],
  );
  return tenantId;
}

/** Renders every queued document once, before timing: the outbox run then only sends. */
async function preRender(db: PgDatabase): Promise<Map<string, RenderedDocument>> {
  const renderer = new StandardDocumentRenderer();
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.* FROM document d JOIN outbox_message o USING (tenant_id, document_id)
      WHERE o.state = 'pending'`,
  );
  const out = new Map<string, RenderedDocument>();
  for (const r of rows) {
    const doc = {
      tenantId: String(r.tenant_id),
      documentId: String(r.document_id),
      invoiceId: String(r.invoice_id),
      kind: 'invoice' as const,
      channel: 'email' as const,
      documentDate: calendarDate('2026-03-14'),
      recipient: r.recipient as { name: string; email: string },
      payload: r.payload,
    };
    out.set(doc.documentId, await renderer.render(doc));
  }
  return out;
}

async function outboxRate(
  db: PgDatabase,
  smtp: Smtp,
  url: string,
  rendered: Map<string, RenderedDocument>,
): Promise<number> {
  const n = rendered.size;
  const standard = new StandardDocumentRenderer();
  const renderer: DocumentRenderer = {
    render: async (doc) => rendered.get(doc.documentId)!,
    renderSettlementReport: (data) => standard.renderSettlementReport(data),
  };
  const email = new SmtpChannel(url, 'noreply@reskontra.example');
  const drop = new FileDropChannel('/nonexistent-bench-folder');
  const deps: DeliveryDeps = { renderer, channels: { email, letter: drop, einvoice: drop } };
  const ctx: AppContext = {
    uow: sqlUnitOfWork(db),
    clock: new ManualClock(calendarDate('2026-03-14')),
    ids: randomIds,
    keys: new Sha256KeyHasher(),
    operator: DEMO_OPERATOR,
  };
  const before = smtp.received();
  const started = performance.now();
  let delivered = 0;
  for (;;) {
    const report = await deliverOutbox(ctx, deps);
    delivered += report.delivered;
    if (report.delivered + report.retried + report.failed === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  email.close();
  if (delivered !== n || smtp.received() - before !== n)
    throw new Error(
      `outbox delivered ${delivered}, server got ${smtp.received() - before} of ${n}`,
    );
  await db.query('DELETE FROM delivery_attempt; DELETE FROM outbox_message');
  return n / seconds;
}

/** The baseline: the same bytes through one nodemailer transport, 8 sends in flight. */
async function rawRate(
  smtp: Smtp,
  url: string,
  rendered: Map<string, RenderedDocument>,
): Promise<number> {
  const bytes = [...rendered.values()].map((r) => Buffer.from(r.bytes));
  const n = bytes.length;
  const transport = nodemailer.createTransport(url);
  const before = smtp.received();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < bytes.length; i = next++) {
        await transport.sendMail({
          envelope: { from: 'noreply@reskontra.example', to: ['ekonomi@bergstromfastigheter.se'] },
          raw: bytes[i]!,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  if (smtp.received() - before !== n) throw new Error('raw sends lost messages');
  return n / seconds;
}

/**
 * SMTP_URL as an installation sets it. The SmtpChannel pools connections (8) unless the URL says
 * otherwise; the raw baseline gets the same pool through the URL.
 */
const VARIANTS = [
  {
    label: 'SMTP_URL smtp://127.0.0.1:port',
    channelQuery: '',
    rawQuery: '/?pool=true&maxConnections=8',
    share: 1,
  },
] as const;

type Rates = { outbox: number[]; raw: number[] };

async function measureVariants(o: DocumentsOptions, mails: number): Promise<Rates[]> {
  const schema = await freshSchema(o.url, 'docs', 10);
  const smtp = await startSmtp();
  const rates: Rates[] = VARIANTS.map(() => ({ outbox: [], raw: [] }));
  try {
    for (let r = 0; r < o.repeat; r += 1) {
      for (const [i, v] of VARIANTS.entries()) {
        await seedOutbox(schema.db, Math.max(100, Math.round(mails * v.share)));
        const rendered = await preRender(schema.db);
        rates[i]!.raw.push(await rawRate(smtp, smtp.url + v.rawQuery, rendered));
        rates[i]!.outbox.push(
          await outboxRate(schema.db, smtp, smtp.url + v.channelQuery, rendered),
        );
        o.log(
          `  documents, ${v.label}: outbox ${rates[i]!.outbox.at(-1)!.toFixed(0)} e-mails/s, ` +
            `raw nodemailer ${rates[i]!.raw.at(-1)!.toFixed(0)}/s`,
        );
      }
    }
  } finally {
    await smtp.close();
    await schema.drop();
  }
  return rates;
}

export async function benchDocuments(o: DocumentsOptions): Promise<void> {
  const pdfs = Math.max(100, Math.round(1000 * o.scale));
  const mails = Math.max(200, Math.round(2000 * o.scale));
  const pdfRates: number[] = [];
  for (let r = 0; r < o.repeat; r += 1) pdfRates.push((await benchRenderInvoices(pdfs)).perSecond);
  o.log(`  documents: PDFs/s ${pdfRates.map((x) => x.toFixed(0)).join(', ')}`);
  const rates = await measureVariants(o, mails);
  const pdf = median(pdfRates);
  printTable(
    'documents: rendering and the outbox',
    [
      {
        measure: 'invoice PDFs rendered, one core',
        figure: `${pdf.toFixed(0)} /s`,
        target: '≥ 200 /s',
        baseline: '–',
        ratio: '–',
        ok: pdf >= 200,
      },
      ...VARIANTS.map((v, i) => {
        const out = median(rates[i]!.outbox);
        const base = median(rates[i]!.raw);
        return {
          measure: `outbox → SMTP, ${v.label}`,
          figure: `${out.toFixed(0)} e-mails/s`,
          target: '≥ 500 e-mails/s',
          baseline: `${base.toFixed(0)} e-mails/s`,
          ratio: ratio(base / out),
          ok: out >= 500,
        };
      }),
    ],
    [
      `medians of ${o.repeat}; ${count(pdfs)} PDFs of the 4-row sample invoice (every VAT rate, QR code) per measurement`,
      `${count(mails)} invoice e-mails per measurement: .eml with the PDF attached, pre-rendered, to ` +
        'smtp-server in this process over loopback; deliverOutbox with its defaults (100 per claim, 8 in ' +
        'flight) and the SmtpChannel (its default pool of 8 connections), PostgreSQL outbox',
      'baseline: raw nodemailer sends of the same .eml bytes over a pool of 8 connections, 8 in flight; ' +
        'ratio = outbox time ÷ baseline time',
    ],
  );
}
