/** Tenants and number series in SQL. */
import type { Row, Sql } from '../../application/ports.ts';
import type { TenantRecord } from '../../application/records.ts';
import type { NumberSeriesStore, TenantStore } from '../../application/stores.ts';
import { asBigint, asInstant, asStringOrNull, decodeCursor, encodeCursor } from './row-mapping.ts';

function toTenant(r: Row): TenantRecord {
  const street = asStringOrNull(r.street);
  return {
    tenantId: String(r.tenant_id),
    tenantNumber: asBigint(r.tenant_number),
    name: String(r.name),
    organisationNumber: String(r.organisation_number),
    vatNumber: asStringOrNull(r.vat_number),
    email: String(r.email),
    bankgiro: asStringOrNull(r.bankgiro),
    payoutAccount: asStringOrNull(r.payout_account),
    address:
      street === null
        ? null
        : { street, postalCode: String(r.postal_code), city: String(r.city), country: 'SE' },
    ocrLengthDigit: Boolean(r.ocr_length_digit),
    fSkatt: Boolean(r.f_skatt),
    accountOverrides: (r.account_map ?? {}) as Record<string, string>,
    apiKeyHash: String(r.api_key_hash),
    createdAt: asInstant(r.created_at),
  };
}

export function tenantStore(sql: Sql): TenantStore {
  return {
    async insert(t) {
      const rows = await sql.query(
        `INSERT INTO tenant (tenant_id, name, organisation_number, vat_number, email, bankgiro,
           payout_account, street, postal_code, city, ocr_length_digit, account_map, api_key_hash, created_at, f_skatt)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING tenant_number`,
        [
          t.tenantId,
          t.name,
          t.organisationNumber,
          t.vatNumber,
          t.email,
          t.bankgiro,
          t.payoutAccount,
          t.address?.street ?? null,
          t.address?.postalCode ?? null,
          t.address?.city ?? null,
          t.ocrLengthDigit,
          JSON.stringify(t.accountOverrides),
          t.apiKeyHash,
          t.createdAt,
          t.fSkatt,
        ],
      );
      return asBigint(rows[0]!.tenant_number);
    },
    async get(tenantId) {
      const rows = await sql.query('SELECT * FROM tenant WHERE tenant_id = $1', [tenantId]);
      return rows[0] === undefined ? null : toTenant(rows[0]);
    },
    async search({ query, limit, cursor }) {
      const after = decodeCursor(cursor);
      const params: unknown[] = [limit + 1];
      const where: string[] = [];
      const q = query?.trim() ?? '';
      if (q !== '') {
        params.push(`%${q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`, q.replace(/[\s-]/g, ''));
        where.push(
          `(lower(name) LIKE $2 OR replace(organisation_number, '-', '') = $3 OR tenant_number::text = $3)`,
        );
      }
      if (after !== null) {
        params.push(after[0]);
        where.push(`tenant_number > $${params.length}::bigint`);
      }
      const rows = await sql.query(
        `SELECT * FROM tenant ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY tenant_number LIMIT $1`,
        params,
      );
      const items = rows.slice(0, limit).map(toTenant);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor([last.tenantNumber.toString()]) : null,
      };
    },
  };
}

export function numberSeriesStore(sql: Sql): NumberSeriesStore {
  return {
    async take(tenantId, series) {
      const rows = await sql.query(
        `INSERT INTO number_series (tenant_id, series, next_number) VALUES ($1, $2, 2)
         ON CONFLICT (tenant_id, series) DO UPDATE SET next_number = number_series.next_number + 1
         RETURNING next_number - 1 AS taken`,
        [tenantId, series],
      );
      return asBigint(rows[0]!.taken);
    },
  };
}
