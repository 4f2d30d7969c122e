/** The credit dialog: the whole invoice, or chosen rows with the quantity to credit. */
import { ApiError, idempotentPoster } from '../api.js';
import { h, nextId } from '../dom.js';
import { computeTotals, formatOre, formatQuantity, parseQuantity } from '../format.js';
import { busy, clearErrors, field, input, showErrors } from '../forms.js';
import { openDialog, toast } from '../ui.js';

function rowChooser(invoice, onChange) {
  return invoice.rows.map((row, index) => {
    const check = h('input', {
      type: 'checkbox',
      class: 'credit-check',
      dataset: { index },
      onchange: onChange,
    });
    const quantity = input({
      class: 'input-quantity',
      inputmode: 'decimal',
      value: formatQuantity(row.quantity),
      'aria-label': `Antal att kreditera, ${row.description}`,
      oninput: onChange,
    });
    const checkId = nextId('credit-row');
    check.id = checkId;
    return h(
      'div',
      { class: 'credit-row', dataset: { path: `rows.${index}` } },
      h(
        'label',
        { for: checkId, class: 'credit-row-label' },
        check,
        h(
          'span',
          {},
          h('strong', {}, row.description),
          h(
            'span',
            { class: 'muted small' },
            `${formatQuantity(row.quantity)} × ${formatOre(row.unitPrice)} · moms ${row.vatRate} %`,
          ),
        ),
      ),
      field({
        label: 'Antal',
        path: `rows.${index}.quantity`,
        control: quantity,
        className: 'field-inline',
      }),
    );
  });
}

/** The rows to credit as the API wants them, plus index map and client-side issues. */
function chosenRows(invoice, form) {
  const rows = [];
  const indexes = [];
  const issues = [];
  for (const el of form.querySelectorAll('.credit-row')) {
    const index = Number(el.querySelector('.credit-check').dataset.index);
    if (!el.querySelector('.credit-check').checked) continue;
    const source = invoice.rows[index];
    const quantity = parseQuantity(el.querySelector('.input-quantity').value);
    if (quantity === null) {
      issues.push({
        path: `rows.${index}.quantity`,
        message: 'Ange ett antal större än 0, högst tre decimaler',
      });
      continue;
    }
    indexes.push(index);
    rows.push({
      description: source.description,
      quantity: quantity.json,
      ...(source.unit ? { unit: source.unit } : {}),
      unitPrice: source.unitPrice,
      vatRate: source.vatRate,
      milli: quantity.milli,
    });
  }
  return { rows, indexes, issues };
}

const choice = (radio, title, text) =>
  h(
    'label',
    { class: 'choice' },
    radio,
    h('span', {}, h('strong', {}, title), h('span', { class: 'muted small' }, text)),
  );

/** The request body for the chosen mode, or null after showing what is missing. */
function creditRequest(invoice, form, whole) {
  if (whole) return { body: {}, indexes: [] };
  const chosen = chosenRows(invoice, form);
  if (chosen.issues.length || chosen.rows.length === 0) {
    const errors = chosen.issues.length
      ? chosen.issues
      : [{ path: 'rows', message: 'Välj minst en rad' }];
    showErrors(form, { errors });
    return null;
  }
  return {
    body: { rows: chosen.rows.map(({ milli: _milli, ...row }) => row) },
    indexes: chosen.indexes,
  };
}

/** The server numbers the rows we sent; show each issue at the invoice row it came from. */
function renumberIssues(error, indexes) {
  if (!(error instanceof ApiError)) return error;
  error.errors = error.errors.map((issue) => ({
    ...issue,
    path: String(issue.path).replace(/^rows\.(\d+)/, (_m, k) => `rows.${indexes[Number(k)] ?? k}`),
  }));
  return error;
}

function creditSummary(invoice, form, whole) {
  if (whole) return `Krediteras: ${formatOre(invoice.total)} inkl. moms`;
  const { rows } = chosenRows(invoice, form);
  const totals = computeTotals(
    rows.map((r) => ({ quantityMilli: r.milli, unitPrice: r.unitPrice, vatRate: r.vatRate })),
  );
  return rows.length
    ? `Krediteras: ${formatOre(totals.total)} inkl. moms (${formatOre(totals.vat)} moms)`
    : 'Välj rader att kreditera.';
}

export function openCreditDialog(invoice, reload) {
  const wholeAllowed = invoice.credited === 0 && invoice.balance.principal === invoice.total;
  const radio = (value) =>
    h('input', {
      type: 'radio',
      name: 'creditMode',
      value,
      checked: value === (wholeAllowed ? 'whole' : 'rows'),
      disabled: value === 'whole' && !wholeAllowed,
      onchange: () => update(),
    });
  const wholeRadio = radio('whole');
  const sum = h('p', { class: 'credit-sum', 'aria-live': 'polite' });
  const rowsBox = h('div', { class: 'credit-rows', dataset: { path: 'rows' } });
  const post = idempotentPoster(`/v1/invoices/${invoice.id}/credit`);

  const submit = (close, form) => {
    clearErrors(form);
    const credit = creditRequest(invoice, form, wholeRadio.checked);
    if (credit === null) return;
    void busy(form, async () => {
      try {
        const { creditNote } = await post(credit.body);
        close();
        toast(`Kreditfaktura ${creditNote.number} utfärdad (${formatOre(creditNote.total)})`);
        reload();
      } catch (error) {
        showErrors(form, renumberIssues(error, credit.indexes));
      }
    });
  };

  const { form } = openDialog({
    title: `Kreditera ${invoice.number === null ? 'fakturan' : `faktura ${invoice.number}`}`,
    className: 'dialog-wide',
    body: [
      h(
        'fieldset',
        { class: 'choice-group' },
        h('legend', {}, 'Vad ska krediteras?'),
        choice(
          wholeRadio,
          'Hela fakturan',
          wholeAllowed
            ? 'En kreditfaktura på hela beloppet. Fakturan avslutas.'
            : 'Inte möjligt: fakturan är redan delvis krediterad eller betald.',
        ),
        choice(radio('rows'), 'Valda rader', 'Kreditera hela eller delar av enskilda rader.'),
      ),
      rowsBox,
      sum,
    ],
    actions: [
      { text: 'Avbryt', onClick: (close) => close() },
      { text: 'Kreditera', kind: 'danger', submit: true, onClick: submit },
    ],
  });
  function update() {
    rowsBox.hidden = wholeRadio.checked;
    sum.textContent = creditSummary(invoice, form, wholeRadio.checked);
  }
  rowsBox.append(...rowChooser(invoice, update));
  update();
}
