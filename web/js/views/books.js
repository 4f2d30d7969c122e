/** Bokföring: the trial balance for a date with its balance check, and the receivable reconciliation. */
import { request, serviceToday } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { formatOre, todayText } from '../format.js';
import { card, emptyState, errorState, loading, pageHeader } from '../ui.js';

const { history } = globalThis;

const check = (ok, okText, badText) =>
  h(
    'span',
    { class: `check-badge ${ok ? 'ok' : 'bad'}`, dataset: { ok: String(ok) } },
    icon(ok ? 'check' : 'warning'),
    ok ? okText : badText,
  );

function trialBalanceTable(lines) {
  const debit = lines.reduce((s, l) => s + BigInt(l.debit), 0n);
  const credit = lines.reduce((s, l) => s + BigInt(l.credit), 0n);
  const balanced = debit === credit;
  return {
    balanced,
    node: h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table', id: 'trial-balance' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Konto'),
            h('th', { scope: 'col' }, 'Benämning'),
            h('th', { scope: 'col', class: 'num' }, 'Debet'),
            h('th', { scope: 'col', class: 'num' }, 'Kredit'),
            h('th', { scope: 'col', class: 'num' }, 'Saldo'),
          ),
        ),
        h(
          'tbody',
          {},
          lines.map((l) =>
            h(
              'tr',
              {},
              h('td', { class: 'mono' }, l.account),
              h('td', {}, l.name),
              h('td', { class: 'num' }, formatOre(l.debit)),
              h('td', { class: 'num' }, formatOre(l.credit)),
              h('td', { class: 'num strong' }, formatOre(BigInt(l.debit) - BigInt(l.credit))),
            ),
          ),
        ),
        h(
          'tfoot',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'row', colspan: 2 }, 'Summa'),
            h('td', { class: 'num' }, formatOre(debit)),
            h('td', { class: 'num' }, formatOre(credit)),
            h('td', { class: 'num' }, formatOre(debit - credit)),
          ),
        ),
      ),
    ),
  };
}

function reconciliationCard(rec) {
  const figure = (term, amount) =>
    h('div', { class: 'recon-figure' }, h('span', {}, term), h('strong', {}, formatOre(amount)));
  return h(
    'section',
    { class: 'card recon-card', id: 'reconciliation' },
    h(
      'div',
      {},
      h('h2', { class: 'card-title' }, 'Avstämning kundfordringar'),
      h(
        'p',
        { class: 'muted small' },
        `Konto ${rec.account} ska vara lika med summan av alla öppna fakturor (i dag).`,
      ),
    ),
    figure(`Konto ${rec.account} i bokföringen`, rec.ledgerBalance),
    figure('Öppna fakturor', rec.openInvoices),
    figure('Differens', rec.ledgerBalance - rec.openInvoices),
    check(rec.balanced, 'Stämmer', 'Stämmer inte'),
  );
}

async function loadTrialBalance({ date, body, status }) {
  replace(body, loading());
  replace(status);
  history.replaceState(null, '', `#/bokforing?date=${date}`);
  try {
    const lines = await request('GET', '/v1/ledger/trial-balance', { query: { date } });
    if (lines.length === 0) {
      replace(
        body,
        emptyState(
          'Inga bokförda transaktioner',
          'Verifikationer skapas när fakturor skickas, krediteras och betalas.',
        ),
      );
      return;
    }
    const table = trialBalanceTable(lines);
    replace(body, table.node);
    replace(status, check(table.balanced, 'Balanserar: debet = kredit', 'Balanserar inte'));
  } catch (error) {
    replace(body, errorState(error));
  }
}

async function loadReconciliation(box) {
  replace(box, loading());
  try {
    replace(box, reconciliationCard(await request('GET', '/v1/ledger/reconciliation')));
  } catch (error) {
    replace(box, card('Avstämning kundfordringar', errorState(error)));
  }
}

export function booksView(main, { query }) {
  const dateInput = h('input', { type: 'date', id: 'tb-date' });
  const target = { body: h('div', {}), status: h('div', { class: 'tb-status' }) };
  const recBox = h('div', {});
  const load = () => void loadTrialBalance({ ...target, date: dateInput.value });
  dateInput.addEventListener('change', load);
  replace(
    main,
    pageHeader({
      title: 'Bokföring',
      subtitle: 'Huvudbokens saldon och avstämning av kundfordringar.',
    }),
    recBox,
    h(
      'section',
      { class: 'card card-flush' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { class: 'card-title' }, 'Saldobalans'),
        h('label', { class: 'inline-field', for: 'tb-date' }, 'Till och med', dateInput),
        target.status,
      ),
      target.body,
    ),
  );
  const initial = query.get('date');
  void (initial ? Promise.resolve(initial) : serviceToday(todayText())).then((date) => {
    dateInput.value = date;
    load();
  });
  void loadReconciliation(recBox);
}
