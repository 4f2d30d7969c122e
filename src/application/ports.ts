/**
 * Ports: what the use cases need from the outside world, declared here by their consumer.
 * Adapters in src/adapters implement them; only the composition roots wire the two together.
 */
import type { SettlementDocumentData } from '../domain/payouts/settlement-report.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';

/** Row values as the drivers return them: int8 → bigint, date → 'YYYY-MM-DD', json → objects. */
export type SqlValue = string | number | bigint | boolean | null | Date | object;
export type Row = Record<string, unknown>;

/** One connection's worth of SQL: inside a transaction, or a single autocommit statement. */
export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Sql {
  /** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  readonly driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface Clock {
  /** An instant, RFC 3339 UTC: for audit fields only. */
  now(): string;
  /** Today's Swedish calendar date (Europe/Stockholm). */
  today(): CalendarDate;
}

/** Identifiers and secrets: randomness lives behind this port, never in the core. */
export interface IdSource {
  newId(): string;
}

export interface KeyHasher {
  newApiKey(tenantId: string): { key: string; hash: string };
  hash(secret: string): string;
  /** Constant-time comparison of a presented secret with a stored hash. */
  matches(secret: string, hash: string): boolean;
}

/** A document as the outbox hands it to rendering and delivery. */
export type OutgoingDocument = {
  readonly tenantId: string;
  readonly documentId: string;
  readonly invoiceId: string | null;
  readonly kind: DocumentKind;
  readonly channel: Channel;
  readonly documentDate: CalendarDate;
  readonly recipient: Recipient;
  /** The render data, as stored (JSON with bigints tagged; see document-codec.ts). */
  readonly payload: unknown;
};

export type DocumentKind =
  | 'invoice'
  | 'credit_note'
  | 'notice'
  | 'reminder'
  | 'collection_demand'
  /** To the client, not the debtor: what to file with Kronofogden. */
  | 'payment_order_application';
export type Channel = 'email' | 'letter' | 'einvoice';

export type Recipient = {
  readonly name: string;
  readonly email?: string | undefined;
  readonly address?:
    { street: string; postalCode: string; city: string; country: string } | undefined;
  readonly peppolId?: string | undefined;
};

export type RenderedDocument = {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly fileName: string;
};

/** Data → bytes for a channel: an .eml for e-mail, a PDF for a letter, UBL XML for an e-invoice. */
export interface DocumentRenderer {
  render(document: OutgoingDocument): Promise<RenderedDocument>;
  /** A payout's settlement report (redovisning) as a PDF, beside its CSV. */
  renderSettlementReport(data: SettlementDocumentData): Promise<RenderedDocument>;
}

/**
 * One delivery channel. deliver() must be idempotent per document id where the channel allows;
 * wasDelivered() answers after a crash whether an interrupted attempt got through ('unknown'
 * where the channel cannot tell, e.g. SMTP).
 */
export interface DeliveryChannel {
  deliver(document: OutgoingDocument, rendered: RenderedDocument): Promise<void>;
  wasDelivered(document: OutgoingDocument): Promise<boolean | 'unknown'>;
}

export type DeliveryChannels = Readonly<Record<Channel, DeliveryChannel>>;

/**
 * The population register (folkbokföring) to which an inkassokrav is addressed. The default,
 * when none is configured, is the customer card's registered address fields; a production adapter
 * for the national register (SPAR) is separate work.
 */
export interface AddressRegister {
  registeredAddress(customer: {
    identityNumber: string | null;
    address: Recipient['address'] | null;
  }): Promise<Recipient['address'] | null>;
}
