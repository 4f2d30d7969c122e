/** Kunder: the customer register with search. */
import { request } from '../api.js';
import { rememberCustomer } from '../customers-cache.js';
import { h, icon, replace } from '../dom.js';
import { DELIVERY, KIND, label } from '../labels.js';
import { button, emptyState, errorState, loading, pageHeader } from '../ui.js';

const { history, location } = globalThis;

function customerRow(c) {
  const href = `#/kunder/${c.id}`;
  return h(
    'tr',
    {
      class: 'clickable',
      dataset: { id: c.id },
      onclick: (e) => {
        if (!e.target.closest('a')) location.hash = href;
      },
    },
    h('td', { class: 'col-number' }, String(c.number)),
    h(
      'td',
      {},
      h('a', { href, class: 'strong' }, c.name),
      c.email ? h('span', { class: 'sub' }, c.email) : null,
    ),
    h('td', {}, label(KIND, c.kind)),
    h(
      'td',
      { class: 'mono' },
      c.identityNumber ?? h('span', { class: 'badge badge-warning' }, 'Saknas'),
    ),
    h(
      'td',
      {},
      c.address ? `${c.address.postalCode} ${c.address.city}` : h('span', { class: 'muted' }, '–'),
    ),
    h('td', {}, label(DELIVERY, c.deliveryMethod)),
    h(
      'td',
      {},
      c.reminderFeeAgreed
        ? h('span', { class: 'yes' }, icon('check'), 'Ja')
        : h('span', { class: 'muted' }, 'Nej'),
    ),
  );
}

const header = () =>
  h(
    'thead',
    {},
    h(
      'tr',
      {},
      ['Kundnr', 'Namn', 'Typ', 'Person-/org.nr', 'Ort', 'Leverans', 'Påminnelseavgift'].map((t) =>
        h('th', { scope: 'col' }, t),
      ),
    ),
  );

function showPage(body, page, { reset, searching }) {
  if (reset && page.items.length === 0) {
    replace(
      body,
      searching
        ? emptyState('Ingen kund matchar sökningen')
        : emptyState(
            'Inga kunder ännu',
            'Lägg upp dina kunder för att kunna fakturera dem.',
            button('Ny kund', { href: '#/kunder/ny', class: 'button-primary' }, 'plus'),
          ),
    );
    return;
  }
  if (reset) {
    const table = h('table', { class: 'table', id: 'customer-table' }, header(), h('tbody', {}));
    replace(body, h('div', { class: 'table-wrap' }, table));
  }
  body.querySelector('tbody').append(...page.items.map(customerRow));
}

export function customersView(main, { query }) {
  const search = h('input', {
    type: 'search',
    id: 'customer-search',
    placeholder: 'Sök på namn, kundnummer eller org.nr',
    value: query.get('q') ?? '',
    'aria-label': 'Sök kund',
  });
  const body = h('div', {});
  const more = button('Visa fler', { hidden: true, id: 'load-more' });
  const state = { cursor: null, generation: 0 };

  async function load(reset) {
    const generation = reset ? (state.generation += 1) : state.generation;
    if (reset) {
      state.cursor = null;
      replace(body, loading());
    }
    try {
      const q = search.value.trim();
      const page = await request('GET', '/v1/customers', {
        query: { query: q, limit: 50, cursor: state.cursor ?? undefined },
      });
      if (generation !== state.generation) return;
      page.items.forEach(rememberCustomer);
      state.cursor = page.nextCursor;
      showPage(body, page, { reset, searching: q !== '' });
      more.hidden = state.cursor === null;
    } catch (error) {
      replace(body, errorState(error));
    }
  }

  let timer;
  search.addEventListener('input', () => {
    globalThis.clearTimeout(timer);
    timer = globalThis.setTimeout(() => {
      const q = search.value.trim();
      history.replaceState(null, '', q ? `#/kunder?q=${encodeURIComponent(q)}` : '#/kunder');
      void load(true);
    }, 250);
  });
  more.addEventListener('click', () => void load(false));

  replace(
    main,
    pageHeader({
      title: 'Kunder',
      subtitle: 'Kundregistret: vem du fakturerar och hur.',
      actions: [button('Ny kund', { href: '#/kunder/ny', class: 'button-primary' }, 'plus')],
    }),
    h('div', { class: 'toolbar' }, h('label', { class: 'search' }, icon('search'), search)),
    h('section', { class: 'card card-flush' }, body),
    h('div', { class: 'list-footer' }, h('span', {}), more),
  );
  void load(true);
}
