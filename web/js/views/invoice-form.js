/** Ny faktura: customer, dates and terms, rows in kronor (parsed as decimal text to öre), live totals. */
import { idempotentPoster, request, serviceToday } from '../api.js';
import { rememberCustomer } from '../customers-cache.js';
import { h, icon, replace } from '../dom.js';
import {
  addDays,
  computeTotals,
  formatOre,
  parseKronor,
  parseQuantity,
  rowNet,
  todayText,
} from '../format.js';
import { busy, field, input, select, showErrors } from '../forms.js';
import { DELIVERY, label } from '../labels.js';
import { button, card, emptyState, errorState, loading, pageHeader, toast } from '../ui.js';

const { location } = globalThis;

const TERMS = [
  ['10', '10 dagar'],
  ['15', '15 dagar'],
  ['20', '20 dagar'],
  ['30', '30 dagar'],
  ['45', '45 dagar'],
  ['60', '60 dagar'],
  ['custom', 'Eget förfallodatum'],
];
const VAT_OPTIONS = [
  ['25', '25 %'],
  ['12', '12 %'],
  ['6', '6 %'],
  ['0', '0 %'],
];

const emptyRow = () => ({ description: '', quantity: '1', unit: '', price: '', vatRate: '25' });

/** A row's parsed values, or nulls where the text is not (yet) valid. */
const parseRow = (row) => ({
  quantity: parseQuantity(row.quantity),
  unitPrice: parseKronor(row.price),
  vatRate: Number(row.vatRate),
});

/** Keeps target[key] equal to the control's value and calls onChange on every edit. */
function bindTo(target, key, control, onChange) {
  for (const type of ['input', 'change']) {
    control.addEventListener(type, () => {
      target[key] = control.value;
      onChange();
    });
  }
  return control;
}

/** The text inputs of a row: [state key, label, API field, css class, input attributes]. */
const ROW_INPUTS = [
  [
    'description',
    'Beskrivning',
    'description',
    'f-desc',
    { placeholder: 'T.ex. Konsulttimmar mars' },
  ],
  ['quantity', 'Antal', 'quantity', 'f-qty', { inputmode: 'decimal' }],
  ['unit', 'Enhet', 'unit', 'f-unit', { placeholder: 'st' }],
  ['price', 'À-pris (kr)', 'unitPrice', 'f-price', { inputmode: 'decimal', placeholder: '0,00' }],
];

function rowEditor(row, index, { onInput, onRemove, canRemove }) {
  const path = (name) => `rows.${index}.${name}`;
  const inputs = ROW_INPUTS.map(([key, text, name, className, attrs]) =>
    field({
      label: text,
      path: path(name),
      className,
      control: bindTo(row, key, input({ name: path(name), value: row[key], ...attrs }), onInput),
    }),
  );
  const vat = select(VAT_OPTIONS, { name: path('vatRate'), value: row.vatRate });
  return h(
    'div',
    { class: 'row-editor', dataset: { path: `rows.${index}`, index } },
    inputs,
    field({
      label: 'Moms',
      path: path('vatRate'),
      className: 'f-vat',
      control: bindTo(row, 'vatRate', vat, onInput),
    }),
    h(
      'div',
      { class: 'field f-amount' },
      h('span', { class: 'label' }, 'Belopp'),
      h('output', { class: 'row-amount num' }),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button row-remove',
        'aria-label': `Ta bort rad ${index + 1}`,
        disabled: !canRemove,
        onclick: onRemove,
      },
      icon('x'),
    ),
  );
}

function totalsView(rows) {
  const parsed = rows.map(parseRow).filter((r) => r.quantity && r.unitPrice !== null);
  const totals = computeTotals(
    parsed.map((r) => ({
      quantityMilli: r.quantity.milli,
      unitPrice: r.unitPrice,
      vatRate: r.vatRate,
    })),
  );
  const line = (text, amount, cls = '') =>
    h(
      'div',
      { class: `totals-line ${cls}` },
      h('span', {}, text),
      h('span', { class: 'num' }, amount),
    );
  return [
    line('Netto', formatOre(totals.net)),
    totals.vatLines.map((v) => line(`Moms ${v.vatRate} %`, formatOre(v.vat), 'sub-line')),
    line('Att betala', formatOre(totals.total), 'grand'),
  ];
}

/** Client-side checks, in the API's paths, before anything is sent. */
function validate(state, rows) {
  const issues = [];
  if (!state.customerId) issues.push({ path: 'customerId', message: 'Välj en kund' });
  if (state.terms === 'custom' && !state.dueDate)
    issues.push({ path: 'dueDate', message: 'Ange ett förfallodatum' });
  rows.forEach((row, i) => {
    const p = parseRow(row);
    if (row.description.trim() === '')
      issues.push({ path: `rows.${i}.description`, message: 'Måste fyllas i' });
    if (!p.quantity)
      issues.push({
        path: `rows.${i}.quantity`,
        message: 'Ett antal större än 0, högst tre decimaler',
      });
    if (p.unitPrice === null)
      issues.push({
        path: `rows.${i}.unitPrice`,
        message: 'Ange ett belopp i kronor, t.ex. 1 234,50',
      });
  });
  return issues;
}

function toBody(state, rows) {
  return {
    customerId: state.customerId,
    invoiceDate: state.invoiceDate,
    ...(state.terms === 'custom' ? { dueDate: state.dueDate } : { termsDays: Number(state.terms) }),
    ...(state.deliveryMethod ? { deliveryMethod: state.deliveryMethod } : {}),
    ...(state.yourReference.trim() ? { yourReference: state.yourReference.trim() } : {}),
    ...(state.ourReference.trim() ? { ourReference: state.ourReference.trim() } : {}),
    rows: rows.map((row) => {
      const p = parseRow(row);
      return {
        description: row.description.trim(),
        quantity: p.quantity.json,
        ...(row.unit.trim() ? { unit: row.unit.trim() } : {}),
        unitPrice: p.unitPrice,
        vatRate: p.vatRate,
      };
    }),
  };
}

const DELIVERY_OPTIONS = [
  ['', 'Enligt kundkortet'],
  ['email', 'E-post'],
  ['letter', 'Brev'],
  ['einvoice', 'E-faktura'],
];

/** The hints that follow the head fields: the due date, the customer's delivery method. */
function syncHead(state, customers, { termsField, dueField, deliveryField }) {
  dueField.hidden = state.terms !== 'custom';
  const customer = customers.find((c) => c.id === state.customerId);
  const due = addDays(state.invoiceDate, Number(state.terms));
  termsField.querySelector('.field-hint').textContent =
    state.terms === 'custom' ? 'Ange datum till höger' : due ? `Förfaller ${due}` : ' ';
  deliveryField.querySelector('.field-hint').textContent = customer
    ? `Kundkortet: ${label(DELIVERY, customer.deliveryMethod).toLowerCase()}`
    : ' ';
}

/** Customer, delivery, invoice date, terms or due date, references. */
function headFields(state, customers) {
  const sync = () => syncHead(state, customers, { termsField, dueField, deliveryField });
  const bound = (key, control) => bindTo(state, key, control, sync);
  const customerOptions = [
    ['', 'Välj kund…'],
    ...customers.map((c) => [c.id, `${c.name} · kundnr ${c.number}`]),
  ];
  const customerField = field({
    label: 'Kund',
    path: 'customerId',
    className: 'span-2',
    control: bound(
      'customerId',
      select(customerOptions, { name: 'customerId', value: state.customerId }),
    ),
  });
  const deliveryField = field({
    label: 'Leveranssätt',
    path: 'deliveryMethod',
    hint: ' ',
    control: bound(
      'deliveryMethod',
      select(DELIVERY_OPTIONS, { name: 'deliveryMethod', value: '' }),
    ),
  });
  const dateField = field({
    label: 'Fakturadatum',
    path: 'invoiceDate',
    control: bound(
      'invoiceDate',
      input({ type: 'date', name: 'invoiceDate', value: state.invoiceDate }),
    ),
  });
  const termsField = field({
    label: 'Betalningsvillkor',
    path: 'termsDays',
    hint: ' ',
    control: bound('terms', select(TERMS, { name: 'terms', value: state.terms })),
  });
  const dueField = field({
    label: 'Förfallodatum',
    path: 'dueDate',
    control: bound('dueDate', input({ type: 'date', name: 'dueDate', value: state.dueDate })),
  });
  const references = [
    ['Er referens', 'yourReference'],
    ['Vår referens', 'ourReference'],
  ].map(([text, path]) =>
    field({ label: text, path, control: bound(path, input({ name: path, maxlength: 100 })) }),
  );
  sync();
  return h(
    'div',
    { class: 'form-grid form-grid-3' },
    customerField,
    deliveryField,
    dateField,
    termsField,
    dueField,
    references,
  );
}

/** The rows editor with each row's amount and the live totals below. */
function rowsSection(rows) {
  const rowsBox = h('div', { class: 'rows-editor', dataset: { path: 'rows' } });
  const totalsBox = h('div', { class: 'totals', id: 'live-totals', 'aria-live': 'polite' });
  const recompute = () => {
    rowsBox.querySelectorAll('.row-editor').forEach((el, i) => {
      const p = parseRow(rows[i]);
      el.querySelector('.row-amount').textContent =
        p.quantity && p.unitPrice !== null ? formatOre(rowNet(p.quantity.milli, p.unitPrice)) : '–';
    });
    replace(totalsBox, totalsView(rows));
  };
  const renderRows = () => {
    const remove = (index) => () => {
      rows.splice(index, 1);
      renderRows();
    };
    replace(
      rowsBox,
      rows.map((row, index) =>
        rowEditor(row, index, {
          onInput: recompute,
          canRemove: rows.length > 1,
          onRemove: remove(index),
        }),
      ),
    );
    recompute();
  };
  const addRow = () => {
    rows.push(emptyRow());
    renderRows();
    rowsBox.querySelector('.row-editor:last-child input')?.focus();
  };
  renderRows();
  return [
    rowsBox,
    button('Lägg till rad', { class: 'button-ghost', id: 'add-row', onclick: addRow }, 'plus'),
    h('div', { class: 'totals-wrap' }, totalsBox),
  ];
}

function submitInvoice(form, state, rows, post) {
  const issues = validate(state, rows);
  if (issues.length) {
    showErrors(form, { errors: issues });
    return;
  }
  void busy(form, async () => {
    try {
      const invoice = await post(toBody(state, rows));
      toast('Fakturan är sparad som utkast');
      location.hash = `#/fakturor/${invoice.id}`;
    } catch (error) {
      showErrors(form, error);
    }
  });
}

function renderForm(main, customers, query, today) {
  const state = {
    customerId: query.get('customerId') ?? '',
    invoiceDate: today,
    terms: '30',
    dueDate: '',
    deliveryMethod: '',
    yourReference: '',
    ourReference: '',
  };
  const rows = [emptyRow()];
  const post = idempotentPoster('/v1/invoices');
  const form = h(
    'form',
    { class: 'invoice-form', novalidate: true },
    card('Kund och villkor', headFields(state, customers)),
    card('Rader', rowsSection(rows)),
    h(
      'div',
      { class: 'form-actions' },
      button('Avbryt', { href: '#/fakturor', class: 'button-ghost' }),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Spara utkast'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitInvoice(form, state, rows, post);
  });
  replace(
    main,
    pageHeader({
      title: 'Ny faktura',
      subtitle: 'Sparas som utkast. Du skickar den från fakturasidan.',
      back: { href: '#/fakturor', text: 'Fakturor' },
    }),
    form,
  );
}

export function invoiceFormView(main, { query }) {
  replace(main, loading());
  Promise.all([
    request('GET', '/v1/customers', { query: { limit: 500 } }),
    serviceToday(todayText()),
  ])
    .then(([page, today]) => {
      page.items.forEach(rememberCustomer);
      const customers = [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
      if (customers.length === 0) {
        replace(
          main,
          pageHeader({ title: 'Ny faktura', back: { href: '#/fakturor', text: 'Fakturor' } }),
          emptyState(
            'Lägg först upp en kund',
            'En faktura skickas alltid till en kund i kundregistret.',
            button('Ny kund', { href: '#/kunder/ny', class: 'button-primary' }, 'plus'),
          ),
        );
        return;
      }
      renderForm(main, customers, query, today);
    })
    .catch((error) => replace(main, errorState(error)));
}
