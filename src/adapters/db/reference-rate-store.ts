/** The operator's published referensränta rows in SQL (table reference_rate, migration 0010). */
import type { Row, Sql } from '../../application/ports.ts';
import type {
  PublishedReferenceRate,
  ReferenceRateStore,
} from '../../application/reference-rate-store.ts';
import { asDate, asInstant, asStringOrNull } from './row-mapping.ts';

const toRow = (r: Row): PublishedReferenceRate => ({
  validFromDate: asDate(r.valid_from),
  referenceRateBasisPoints: BigInt(r.basis_points as number),
  note: asStringOrNull(r.note),
  publishedBy: String(r.published_by),
  publishedAt: asInstant(r.published_at),
  revision: Number(r.revision),
});

export function referenceRateStore(sql: Sql): ReferenceRateStore {
  return {
    async published({ lock }) {
      const rows = await sql.query(
        `SELECT * FROM reference_rate ORDER BY valid_from${lock === 'share' ? ' FOR SHARE' : ''}`,
      );
      return rows.map(toRow);
    },
    async lockForPublication() {
      // EXCLUSIVE conflicts with the ROW SHARE lock that SELECT … FOR SHARE takes, and with
      // itself, but not with plain reads: previews and invoice views go on meanwhile.
      await sql.query('LOCK TABLE reference_rate IN EXCLUSIVE MODE');
    },
    async interestBookedFrom(date) {
      const rows = await sql.query(
        'SELECT 1 FROM invoice WHERE interest_booked_through >= $1 LIMIT 1',
        [date],
      );
      return rows.length > 0;
    },
    async save(row) {
      await sql.query(
        `INSERT INTO reference_rate (valid_from, basis_points, note, published_by, published_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (valid_from) DO UPDATE SET basis_points = EXCLUDED.basis_points,
           note = EXCLUDED.note, published_by = EXCLUDED.published_by,
           published_at = EXCLUDED.published_at, revision = EXCLUDED.revision`,
        [
          row.validFromDate,
          Number(row.referenceRateBasisPoints),
          row.note,
          row.publishedBy,
          row.publishedAt,
          row.revision,
        ],
      );
    },
  };
}
