/**
 * Betalningar: import a bank file (BgMax or camt.054), the queue of payments that found no
 * invoice with its suggestions and matching by hand, a manual payment, and every payment.
 */
import { ApiError, idempotentPoster, request, serviceToday } from '../api.js';
import { customersById } from '../customers-cache.js';
import { h, icon, replace } from '../dom.js';
import { busy, clearErrors, field, showErrors, textField } from '../forms.js';
import { formatOre, parseKronor, todayText } from '../format.js';
import { label, MATCHED_BY, PAYMENT_STATUS } from '../labels.js';
import { button, card, emptyState, errorState, loading, pageHeader, toast } from '../ui.js';
import { amountText, payerName, queueItem } from './payment-queue.js';

const PAGE_SIZE = 25;

const statusBadge = (status) =>
  h(
    'span',
    { class: `badge badge-payment-${status}`, dataset: { status } },
    label(PAYMENT_STATUS, status),
  );

/** "line 23, TK15.amount" → "Rad 23, TK15.amount". */
const placeText = (path) => String(path ?? '').replace(/^line (\d+)/, 'Rad $1');

function importResult(result) {
  const figure = (term, value, cls) =>
    h(
      'div',
      { class: `import-figure ${cls ?? ''}`, dataset: { figure: cls ?? '' } },
      h('strong', {}, String(value)),
      h('span', {}, term),
    );
  return h(
    'div',
    { class: 'import-result', id: 'import-result', role: 'status' },
    h(
      'p',
      { class: 'import-headline' },
      icon('check'),
      `${result.format === 'camt054' ? 'camt.054' : 'BgMax'}-filen är inläst: ${result.payments} poster på ${formatOre(result.amount)}.`,
    ),
    h(
      'div',
      { class: 'import-figures' },
      figure('matchade', result.matched, 'matched'),
      figure('att matcha', result.unmatched, 'unmatched'),
      figure('redan inlästa / noll', result.skipped, 'skipped'),
    ),
  );
}

/** A refused file: every issue with its line and field, nothing booked. */
function importRefusal(error) {
  const issues = error.errors ?? [];
  return h(
    'div',
    { class: 'form-alert import-refusal', id: 'import-refusal', role: 'alert' },
    icon('warning'),
    h(
      'div',
      {},
      h(
        'strong',
        {},
        error.code === 'bank_file_already_imported'
          ? 'Filen är redan inläst – ingenting bokfördes en gång till.'
          : error.status === 413
            ? 'Filen är för stor (högst 50 MB).'
            : 'Filen lästes inte in – ingenting bokfördes.',
      ),
      issues.length
        ? h(
            'ul',
            {},
            issues
              .slice(0, 20)
              .map((issue) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'mono' }, placeText(issue.path)),
                  `: ${issue.message}`,
                ),
              ),
          )
        : error.problem?.detail
          ? h('p', {}, error.problem.detail)
          : null,
      issues.length > 20 ? h('p', {}, `… och ${issues.length - 20} till.`) : null,
    ),
  );
}

function importCard(onImported) {
  const fileInput = h('input', {
    type: 'file',
    name: 'file',
    id: 'bank-file',
    accept: '.txt,.xml,.bgmax,text/plain,application/xml,text/xml',
  });
  const outcome = h('div', { class: 'import-outcome' });
  const form = h(
    'form',
    { class: 'import-form', novalidate: true },
    h(
      'p',
      { class: 'muted small card-lead' },
      'BgMax från Bankgirot eller camt.054 från banken. Betalningar med rätt OCR matchas och bokförs direkt; en fil med fel läses inte in alls.',
    ),
    h(
      'div',
      { class: 'file-row' },
      field({ label: 'Bankfil', path: 'file', control: fileInput }),
      h('button', { type: 'submit', class: 'button button-primary' }, icon('upload'), 'Läs in'),
    ),
    outcome,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    clearErrors(form);
    replace(outcome);
    if (!file) {
      showErrors(form, { errors: [{ path: 'file', message: 'Välj en fil' }] });
      return;
    }
    void busy(form, async () => {
      try {
        // The server sniffs the content: "<" is camt.054 XML, anything else BgMax.
        const result = await request('POST', '/v1/payments/import', {
          file,
          contentType: 'application/octet-stream',
        });
        replace(outcome, importResult(result));
        fileInput.value = '';
        onImported();
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0) replace(outcome, importRefusal(error));
        else showErrors(form, error);
      }
    });
  });
  return card('Läs in bankfil', form);
}

/** The manual payment's body, or the fields to correct (checked before the server does). */
function readManual(form) {
  const value = (name) => form.elements.namedItem(name).value.trim();
  const amount = parseKronor(value('amount'));
  const ocr = value('ocr').replace(/\s/g, '');
  const errors = [];
  if (!/^\d{2,25}$/.test(ocr))
    errors.push({ path: 'ocr', message: 'Ange fakturans OCR-nummer (siffror)' });
  if (amount === null || amount <= 0)
    errors.push({ path: 'amount', message: 'Ange ett belopp i kronor, t.ex. 1 234,50' });
  if (!value('date')) errors.push({ path: 'date', message: 'Ange ett datum ÅÅÅÅ-MM-DD' });
  const body = {
    ocr,
    amount,
    date: value('date'),
    ...(value('reference') ? { reference: value('reference') } : {}),
  };
  return { body, errors };
}

function manualCard(today, onSaved) {
  const post = idempotentPoster('/v1/payments');
  const form = h(
    'form',
    { class: 'manual-payment-form', novalidate: true },
    h(
      'p',
      { class: 'muted small card-lead' },
      'En betalning som inte kom via bankfil, till exempel en insättning direkt på kontot.',
    ),
    h(
      'div',
      { class: 'form-grid' },
      textField({
        label: 'OCR-nummer',
        path: 'ocr',
        inputmode: 'numeric',
        hint: 'Fakturans OCR-nummer.',
      }),
      textField({
        label: 'Belopp (kr)',
        path: 'amount',
        inputmode: 'decimal',
        placeholder: '1 234,50',
        class: 'input-amount',
      }),
      textField({ label: 'Betalningsdag', path: 'date', type: 'date', value: today }),
      textField({
        label: 'Referens',
        path: 'reference',
        hint: 'Valfri; samma referens två gånger nekas.',
      }),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary' }, 'Registrera betalning'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { body, errors } = readManual(form);
    if (errors.length) {
      showErrors(form, { errors });
      return;
    }
    const amount = body.amount;
    void busy(form, async () => {
      try {
        await post(body);
        clearErrors(form);
        for (const name of ['ocr', 'amount', 'reference']) form.elements.namedItem(name).value = '';
        toast(`Betalning på ${formatOre(amount)} är registrerad`);
        onSaved();
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  return card('Registrera betalning', form);
}

function paymentsTable() {
  return h(
    'table',
    { class: 'table', id: 'payments-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Datum'),
        h('th', { scope: 'col' }, 'Betalare'),
        h('th', { scope: 'col' }, 'Referens'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Faktura'),
        h('th', { scope: 'col', class: 'num' }, 'Belopp'),
      ),
    ),
    h('tbody', {}),
  );
}

function paymentRow(p, invoiceNumbers) {
  const invoiceIds = [...new Set((p.allocations ?? []).map((a) => a.invoiceId))];
  return h(
    'tr',
    { dataset: { id: p.id, status: p.status } },
    h('td', { class: 'col-date' }, p.date),
    h(
      'td',
      {},
      h('span', { class: 'strong' }, payerName(p)),
      p.kind === 'deduction' ? h('span', { class: 'sub' }, 'Avdrag') : null,
    ),
    h(
      'td',
      { class: 'small' },
      p.references?.length ? h('span', { class: 'mono' }, p.references.join(', ')) : '–',
      p.message ? h('span', { class: 'sub' }, p.message) : null,
    ),
    h(
      'td',
      {},
      statusBadge(p.status),
      p.matchedBy ? h('span', { class: 'sub' }, label(MATCHED_BY, p.matchedBy)) : null,
    ),
    h(
      'td',
      {},
      invoiceIds.length
        ? invoiceIds.map((id, i) => [
            i ? ', ' : '',
            h('a', { href: `#/fakturor/${id}` }, String(invoiceNumbers.get(id) ?? 'Faktura')),
          ])
        : h('span', { class: 'muted' }, '–'),
    ),
    h('td', { class: 'num strong' }, amountText(p)),
  );
}

/** Open (sent, unpaid) invoices for the manual match, with their customers' names. */
async function loadOpenInvoices() {
  const page = await request('GET', '/v1/invoices', { query: { status: 'sent', limit: 100 } });
  const customers = await customersById(page.items.map((i) => i.customerId));
  return page.items
    .filter((i) => i.balance.total > 0)
    .map((i) => ({ ...i, customerName: customers.get(i.customerId)?.name ?? 'Okänd kund' }));
}

/** Fills in the numbers of the invoices the payments paid (for the links in the list). */
async function rememberInvoiceNumbers(payments, invoiceNumbers) {
  const unknown = payments
    .flatMap((p) => p.allocations ?? [])
    .map((a) => a.invoiceId)
    .filter((id) => !invoiceNumbers.has(id));
  await Promise.all(
    [...new Set(unknown)].map((id) =>
      request('GET', `/v1/invoices/${id}`)
        .then((i) => invoiceNumbers.set(id, i.number))
        .catch(() => null),
    ),
  );
}

function paymentsLayout({ today, refresh, queueCount, queueBody, listBody, more }) {
  return [
    pageHeader({
      title: 'Betalningar',
      subtitle:
        'Inbetalningar från bankfiler och manuella registreringar, och det som väntar på matchning.',
    }),
    h('div', { class: 'payments-top' }, importCard(refresh), manualCard(today, refresh)),
    h(
      'section',
      { class: 'card card-flush', id: 'queue-card' },
      h(
        'header',
        { class: 'card-head' },
        h('h2', { class: 'card-title' }, 'Att matcha ', queueCount),
        h(
          'p',
          { class: 'muted small' },
          'Betalningar utan giltig OCR. Förslagen bygger på belopp och betalarens namn.',
        ),
      ),
      queueBody,
    ),
    h(
      'section',
      { class: 'card card-flush' },
      h('header', { class: 'card-head' }, h('h2', { class: 'card-title' }, 'Alla betalningar')),
      listBody,
    ),
    h('div', { class: 'list-footer' }, h('span'), more),
  ];
}

export function paymentsView(main) {
  const queueBody = h('div', {}, loading());
  const listBody = h('div', {}, loading());
  const queueCount = h('span', { class: 'count-badge', id: 'queue-count' });
  const more = button('Visa fler', { hidden: true });
  const state = { cursor: null, generation: 0 };
  const invoiceNumbers = new Map();

  async function loadQueue() {
    try {
      const [queue, openInvoices] = await Promise.all([
        request('GET', '/v1/payments', { query: { unmatched: 'true', limit: 100 } }),
        loadOpenInvoices(),
      ]);
      for (const i of openInvoices) invoiceNumbers.set(i.id, i.number);
      queueCount.textContent = queue.items.length ? String(queue.items.length) : '';
      replace(
        queueBody,
        queue.items.length === 0
          ? emptyState('Allt är matchat', 'Betalningar som inte hittar sin faktura hamnar här.')
          : h(
              'ul',
              { class: 'queue', id: 'payment-queue' },
              queue.items.map((p) => queueItem(p, openInvoices, refresh)),
            ),
      );
    } catch (error) {
      replace(queueBody, errorState(error));
    }
  }

  async function loadList(reset) {
    const generation = reset ? ++state.generation : state.generation;
    if (reset) state.cursor = null;
    more.disabled = true;
    try {
      const page = await request('GET', '/v1/payments', {
        query: { limit: PAGE_SIZE, cursor: state.cursor ?? undefined },
      });
      await rememberInvoiceNumbers(page.items, invoiceNumbers);
      if (generation !== state.generation) return;
      state.cursor = page.nextCursor;
      if (reset) {
        replace(
          listBody,
          page.items.length === 0
            ? emptyState(
                'Inga betalningar ännu',
                'Läs in en bankfil eller registrera en betalning.',
              )
            : h('div', { class: 'table-wrap' }, paymentsTable()),
        );
      }
      listBody
        .querySelector('tbody')
        ?.append(...page.items.map((p) => paymentRow(p, invoiceNumbers)));
      more.hidden = state.cursor === null;
    } catch (error) {
      replace(listBody, errorState(error));
    } finally {
      more.disabled = false;
    }
  }

  const refresh = () => void loadQueue().then(() => loadList(true));

  more.addEventListener('click', () => void loadList(false));
  void (async () => {
    const today = await serviceToday(todayText());
    replace(main, paymentsLayout({ today, refresh, queueCount, queueBody, listBody, more }));
    refresh();
  })();
}
