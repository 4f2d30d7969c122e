/** The queue of payments that found no invoice: suggestions and matching by hand. */
import { request } from '../api.js';
import { h, replace } from '../dom.js';
import { busy, showErrors, select } from '../forms.js';
import { formatOre } from '../format.js';
import { label, PAYMENT_KIND } from '../labels.js';
import { toast } from '../ui.js';

/** A payment's amount, negative for a deduction, in its own currency. */
export function amountText(p) {
  const ore = p.kind === 'deduction' ? -p.amount : p.amount;
  return p.currency && p.currency !== 'SEK'
    ? `${formatOre(ore, { unit: false })} ${p.currency}`
    : formatOre(ore);
}

export const payerName = (p) => p.payer?.name ?? (p.kind === 'payment' ? 'Okänd betalare' : '–');

/** The API's suggestions, each with its own Matcha button. */
const suggestionsList = (suggestions, onMatch) =>
  suggestions.length
    ? h(
        'ul',
        { class: 'suggestions' },
        suggestions.map((s) =>
          h(
            'li',
            { class: 'suggestion', dataset: { invoice: s.invoiceId } },
            h(
              'div',
              {},
              h('a', { href: `#/fakturor/${s.invoiceId}` }, `Faktura ${s.number ?? '–'}`),
              h('span', {}, ` · ${s.customerName}`),
              h(
                'span',
                { class: 'muted small' },
                ` · ${formatOre(s.owed)} kvar · förfallodag ${s.dueDate}`,
              ),
            ),
            h(
              'span',
              { class: `score score-${s.score >= 80 ? 'high' : s.score >= 55 ? 'mid' : 'low'}` },
              `${s.score} p`,
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'button button-secondary button-small',
                onclick: () => onMatch(s.invoiceId),
              },
              'Matcha',
            ),
          ),
        ),
      )
    : h('p', { class: 'muted small' }, 'Inga förslag – välj fakturan själv.');

function matchForm(payment, openInvoices, onMatched) {
  const suggestions = payment.suggestions ?? [];
  const match = (invoiceId, form) =>
    void busy(form, async () => {
      try {
        const result = await request('POST', `/v1/payments/${payment.id}/match`, {
          body: { invoiceId },
        });
        toast(
          `${payment.kind === 'deduction' ? 'Avdraget' : 'Betalningen'} på ${formatOre(result.amount)} är matchad`,
        );
        onMatched();
      } catch (error) {
        showErrors(form, error);
      }
    });
  const form = h('form', { class: 'match-form', novalidate: true });
  const suggestionList = suggestionsList(suggestions, (invoiceId) => match(invoiceId, form));
  const chooser = select(
    [
      ['', suggestions.length ? 'Eller välj en annan faktura…' : 'Välj faktura…'],
      ...openInvoices.map((i) => [
        i.id,
        `${i.number} · ${i.customerName} · ${formatOre(i.balance.total)} kvar`,
      ]),
    ],
    { name: 'invoiceId', 'aria-label': 'Faktura att matcha mot' },
  );
  replace(
    form,
    suggestionList,
    h(
      'div',
      { class: 'match-manual' },
      h(
        'div',
        { class: 'field', dataset: { path: 'invoiceId' } },
        chooser,
        h('p', { class: 'field-error' }),
      ),
      h('button', { type: 'submit', class: 'button button-secondary button-small' }, 'Matcha'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!chooser.value) {
      showErrors(form, { errors: [{ path: 'invoiceId', message: 'Välj en faktura' }] });
      return;
    }
    match(chooser.value, form);
  });
  return form;
}

export function queueItem(payment, openInvoices, onMatched) {
  return h(
    'li',
    { class: 'queue-item', dataset: { id: payment.id } },
    h(
      'div',
      { class: 'queue-payment' },
      h(
        'div',
        {},
        h('strong', {}, payerName(payment)),
        payment.kind === 'deduction'
          ? h('span', { class: 'badge badge-warning' }, label(PAYMENT_KIND, payment.kind))
          : null,
        h(
          'p',
          { class: 'muted small' },
          [
            payment.date,
            payment.references?.length ? `ref ${payment.references.join(', ')}` : 'utan referens',
            payment.message,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
      h('strong', { class: 'num queue-amount' }, amountText(payment)),
    ),
    matchForm(payment, openInvoices, onMatched),
  );
}
