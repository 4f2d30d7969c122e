/**
 * pain.001.001.03 payouts: the XML is read back with fast-xml-parser (parseTagValue: false, so
 * amounts and ids stay text) and checked for structure, counts, control sums per file and per
 * execution date, escaping, and the input checks in field order.
 */
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../calendar-date.ts';
import { formatDecimal, ore, sumOre } from '../money.ts';
import {
  escapeXml,
  normaliseBankgiro,
  normaliseIban,
  PAIN001_NAMESPACE,
  writePain001,
  type Pain001Input,
  type Pain001Payout,
} from './pain001.ts';

const parser = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => name === 'PmtInf' || name === 'CdtTrfTxInf',
});

const payout = (overrides: Partial<Pain001Payout> = {}): Pain001Payout => ({
  endToEndId: 'RSK-PO-1',
  executionDate: calendarDate('2026-05-04'),
  amount: ore(123450n),
  creditor: { name: 'Kund Åkesson AB', account: { kind: 'bankgiro', number: '5050-1055' } },
  ...overrides,
});

const input = (payouts: readonly Pain001Payout[], overrides: Partial<Pain001Input> = {}) => ({
  messageId: 'RSK-20260504-001',
  createdAt: '2026-05-04T08:30:00+02:00',
  initiatingParty: { name: 'Reskontra AB', organisationNumber: '556036-0793' },
  debtor: {
    name: 'Reskontra AB klientmedel',
    account: { kind: 'iban' as const, iban: 'SE45 5000 0000 0583 9825 7466' },
    bic: 'ESSESESS',
  },
  payouts,
  ...overrides,
});

// The parsed XML is untyped by nature; the assertions below are its type check.
function parse(xml: string): any {
  return parser.parse(xml).Document;
}

function written(i: Pain001Input): string {
  const result = writePain001(i);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('writePain001', () => {
  it('writes GrpHdr, one PmtInf and a bankgiro payout as Swedish banks expect', () => {
    const xml = written(input([payout()]));
    const doc = parse(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(doc['@xmlns']).toBe(PAIN001_NAMESPACE);
    const { GrpHdr, PmtInf } = doc.CstmrCdtTrfInitn;
    expect(GrpHdr).toEqual({
      MsgId: 'RSK-20260504-001',
      CreDtTm: '2026-05-04T08:30:00+02:00',
      NbOfTxs: '1',
      CtrlSum: '1234.50',
      InitgPty: { Nm: 'Reskontra AB', Id: { OrgId: { Othr: { Id: '5560360793' } } } },
    });
    expect(PmtInf).toHaveLength(1);
    const info = PmtInf[0];
    expect(info.PmtInfId).toBe('RSK-20260504-001-1');
    expect(info.PmtMtd).toBe('TRF');
    expect(info.ReqdExctnDt).toBe('2026-05-04');
    expect(info.Dbtr).toEqual({ Nm: 'Reskontra AB klientmedel' });
    expect(info.DbtrAcct).toEqual({ Id: { IBAN: 'SE4550000000058398257466' }, Ccy: 'SEK' });
    expect(info.DbtrAgt).toEqual({ FinInstnId: { BIC: 'ESSESESS' } });
    expect(info.CdtTrfTxInf).toEqual([
      {
        PmtId: { EndToEndId: 'RSK-PO-1' },
        Amt: { InstdAmt: { '#text': '1234.50', '@Ccy': 'SEK' } },
        CdtrAgt: { FinInstnId: { ClrSysMmbId: { ClrSysId: { Cd: 'SESBA' }, MmbId: '9900' } } },
        Cdtr: { Nm: 'Kund Åkesson AB' },
        CdtrAcct: { Id: { Othr: { Id: '50501055', SchmeNm: { Prtry: 'BGNR' } } } },
        RmtInf: { Ustrd: 'Reskontra utbetalning 2026-05-04' },
      },
    ]);
  });

  it('groups payouts by execution date, earliest first, with NbOfTxs and CtrlSum each', () => {
    const xml = written(
      input([
        payout({ endToEndId: 'A', executionDate: calendarDate('2026-05-05'), amount: ore(100n) }),
        payout({ endToEndId: 'B', amount: ore(250n) }),
        payout({ endToEndId: 'C', executionDate: calendarDate('2026-05-05'), amount: ore(1n) }),
      ]),
    );
    const { GrpHdr, PmtInf } = parse(xml).CstmrCdtTrfInitn;
    expect(GrpHdr.NbOfTxs).toBe('3');
    expect(GrpHdr.CtrlSum).toBe('3.51');
    expect(PmtInf.map((p: any) => [p.PmtInfId, p.ReqdExctnDt, p.NbOfTxs, p.CtrlSum])).toEqual([
      ['RSK-20260504-001-1', '2026-05-04', '1', '2.50'],
      ['RSK-20260504-001-2', '2026-05-05', '2', '1.01'],
    ]);
    expect(PmtInf[1].CdtTrfTxInf.map((t: any) => t.PmtId.EndToEndId)).toEqual(['A', 'C']);
  });

  it('pays an IBAN creditor by IBAN and BIC, and says NOTPROVIDED without a debtor BIC', () => {
    const creditor = {
      name: 'Klient AB',
      account: { kind: 'iban' as const, iban: 'se35 5000 0000 0549 1000 0003', bic: 'ESSESESS' },
    };
    const base = input([payout({ creditor, remittanceText: 'Utbetalning maj' })]);
    const xml = written({ ...base, debtor: { ...base.debtor, bic: undefined } });
    const info = parse(xml).CstmrCdtTrfInitn.PmtInf[0];
    expect(info.DbtrAgt).toEqual({ FinInstnId: { Othr: { Id: 'NOTPROVIDED' } } });
    const tx = info.CdtTrfTxInf[0];
    expect(tx.CdtrAgt).toEqual({ FinInstnId: { BIC: 'ESSESESS' } });
    expect(tx.CdtrAcct).toEqual({ Id: { IBAN: 'SE3550000000054910000003' } });
    expect(tx.RmtInf.Ustrd).toBe('Utbetalning maj');
  });

  it('adds the initiating party scheme code when the bank asks for one', () => {
    const base = input([payout()]);
    const xml = written({
      ...base,
      initiatingParty: { ...base.initiatingParty, schemeCode: 'BANK' },
    });
    expect(parse(xml).CstmrCdtTrfInitn.GrpHdr.InitgPty.Id.OrgId.Othr).toEqual({
      Id: '5560360793',
      SchmeNm: { Cd: 'BANK' },
    });
  });

  it('escapes &, <, >, quotes and apostrophes in every text', () => {
    const name = `Åkesson & Söner <"AB"> 'x'`;
    const xml = written(
      input([payout({ creditor: { ...payout().creditor, name }, remittanceText: 'a<b&c' })], {
        initiatingParty: { name: 'R&R AB', organisationNumber: '5560360793' },
      }),
    );
    expect(xml).toContain('<Nm>Åkesson &amp; Söner &lt;&quot;AB&quot;&gt; &apos;x&apos;</Nm>');
    const doc = parse(xml).CstmrCdtTrfInitn;
    expect(doc.PmtInf[0].CdtTrfTxInf[0].Cdtr.Nm).toBe(name);
    expect(doc.PmtInf[0].CdtTrfTxInf[0].RmtInf.Ustrd).toBe('a<b&c');
    expect(doc.GrpHdr.InitgPty.Nm).toBe('R&R AB');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('CtrlSum and NbOfTxs always match the payouts (property)', () => {
    const amounts = fc.array(fc.bigInt({ min: 1n, max: 10_000_000_000n }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        amounts,
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30 }),
        (as, ds) => {
          const payouts = as.map((amount, i) =>
            payout({
              endToEndId: `E${i}`,
              amount: ore(amount),
              executionDate: calendarDate(`2026-05-0${4 + ds[i]!}`),
            }),
          );
          const { GrpHdr, PmtInf } = parse(written(input(payouts))).CstmrCdtTrfInitn;
          expect(GrpHdr.NbOfTxs).toBe(String(payouts.length));
          expect(GrpHdr.CtrlSum).toBe(formatDecimal(sumOre(payouts.map((p) => p.amount))));
          const txs = PmtInf.flatMap((p: any) => p.CdtTrfTxInf);
          expect(txs).toHaveLength(payouts.length);
          for (const info of PmtInf) {
            const cents = info.CdtTrfTxInf.map((t: any) =>
              BigInt(t.Amt.InstdAmt['#text'].replace('.', '')),
            );
            expect(info.CtrlSum).toBe(
              formatDecimal(ore(cents.reduce((a: bigint, b: bigint) => a + b, 0n))),
            );
            expect(info.NbOfTxs).toBe(String(info.CdtTrfTxInf.length));
          }
        },
      ),
    );
  });
});

describe('validatePain001Input (through writePain001)', () => {
  it('reports every issue in field order and writes nothing', () => {
    const result = writePain001(
      input(
        [
          payout({
            amount: ore(0n),
            creditor: { name: '', account: { kind: 'bankgiro', number: '5050-1056' } },
          }),
          payout({
            endToEndId: 'RSK-PO-1',
            creditor: { name: 'Ok', account: { kind: 'iban', iban: 'SE4550000000058398257467' } },
          }),
        ],
        {
          messageId: 'X'.repeat(31),
          createdAt: '2026-05-04',
          initiatingParty: { name: 'Reskontra AB', organisationNumber: '556036-0794' },
        },
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => `${i.path}:${i.code}`)).toEqual([
      'messageId:text_too_long',
      'createdAt:date_time_invalid',
      'initiatingParty.organisationNumber:organisation_number_invalid',
      'payouts.0.amount:amount_not_positive',
      'payouts.0.creditor.name:text_empty',
      'payouts.0.creditor.account.number:bankgiro_invalid',
      'payouts.1.endToEndId:end_to_end_id_repeated',
      'payouts.1.creditor.account.iban:iban_invalid',
    ]);
  });

  it('refuses an empty file, control characters, a bad BIC and a bad scheme code', () => {
    const base = input([]);
    const result = writePain001({
      ...base,
      initiatingParty: { ...base.initiatingParty, schemeCode: 'bank' },
      debtor: { ...base.debtor, name: 'Rad\u0001två', bic: 'ESSE' },
    });
    expect(result.ok ? [] : result.error.map((i) => i.code)).toEqual([
      'scheme_code_invalid',
      'text_invalid_characters',
      'bic_invalid',
      'payouts_empty',
    ]);
  });

  it('bankgiro: 7–8 digits with a Luhn check digit; IBAN: mod 97 and SE length 24', () => {
    expect(normaliseBankgiro('5050-1055')).toBe('50501055');
    expect(normaliseBankgiro('991-2346')).toBe('9912346');
    expect(normaliseBankgiro('5050-1056')).toBeNull();
    expect(normaliseBankgiro('123456')).toBeNull();
    expect(normaliseIban('SE45 5000 0000 0583 9825 7466')).toBe('SE4550000000058398257466');
    expect(normaliseIban('GB82 WEST 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
    expect(normaliseIban('SE4550000000058398257467')).toBeNull();
    expect(normaliseIban('SE455000000005839825746')).toBeNull();
  });
});
