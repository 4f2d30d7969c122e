/** Customers in SQL. Search is by name prefix/substring or customer number, keyset-paginated. */
import type { Row, Sql } from '../../application/ports.ts';
import type { CustomerRecord } from '../../application/records.ts';
import type { CustomerStore } from '../../application/stores.ts';
import { asBigint, asInstant, asStringOrNull, decodeCursor, encodeCursor } from './row-mapping.ts';

const COLUMNS = `customer_id, customer_number, name, kind, identity_number, email, street, postal_code,
  city, country, delivery_method, peppol_id, language, reminder_fee_agreed, created_at, updated_at`;

export function toCustomer(r: Row): CustomerRecord {
  const street = asStringOrNull(r.street);
  return {
    customerId: String(r.customer_id),
    customerNumber: asBigint(r.customer_number),
    name: String(r.name),
    kind: r.kind as CustomerRecord['kind'],
    identityNumber: asStringOrNull(r.identity_number),
    email: asStringOrNull(r.email),
    address:
      street === null
        ? null
        : {
            street,
            postalCode: String(r.postal_code),
            city: String(r.city),
            country: String(r.country),
          },
    deliveryMethod: r.delivery_method as CustomerRecord['deliveryMethod'],
    peppolId: asStringOrNull(r.peppol_id),
    language: r.language as CustomerRecord['language'],
    reminderFeeAgreed: Boolean(r.reminder_fee_agreed),
    createdAt: asInstant(r.created_at),
    updatedAt: asInstant(r.updated_at),
  };
}

function values(c: CustomerRecord): unknown[] {
  return [
    c.customerId,
    c.customerNumber,
    c.name,
    c.kind,
    c.identityNumber,
    c.email,
    c.address?.street ?? null,
    c.address?.postalCode ?? null,
    c.address?.city ?? null,
    c.address?.country ?? 'SE',
    c.deliveryMethod,
    c.peppolId,
    c.language,
    c.reminderFeeAgreed,
    c.createdAt,
    c.updatedAt,
  ];
}

export function customerStore(sql: Sql): CustomerStore {
  return {
    async insert(tenantId, c) {
      await sql.query(
        `INSERT INTO customer (tenant_id, ${COLUMNS})
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
        [tenantId, ...values(c)],
      );
    },
    async get(tenantId, customerId) {
      const rows = await sql.query(
        `SELECT ${COLUMNS} FROM customer WHERE tenant_id = $1 AND customer_id = $2`,
        [tenantId, customerId],
      );
      return rows[0] === undefined ? null : toCustomer(rows[0]);
    },
    async update(tenantId, c) {
      await sql.query(
        `UPDATE customer SET name = $4, kind = $5, identity_number = $6, email = $7, street = $8,
           postal_code = $9, city = $10, country = $11, delivery_method = $12, peppol_id = $13,
           language = $14, reminder_fee_agreed = $15, updated_at = $17
         WHERE tenant_id = $1 AND customer_id = $2 AND customer_number = $3 AND created_at = $16`,
        [tenantId, ...values(c)],
      );
    },
    async search(tenantId, { query, limit, cursor }) {
      const after = decodeCursor(cursor);
      const params: unknown[] = [tenantId, limit + 1];
      let where = 'tenant_id = $1';
      if (query !== undefined && query.trim() !== '') {
        params.push(
          `%${query
            .trim()
            .toLowerCase()
            .replace(/[%_\\]/g, '\\$&')}%`,
        );
        where += ` AND (lower(name) LIKE $${params.length} OR customer_number::text = $${params.length + 1})`;
        params.push(query.trim());
      }
      if (after !== null) {
        params.push(after[0]);
        where += ` AND customer_number > $${params.length}::bigint`;
      }
      const rows = await sql.query(
        `SELECT ${COLUMNS} FROM customer WHERE ${where} ORDER BY customer_number LIMIT $2`,
        params,
      );
      const items = rows.slice(0, limit).map(toCustomer);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor([last.customerNumber.toString()]) : null,
      };
    },
  };
}
