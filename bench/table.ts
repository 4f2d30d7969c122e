/** Plain-text tables for the benchmark report: one per benchmark, aligned, Markdown-compatible. */

export type Row = {
  measure: string;
  figure: string;
  target: string;
  baseline: string;
  ratio: string;
  /** true: meets the target; false: misses it; null: nothing to judge (not run, no target). */
  ok: boolean | null;
};

export function printTable(title: string, rows: readonly Row[], notes: readonly string[] = []) {
  const header = ['measure', 'figure', 'target', 'baseline', 'ratio to baseline', 'ok'];
  const cells = rows.map((r) => [
    r.measure,
    r.figure,
    r.target,
    r.baseline,
    r.ratio,
    r.ok === null ? '–' : r.ok ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  if (notes.length > 0) console.log('');
  for (const n of notes) console.log(`- ${n}`);
}
