/**
 * Goal: no mutation of a BgMax file makes parseBgMax throw, and it never accepts a file whose
 * deposits, counts or numeric fields do not add up. Method: fast-check mutates Bankgirot's
 * example files (digit flips, noise, deleted/duplicated/swapped lines, truncation, changed
 * amounts); an independent oracle recomputes every total from the raw text of accepted files.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BankFile } from '../bank-file.ts';
import { parseBgMax } from './parse-bgmax.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const SAMPLES = [
  fixture('bankgirot-example-ocr-check-length.txt'),
  fixture('bankgirot-example-three-sections.txt'),
];

type Mutation =
  | { kind: 'setChar'; line: number; column: number; char: string }
  | { kind: 'flipDigit'; line: number; column: number; digit: number }
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('setChar' as const),
    line: fc.nat(),
    column: fc.nat(90),
    char: fc.constantFrom(' ', '\t', 'A', 'ö', '-', '.', '0', '9', '\r'),
  }),
  fc.record({
    kind: fc.constant('flipDigit' as const),
    line: fc.nat(),
    column: fc.nat(80),
    digit: fc.integer({ min: 0, max: 9 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = 'line' in m ? m.line % lines.length : 0;
  const target = lines[i]!;
  switch (m.kind) {
    case 'setChar':
      lines[i] = target.slice(0, m.column) + m.char + target.slice(m.column + 1);
      break;
    case 'flipDigit': {
      const digitColumns = [...target].flatMap((c, col) => (/\d/.test(c) ? [col] : []));
      const col = digitColumns[m.column % Math.max(digitColumns.length, 1)];
      if (col !== undefined)
        lines[i] = target.slice(0, col) + String(m.digit) + target.slice(col + 1);
      break;
    }
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, target);
      break;
    case 'swap': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j]!, target];
      break;
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
  return lines.join('\n');
}

const expandTabs = (line: string): string => {
  let out = '';
  for (const char of line) out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
  return out;
};

/**
 * Recomputes deposits and counts straight from the text, knowing nothing of the parser.
 * Returns the first thing that does not add up, or undefined when the file is consistent.
 */
function inconsistency(text: string, file: BankFile): string | undefined {
  const records = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .map((l) => expandTabs(l).padEnd(80, ' '));
  const amount = (r: string, from: number): bigint | undefined => {
    const digits = r.slice(from - 1, from + 17);
    return /^\d{18}$/.test(digits) ? BigInt(digits) : undefined;
  };
  const counts = { '20': 0, '21': 0, '22': 0, '15': 0 };
  const deposits: bigint[] = [];
  let sum = 0n;
  let n = 0;
  for (const r of records) {
    const tk = r.slice(0, 2);
    if (tk === '05') [sum, n] = [0n, 0];
    if (tk === '20' || tk === '21') {
      const a = amount(r, 38);
      if (a === undefined) return `non-digit amount accepted: ${r}`;
      sum += tk === '20' ? a : -a;
      n += 1;
      counts[tk] += 1;
    }
    if (tk === '22' || tk === '23') counts['22'] += 1;
    if (tk === '15') {
      if (amount(r, 51) !== sum) return `deposit ${r.slice(50, 68)} but records sum to ${sum}`;
      if (Number(r.slice(71, 79)) !== n || !/^\d{8}$/.test(r.slice(71, 79))) return `count ${r}`;
      deposits.push(sum);
      counts['15'] += 1;
    }
  }
  const end = records.at(-1) ?? '';
  const expected = [counts['20'], counts['21'], counts['22'], counts['15']].map((c) =>
    String(c).padStart(8, '0'),
  );
  if (!end.startsWith(`70${expected.join('')}`)) return `end record ${end} ≠ ${expected.join(' ')}`;
  const parsedDeposits = file.sections.map((s) => s.amountOre as bigint);
  if (parsedDeposits.join() !== deposits.join()) return `parsed deposits ${parsedDeposits.join()}`;
  for (const section of file.sections) {
    const net = section.payments.reduce(
      (acc, p) => acc + (p.kind === 'payment' ? p.amountOre : -p.amountOre),
      0n,
    );
    if (net !== section.amountOre) return `section at line ${section.lineNumber} does not add up`;
  }
  return undefined;
}

describe('parseBgMax under mutation', () => {
  it('never throws, and whatever it accepts adds up (3 000 mutated files)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (sample, mutations) => {
          const text = mutations.reduce(mutate, sample);
          const result = parseBgMax(text);
          if (result.ok) expect(inconsistency(text, result.value)).toBeUndefined();
          else expect(result.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  const linesOf = (sample: string, codes: readonly string[]): number[] =>
    sample.split('\n').flatMap((l, i) => (codes.includes(l.slice(0, 2)) ? [i] : []));

  it('rejects every changed TK20, TK21 or TK15 amount', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.nat(),
        fc.bigInt({ min: -99_999n, max: 99_999n }).filter((d) => d !== 0n),
        (sample, pick, delta) => {
          const lines = sample.split('\n');
          const candidates = linesOf(sample, ['20', '21', '15']);
          const i = candidates[pick % candidates.length]!;
          const from = lines[i]!.startsWith('15') ? 50 : 37;
          const changed = BigInt(lines[i]!.slice(from, from + 18)) + delta;
          fc.pre(changed >= 0n);
          lines[i] =
            lines[i]!.slice(0, from) +
            String(changed).padStart(18, '0') +
            lines[i]!.slice(from + 18);
          expect(parseBgMax(lines.join('\n')).ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects a deleted or duplicated structural record (01, 05, 20–23, 15, 70)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.nat(),
        fc.boolean(),
        (sample, pick, duplicate) => {
          const lines = sample.split('\n');
          const candidates = linesOf(sample, ['01', '05', '20', '21', '22', '23', '15', '70']);
          const i = candidates[pick % candidates.length]!;
          lines.splice(i, duplicate ? 0 : 1, ...(duplicate ? [lines[i]!] : []));
          expect(parseBgMax(lines.join('\n')).ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects the sample truncated anywhere before its last character', () => {
    const sample = SAMPLES[0]!;
    fc.assert(
      fc.property(fc.nat(sample.length - 1), (at) => {
        expect(parseBgMax(sample.slice(0, at)).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
