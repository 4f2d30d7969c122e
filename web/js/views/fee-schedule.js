/**
 * Serviceavgifter (operator, on Klienter): a client's operator fee schedule, read with
 * GET and set with PUT /v1/operator/tenants/{id}/fees. Prices in kronor excl. VAT, the share in
 * percent; the server checks the limits and names the field.
 */
import { request } from '../api.js';
import { h } from '../dom.js';
import { busy, clearErrors, showErrors, textField } from '../forms.js';
import { oreToInput, parseKronor } from '../format.js';
import { card, toast } from '../ui.js';

const PRICES = [
  ['perInvoice', 'Per faktura (kr)'],
  ['perReminder', 'Per påminnelse (kr)'],
  ['perCollectionDemand', 'Per inkassokrav (kr)'],
];

/** "2,5" / "100" → basis points (250, 10000); null unless 0–100 with at most two decimals. */
export function parsePercent(text) {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(String(text).replace(/[\s%]/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const percentInput = (bp) => String(bp / 100).replace('.', ',');

function readForm(form) {
  const value = (name) => form.elements.namedItem(name).value.trim();
  const body = {};
  const errors = [];
  for (const [path] of PRICES) {
    const ore = parseKronor(value(path) || '0');
    if (ore === null) errors.push({ path, message: 'Ange ett belopp i kronor, t.ex. 5,00' });
    body[path] = ore;
  }
  const share = parsePercent(value('collectedShareBasisPoints') || '0');
  if (share === null) {
    errors.push({ path: 'collectedShareBasisPoints', message: 'Ange procent, t.ex. 2,5' });
  }
  body.collectedShareBasisPoints = share;
  return { tenantId: value('tenantId'), body, errors };
}

function fill(form, fees) {
  for (const [path] of PRICES) form.elements.namedItem(path).value = oreToInput(fees[path]);
  form.elements.namedItem('collectedShareBasisPoints').value = percentInput(
    fees.collectedShareBasisPoints,
  );
}

/** tenantId: the client to start with (the one just created), if any. */
export function feeScheduleCard(tenantId = '') {
  const form = h(
    'form',
    { class: 'fee-form', novalidate: true, id: 'fee-schedule-form' },
    h(
      'p',
      { class: 'muted small card-lead' },
      'Dras från klientens utbetalning, plus 25 % moms. Ändringar gäller från nästa utbetalning.',
    ),
    h(
      'div',
      { class: 'form-grid' },
      textField({ label: 'Klient-ID', path: 'tenantId', className: 'span-2', value: tenantId }),
      ...PRICES.map(([path, label]) => textField({ label, path, inputmode: 'decimal' })),
      textField({
        label: 'Andel av inbetalt (%)',
        path: 'collectedShareBasisPoints',
        inputmode: 'decimal',
      }),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'button', class: 'button button-secondary', name: 'load' }, 'Hämta'),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Spara avgifter'),
    ),
  );
  const path = (id) => `/v1/operator/tenants/${encodeURIComponent(id)}/fees`;
  form.elements.namedItem('load').addEventListener('click', () => {
    const { tenantId: id } = readForm(form);
    void busy(form, async () => {
      try {
        fill(form, await request('GET', path(id)));
        clearErrors(form);
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { tenantId: id, body, errors } = readForm(form);
    if (errors.length) {
      showErrors(form, { errors });
      return;
    }
    void busy(form, async () => {
      try {
        fill(form, await request('PUT', path(id), { body }));
        clearErrors(form);
        toast('Serviceavgifterna är sparade');
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  return card('Serviceavgifter', form);
}
