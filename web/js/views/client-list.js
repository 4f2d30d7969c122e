/**
 * Alla klienter (operator, on Klienter): GET /v1/tenants, searched by name, organisation number
 * or client number, 50 at a time. Choosing a client opens its fee schedule in the card below.
 */
import { request } from '../api.js';
import { h, replace } from '../dom.js';
import { busy, showErrors, textField } from '../forms.js';
import { card } from '../ui.js';

/** onChoose(tenant): what "Serviceavgifter" on a row does. */
export function clientListCard(onChoose) {
  const list = h('ul', { class: 'plain-list', id: 'client-list' });
  const more = h(
    'button',
    { type: 'button', class: 'button button-secondary', hidden: true },
    'Visa fler',
  );
  const form = h(
    'form',
    { class: 'client-search', role: 'search', novalidate: true },
    textField({
      label: 'Sök klient',
      path: 'query',
      placeholder: 'Namn, organisationsnummer eller klientnummer',
    }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Sök')),
  );
  let cursor = null;

  const row = (t) =>
    h(
      'li',
      { dataset: { tenantId: t.id } },
      h('strong', {}, t.name),
      h('span', { class: 'muted small' }, ` · ${t.organisationNumber} · klient ${t.number} `),
      h(
        'button',
        { type: 'button', class: 'button button-small', onclick: () => onChoose(t) },
        'Serviceavgifter',
      ),
    );

  async function load(append) {
    const query = form.elements.namedItem('query').value.trim();
    const page = await request('GET', '/v1/tenants', {
      query: { query, limit: 50, cursor: append ? cursor : undefined },
    });
    cursor = page.nextCursor;
    more.hidden = cursor === null;
    const rows = page.items.map(row);
    if (append) list.append(...rows);
    else if (rows.length === 0)
      replace(list, h('li', { class: 'muted' }, 'Inga klienter hittades'));
    else replace(list, ...rows);
  }

  const run = (append) =>
    busy(form, async () => {
      try {
        await load(append);
      } catch (error) {
        showErrors(form, error);
      }
    });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(false);
  });
  more.addEventListener('click', () => void run(true));
  void run(false);
  return card('Alla klienter', form, list, more);
}
