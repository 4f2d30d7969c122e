/**
 * Referensränta (operator): the table the interest engine uses (GET /v1/operator/reference-rates)
 * and publishing the next half-year's rate (PUT /v1/operator/reference-rates/{validFrom}).
 */
import { request } from '../api.js';
import { h, replace } from '../dom.js';
import { busy, clearErrors, showErrors, textField } from '../forms.js';
import { card, emptyState, errorState, loading, toast } from '../ui.js';

/** The latest half-years shown (the table goes back to 2015). */
const SHOWN = 6;

/** 225 → "2,25 %". */
const percent = (basisPoints) => {
  const digits = String(Math.abs(basisPoints)).padStart(3, '0');
  return `${basisPoints < 0 ? '−' : ''}${digits.slice(0, -2)},${digits.slice(-2)} %`;
};

/** "2,25" / "2.5" / "-0,5" → basis points as an integer (225, 250, −50), else null. */
export function parseBasisPoints(text) {
  const match = /^(-|−)?(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(String(text).replace(/[\s%]/g, ''));
  if (!match) return null;
  const value = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -value : value;
}

function ratesTable(table) {
  if (table.rows.length === 0) return emptyState('Ingen referensränta ännu');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table-compact', id: 'reference-rates' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Gäller'),
          h('th', { scope: 'col', class: 'num' }, 'Referensränta'),
          h('th', { scope: 'col', class: 'num' }, 'Dröjsmålsränta'),
          h('th', { scope: 'col' }, 'Källa'),
        ),
      ),
      h(
        'tbody',
        {},
        [...table.rows]
          .reverse()
          .slice(0, SHOWN)
          .map((row) =>
            h(
              'tr',
              {},
              h('td', { class: 'col-date' }, `${row.validFrom} – ${row.validTo ?? ''}`),
              h('td', { class: 'num' }, percent(row.referenceRateBasisPoints)),
              h('td', { class: 'num strong' }, percent(row.lateInterestRateBasisPoints)),
              h(
                'td',
                { class: 'small' },
                row.source === 'operator' ? 'Publicerad av operatören' : 'Inbyggd',
                row.note ? h('span', { class: 'sub muted' }, row.note) : null,
              ),
            ),
          ),
      ),
    ),
  );
}

function publishForm(table, reload) {
  const form = h(
    'form',
    { class: 'run-form', novalidate: true, id: 'reference-rate-form' },
    h(
      'div',
      { class: 'file-row' },
      textField({
        label: 'Gäller från',
        path: 'validFrom',
        type: 'date',
        value: table.nextValidFrom ?? '',
      }),
      textField({
        label: 'Referensränta (%)',
        path: 'referenceRateBasisPoints',
        inputmode: 'decimal',
        placeholder: '2,00',
      }),
      textField({ label: 'Källa', path: 'note', placeholder: 'Riksbanken 2026-06-30' }),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Publicera'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name) => form.elements.namedItem(name).value.trim();
    const basisPoints = parseBasisPoints(value('referenceRateBasisPoints'));
    const errors = [];
    if (!value('validFrom')) errors.push({ path: 'validFrom', message: 'Ange ett datum' });
    if (basisPoints === null)
      errors.push({
        path: 'referenceRateBasisPoints',
        message: 'Ange räntan i procent, t.ex. 2,25',
      });
    if (errors.length) {
      showErrors(form, { errors });
      return;
    }
    void busy(form, async () => {
      try {
        await request('PUT', `/v1/operator/reference-rates/${value('validFrom')}`, {
          body: {
            referenceRateBasisPoints: basisPoints,
            ...(value('note') ? { note: value('note') } : {}),
          },
        });
        clearErrors(form);
        toast(`Referensräntan från ${value('validFrom')} är publicerad`);
        reload();
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  return form;
}

export function referenceRatesCard() {
  const body = h('div', {}, loading());
  const reload = () =>
    request('GET', '/v1/operator/reference-rates')
      .then((table) =>
        replace(
          body,
          h(
            'p',
            { class: 'muted small card-lead' },
            `Dröjsmålsränta = referensräntan + 8 procentenheter. Känd till och med ${table.knownThrough ?? '–'}; efter det räknas ingen ränta förrän nästa halvår är publicerat.`,
          ),
          publishForm(table, reload),
          ratesTable(table),
        ),
      )
      .catch((error) => replace(body, errorState(error)));
  void reload();
  return card('Referensränta', body);
}
