/**
 * Klienter (operator): create a client company and show its API key once; find clients
 * (client-list.js) and set a client's operator fees (fee-schedule.js).
 */
import { idempotentPoster, resetServiceToday, setSession } from '../api.js';
import { resetCustomers } from '../customers-cache.js';
import { h, icon, replace } from '../dom.js';
import { busy, clearErrors, showErrors, textField } from '../forms.js';
import { card, pageHeader, toast } from '../ui.js';
import { clientListCard } from './client-list.js';
import { feeScheduleCard } from './fee-schedule.js';

const { location, navigator } = globalThis;

/** Tenants created in this tab (the API has no list for them). */
const created = [];

function readForm(form) {
  const value = (name) => (form.elements.namedItem(name)?.value ?? '').trim();
  const address = ['street', 'postalCode', 'city'].map((k) => value(`address.${k}`));
  return {
    name: value('name'),
    organisationNumber: value('organisationNumber'),
    email: value('email'),
    ...(value('bankgiro') ? { bankgiro: value('bankgiro') } : {}),
    ...(value('payoutAccount') ? { payoutAccount: value('payoutAccount') } : {}),
    ...(address.some((x) => x !== '')
      ? { address: { street: address[0], postalCode: address[1], city: address[2], country: 'SE' } }
      : {}),
  };
}

function keyPanel(tenant) {
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'button button-secondary',
      onclick: () =>
        navigator.clipboard
          ?.writeText(tenant.apiKey)
          .then(() => toast('Nyckeln är kopierad'))
          .catch(() => toast('Markera och kopiera nyckeln manuellt', 'error')),
    },
    icon('copy'),
    'Kopiera',
  );
  return h(
    'section',
    { class: 'card key-panel', id: 'new-api-key', role: 'status' },
    h('h2', { class: 'card-title' }, icon('key'), `API-nyckel för ${tenant.name}`),
    h(
      'p',
      {},
      'Nyckeln visas bara den här gången. Lämna den säkert till klienten; Reskontra sparar bara ett kontrollvärde av den.',
    ),
    h('div', { class: 'key-box' }, h('code', { class: 'api-key' }, tenant.apiKey), copy),
    h('p', { class: 'muted small' }, `Klient-ID ${tenant.id} · klientnummer ${tenant.number}`),
    h(
      'button',
      { type: 'button', class: 'link-button', onclick: () => signInAs(tenant) },
      `Logga in som ${tenant.name} →`,
    ),
  );
}

/** Continues as the new client (e.g. to set it up); the operator signs in again afterwards. */
function signInAs(tenant) {
  setSession({
    key: tenant.apiKey,
    kind: 'tenant',
    tenantId: tenant.id,
    tenantName: tenant.name,
    organisationNumber: tenant.organisationNumber,
  });
  resetCustomers();
  resetServiceToday();
  location.hash = '#/fakturor';
}

function createdList() {
  if (created.length === 0) return null;
  return card(
    'Skapade i den här sessionen',
    h(
      'ul',
      { class: 'plain-list' },
      created.map((t) =>
        h(
          'li',
          {},
          h('strong', {}, t.name),
          h('span', { class: 'muted small' }, ` · ${t.organisationNumber} · ${t.email}`),
        ),
      ),
    ),
  );
}

const tenantFields = () =>
  h(
    'div',
    { class: 'form-grid' },
    textField({ label: 'Företagsnamn', path: 'name', className: 'span-2', required: true }),
    textField({
      label: 'Organisationsnummer',
      path: 'organisationNumber',
      placeholder: 'NNNNNN-NNNN',
    }),
    textField({ label: 'E-post', path: 'email', type: 'email' }),
    textField({
      label: 'Bankgiro',
      path: 'bankgiro',
      placeholder: 'NNNN-NNNN',
      hint: 'Där kunderna betalar; visas på fakturan.',
    }),
    textField({
      label: 'Utbetalningskonto',
      path: 'payoutAccount',
      hint: 'Dit inbetalda pengar betalas ut.',
    }),
    textField({
      label: 'Gatuadress',
      path: 'address.street',
      className: 'span-2',
      hint: 'Klientens postadress står på varje faktura och krävs för att skicka.',
    }),
    textField({ label: 'Postnummer', path: 'address.postalCode' }),
    textField({ label: 'Ort', path: 'address.city' }),
  );

export function tenantsView(main) {
  const result = h('div', {});
  const post = idempotentPoster('/v1/tenants');
  const fees = feeScheduleCard(created[0]?.id ?? '');
  // Choosing a client in the list opens its fee schedule below.
  const clients = clientListCard((tenant) => {
    fees.querySelector('[name="tenantId"]').value = tenant.id;
    fees.querySelector('[name="load"]').click();
    fees.scrollIntoView({ block: 'start' });
  });
  const form = h(
    'form',
    { class: 'tenant-form', novalidate: true },
    card(
      'Ny klient',
      tenantFields(),
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button button-primary' }, 'Skapa klient'),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        const tenant = await post(readForm(form));
        const { id, name, organisationNumber, email } = tenant;
        created.unshift({ id, name, organisationNumber, email });
        fees.querySelector('[name="tenantId"]').value = id;
        form.reset();
        clearErrors(form);
        replace(result, keyPanel(tenant), createdList());
        result.scrollIntoView({ block: 'start' });
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  replace(
    main,
    pageHeader({
      title: 'Klienter',
      subtitle: 'Företag som använder Reskontra. Varje klient får en egen API-nyckel.',
    }),
    h('div', { class: 'narrow' }, result, form, clients, fees),
  );
  if (created.length) replace(result, createdList());
}
