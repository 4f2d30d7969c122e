/** Ny kund / Redigera kund: person or company, identity number, e-mail, address, delivery, fee agreement. */
import { idempotentPoster, request } from '../api.js';
import { rememberCustomer } from '../customers-cache.js';
import { h, replace } from '../dom.js';
import { busy, field, select, showErrors, textField } from '../forms.js';
import { button, card, errorState, loading, pageHeader, toast } from '../ui.js';

const { location } = globalThis;

const ID_LABEL = { person: 'Personnummer', company: 'Organisationsnummer' };
const ID_HINT = {
  person: 'ÅÅÅÅMMDD-NNNN. Behövs för inkassokrav; samordningsnummer går också bra.',
  company: 'NNNNNN-NNNN. Behövs för inkassokrav.',
};

const blank = (text) => String(text ?? '').trim() === '';
const orNull = (text) => (blank(text) ? null : String(text).trim());

function readForm(form, isNew) {
  const value = (name) => form.elements.namedItem(name)?.value ?? '';
  const address = ['street', 'postalCode', 'city'].map((k) => value(`address.${k}`));
  const delivery = value('deliveryMethod');
  return {
    name: value('name').trim(),
    kind: form.querySelector('input[name="kind"]:checked')?.value ?? 'company',
    identityNumber: orNull(value('identityNumber')),
    email: orNull(value('email')),
    address: address.every(blank)
      ? null
      : {
          street: address[0].trim(),
          postalCode: address[1].trim(),
          city: address[2].trim(),
          country: (value('address.country').trim() || 'SE').toUpperCase(),
        },
    ...(delivery || !isNew ? { deliveryMethod: delivery } : {}),
    peppolId: orNull(value('peppolId')),
    language: value('language') || 'sv',
    reminderFeeAgreed: form.elements.namedItem('reminderFeeAgreed').checked,
  };
}

function kindChooser(current, onChange) {
  const option = (value, text) =>
    h(
      'label',
      { class: 'segment-option' },
      h('input', {
        type: 'radio',
        name: 'kind',
        value,
        checked: current === value,
        onchange: () => onChange(value),
      }),
      h('span', {}, text),
    );
  return h(
    'fieldset',
    { class: 'field segmented-field', dataset: { path: 'kind' } },
    h('legend', {}, 'Kundtyp'),
    h(
      'div',
      { class: 'segmented segmented-radio' },
      option('company', 'Företag'),
      option('person', 'Privatperson'),
    ),
    h('p', { class: 'field-error' }),
  );
}

function detailsCard(c) {
  const idField = textField({
    label: ID_LABEL[c.kind],
    path: 'identityNumber',
    value: c.identityNumber,
    hint: ID_HINT[c.kind],
  });
  const setKind = (kind) => {
    idField.querySelector('label').textContent = ID_LABEL[kind];
    idField.querySelector('.field-hint').textContent = ID_HINT[kind];
  };
  return card(
    'Kunduppgifter',
    h(
      'div',
      { class: 'form-grid' },
      h('div', { class: 'span-2' }, kindChooser(c.kind, setKind)),
      textField({
        label: 'Namn',
        path: 'name',
        value: c.name,
        className: 'span-2',
        required: true,
      }),
      idField,
      textField({
        label: 'E-post',
        path: 'email',
        value: c.email,
        type: 'email',
        autocomplete: 'email',
        hint: 'Fakturor och aviseringar kan skickas hit.',
      }),
    ),
  );
}

function addressCard(address) {
  return card(
    'Postadress',
    h(
      'div',
      { class: 'form-grid form-grid-address' },
      textField({
        label: 'Gatuadress',
        path: 'address.street',
        value: address?.street,
        className: 'span-2',
        autocomplete: 'street-address',
      }),
      textField({
        label: 'Postnummer',
        path: 'address.postalCode',
        value: address?.postalCode,
        inputmode: 'numeric',
        autocomplete: 'postal-code',
        placeholder: '123 45',
      }),
      textField({
        label: 'Ort',
        path: 'address.city',
        value: address?.city,
        autocomplete: 'address-level2',
      }),
      textField({
        label: 'Land',
        path: 'address.country',
        value: address?.country ?? 'SE',
        maxlength: 2,
        class: 'input-short',
      }),
    ),
  );
}

const feeCheckbox = (agreed) =>
  h(
    'div',
    { class: 'field span-2 checkbox-field', dataset: { path: 'reminderFeeAgreed' } },
    h(
      'label',
      { class: 'check', for: 'reminderFeeAgreed' },
      h('input', {
        type: 'checkbox',
        name: 'reminderFeeAgreed',
        id: 'reminderFeeAgreed',
        checked: Boolean(agreed),
      }),
      h(
        'span',
        {},
        h('strong', {}, 'Påminnelseavgift avtalad'),
        h(
          'span',
          { class: 'field-hint' },
          'Kunden har godkänt en påminnelseavgift senast när skulden uppstod (lag 1981:739). Annars tas ingen avgift ut.',
        ),
      ),
    ),
    h('p', { class: 'field-error' }),
  );

function deliveryCard(c, isNew) {
  const peppolField = textField({
    label: 'Peppol-ID',
    path: 'peppolId',
    value: c.peppolId,
    placeholder: '0007:5560360793',
    hint: 'Mottagarens adress i Peppol-nätverket, för e-faktura.',
  });
  const delivery = select(
    [
      ...(isNew ? [['', 'Automatiskt – e-post om e-postadress finns, annars brev']] : []),
      ['email', 'E-post'],
      ['letter', 'Brev'],
      ['einvoice', 'E-faktura (Peppol)'],
    ],
    { name: 'deliveryMethod', value: isNew ? '' : c.deliveryMethod },
  );
  const syncPeppol = () => {
    peppolField.hidden = delivery.value !== 'einvoice' && blank(c.peppolId);
  };
  delivery.addEventListener('change', syncPeppol);
  syncPeppol();
  const languages = [
    ['sv', 'Svenska'],
    ['en', 'Engelska'],
  ];
  return card(
    'Utskick och villkor',
    h(
      'div',
      { class: 'form-grid' },
      field({ label: 'Leveranssätt', path: 'deliveryMethod', control: delivery }),
      field({
        label: 'Språk på fakturan',
        path: 'language',
        control: select(languages, { name: 'language', value: c.language ?? 'sv' }),
      }),
      peppolField,
      feeCheckbox(c.reminderFeeAgreed),
    ),
  );
}

const formFields = (c, isNew) => [detailsCard(c), addressCard(c.address), deliveryCard(c, isNew)];

function renderForm(main, customer) {
  const isNew = customer === null;
  const c = customer ?? { kind: 'company' };
  const post = idempotentPoster('/v1/customers');
  const form = h(
    'form',
    { class: 'customer-form', novalidate: true },
    formFields(c, isNew),
    h(
      'div',
      { class: 'form-actions' },
      button('Avbryt', { href: '#/kunder', class: 'button-ghost' }),
      h(
        'button',
        { type: 'submit', class: 'button button-primary' },
        isNew ? 'Spara kund' : 'Spara ändringar',
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = readForm(form, isNew);
    if (body.name === '') {
      showErrors(form, { errors: [{ path: 'name', message: 'Måste fyllas i' }] });
      return;
    }
    void busy(form, async () => {
      try {
        const saved = isNew
          ? await post(body)
          : await request('PATCH', `/v1/customers/${customer.id}`, { body });
        rememberCustomer(saved);
        toast(isNew ? `Kund ${saved.number} ${saved.name} är sparad` : 'Ändringarna är sparade');
        location.hash = isNew ? '#/kunder' : `#/kunder/${saved.id}`;
        if (!isNew) renderForm(main, saved);
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  replace(
    main,
    pageHeader({
      title: isNew ? 'Ny kund' : customer.name,
      subtitle: isNew ? 'Lägg upp en kund att fakturera.' : `Kundnummer ${customer.number}`,
      back: { href: '#/kunder', text: 'Kunder' },
      actions: isNew
        ? []
        : [
            button('Visa fakturor', { href: `#/fakturor?customerId=${customer.id}` }),
            button(
              'Ny faktura',
              { href: `#/fakturor/ny?customerId=${customer.id}`, class: 'button-primary' },
              'plus',
            ),
          ],
    }),
    form,
  );
}

export function customerFormView(main, { params }) {
  const [id] = params;
  if (!id) {
    renderForm(main, null);
    return;
  }
  replace(main, loading());
  request('GET', `/v1/customers/${id}`)
    .then((customer) => renderForm(main, customer))
    .catch((error) =>
      replace(
        main,
        pageHeader({ title: 'Kund', back: { href: '#/kunder', text: 'Kunder' } }),
        errorState(error),
      ),
    );
}
