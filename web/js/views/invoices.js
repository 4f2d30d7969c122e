/** Fakturor: the invoice list with status and overdue filters and cursor paging. */
import { request, serviceToday } from '../api.js';
import { customersById } from '../customers-cache.js';
import { h, replace } from '../dom.js';
import { formatOre, todayText } from '../format.js';
import {
  button,
  emptyState,
  errorState,
  loading,
  pageHeader,
  stageBadge,
  statusBadge,
} from '../ui.js';

const { history, location } = globalThis;

const STATUS_FILTERS = [
  ['', 'Alla'],
  ['draft', 'Utkast'],
  ['sent', 'Skickade'],
  ['paid', 'Betalda'],
  ['credited', 'Krediterade'],
  ['closed', 'Avslutade'],
];

const PAGE_SIZE = 25;

const isOverdue = (invoice, today) =>
  invoice.status === 'sent' && invoice.balance.total > 0 && invoice.dueDate < today;

function invoiceRow(invoice, customers, today) {
  const href = `#/fakturor/${invoice.id}`;
  const customer = customers.get(invoice.customerId);
  const overdue = isOverdue(invoice, today);
  return h(
    'tr',
    {
      class: 'clickable',
      dataset: { id: invoice.id },
      onclick: (event) => {
        if (!event.target.closest('a')) location.hash = href;
      },
    },
    h(
      'td',
      { class: 'col-number' },
      h('a', { href }, invoice.number === null ? 'Utkast' : String(invoice.number)),
    ),
    h(
      'td',
      { class: 'col-customer' },
      h('span', { class: 'strong' }, customer?.name ?? 'Okänd kund'),
      customer?.number ? h('span', { class: 'sub' }, `Kundnr ${customer.number}`) : null,
    ),
    h('td', { class: 'col-date' }, invoice.invoiceDate),
    h(
      'td',
      { class: `col-date${overdue ? ' overdue' : ''}` },
      invoice.dueDate,
      overdue ? h('span', { class: 'sub overdue-label' }, 'Förfallen') : null,
    ),
    h(
      'td',
      {},
      statusBadge(invoice.status),
      invoice.disputed ? h('span', { class: 'badge badge-warning' }, 'Bestriden') : null,
    ),
    h('td', {}, stageBadge(invoice.stage)),
    h('td', { class: 'num' }, formatOre(invoice.total)),
    h(
      'td',
      { class: `num strong${invoice.balance.total === 0 ? ' muted' : ''}` },
      formatOre(invoice.balance.total),
    ),
  );
}

function table() {
  return h(
    'table',
    { class: 'table', id: 'invoice-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Nr'),
        h('th', { scope: 'col' }, 'Kund'),
        h('th', { scope: 'col' }, 'Datum'),
        h('th', { scope: 'col' }, 'Förfaller'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Steg'),
        h('th', { scope: 'col', class: 'num' }, 'Belopp'),
        h('th', { scope: 'col', class: 'num' }, 'Restbelopp'),
      ),
    ),
    h('tbody', {}),
  );
}

function filterBar(filters, onChange) {
  const tabs = h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': 'Status' },
    STATUS_FILTERS.map(([value, text]) =>
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': String(filters.status === value),
          dataset: { status: value },
          onclick: () => onChange({ ...filters, status: value }),
        },
        text,
      ),
    ),
  );
  const overdue = h('input', {
    type: 'checkbox',
    id: 'filter-overdue',
    checked: filters.overdue,
    onchange: (event) => onChange({ ...filters, overdue: event.target.checked }),
  });
  return h(
    'div',
    { class: 'toolbar' },
    tabs,
    h(
      'label',
      { class: 'toggle', for: 'filter-overdue' },
      overdue,
      h('span', {}, 'Endast förfallna'),
    ),
  );
}

function filterHash(filters) {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.customerId) params.set('customerId', filters.customerId);
  const text = params.toString();
  return `#/fakturor${text ? `?${text}` : ''}`;
}

function emptyInvoices(filters) {
  const filtered = filters.status || filters.overdue || filters.customerId;
  if (filtered) return emptyState('Inga fakturor matchar urvalet', 'Prova ett annat filter.');
  return emptyState(
    'Inga fakturor ännu',
    'Skapa din första faktura – den sparas som utkast tills du skickar den.',
    button('Ny faktura', { href: '#/fakturor/ny', class: 'button-primary' }, 'plus'),
  );
}

function summaryText(state) {
  if (state.items.length === 0) return '';
  const open = state.items.reduce((sum, i) => sum + BigInt(i.balance.total), 0n);
  const more = state.cursor ? ' (fler finns)' : '';
  return `${state.items.length} fakturor visas${more} · restbelopp totalt ${formatOre(open)}`;
}

function listLayout(filters, { bar, body, summary, more }) {
  return [
    pageHeader({
      title: 'Fakturor',
      subtitle: 'Alla kundfakturor, från utkast till betalning.',
      actions: [button('Ny faktura', { href: '#/fakturor/ny', class: 'button-primary' }, 'plus')],
    }),
    filters.customerId
      ? h(
          'p',
          { class: 'filter-note' },
          'Visar en kunds fakturor. ',
          h('a', { href: '#/fakturor' }, 'Visa alla'),
        )
      : null,
    bar,
    h('section', { class: 'card card-flush' }, body),
    h('div', { class: 'list-footer' }, summary, more),
  ];
}

export function invoicesView(main, { query }) {
  const filters = {
    status: query.get('status') ?? '',
    overdue: query.get('overdue') === 'true',
    customerId: query.get('customerId') ?? '',
  };
  const state = { cursor: null, items: [], generation: 0 };
  const body = h('div', {});
  const summary = h('p', { class: 'list-summary', 'aria-live': 'polite' });
  const more = button('Visa fler', { class: 'button-secondary', id: 'load-more', hidden: true });
  const bar = h('div', {});

  const setFilters = (next) => {
    Object.assign(filters, next);
    history.replaceState(null, '', filterHash(filters));
    replace(bar, filterBar(filters, setFilters));
    void load(true);
  };

  async function load(reset) {
    const generation = reset ? (state.generation += 1) : state.generation;
    if (reset) {
      Object.assign(state, { cursor: null, items: [] });
      replace(body, loading());
    }
    more.disabled = true;
    try {
      const page = await request('GET', '/v1/invoices', {
        query: {
          status: filters.status,
          overdue: filters.overdue ? 'true' : undefined,
          customerId: filters.customerId,
          limit: PAGE_SIZE,
          cursor: state.cursor ?? undefined,
        },
      });
      const customers = await customersById(page.items.map((i) => i.customerId));
      const today = await serviceToday(todayText(), page.items[0]?.id);
      if (generation !== state.generation) return;
      state.items.push(...page.items);
      state.cursor = page.nextCursor;
      if (state.items.length === 0) replace(body, emptyInvoices(filters));
      else {
        if (reset) replace(body, h('div', { class: 'table-wrap' }, table()));
        body
          .querySelector('tbody')
          .append(...page.items.map((i) => invoiceRow(i, customers, today)));
      }
      more.hidden = state.cursor === null;
      summary.textContent = summaryText(state);
    } catch (error) {
      replace(body, errorState(error));
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener('click', () => void load(false));
  replace(bar, filterBar(filters, setFilters));
  replace(main, listLayout(filters, { bar, body, summary, more }));
  void load(true);
}
