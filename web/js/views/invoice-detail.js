/** One invoice: rows, totals, VAT per rate, balance, timeline, credit notes, documents; send and credit. */
import { request } from '../api.js';
import { busy, showErrors } from '../forms.js';
import { customersById } from '../customers-cache.js';
import { h, replace } from '../dom.js';
import { apiRowsForTotals, computeTotals, formatOre, formatQuantity } from '../format.js';
import { DELIVERY, EVENT, label } from '../labels.js';
import {
  button,
  card,
  emptyState,
  errorState,
  facts,
  loading,
  openDialog,
  pageHeader,
  stageBadge,
  statusBadge,
  toast,
} from '../ui.js';
import { openCreditDialog } from './credit-dialog.js';
import { collectionCard } from './collection-card.js';
import { documentsCard } from './documents.js';

function rowsTable(rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table-compact', id: 'invoice-rows' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Beskrivning'),
          h('th', { scope: 'col', class: 'num' }, 'Antal'),
          h('th', { scope: 'col', class: 'num' }, 'À-pris'),
          h('th', { scope: 'col', class: 'num' }, 'Moms'),
          h('th', { scope: 'col', class: 'num' }, 'Belopp'),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            h('td', {}, row.description),
            h('td', { class: 'num' }, formatQuantity(row.quantity), row.unit ? ` ${row.unit}` : ''),
            h('td', { class: 'num' }, formatOre(row.unitPrice)),
            h('td', { class: 'num' }, `${row.vatRate} %`),
            h('td', { class: 'num' }, formatOre(row.net)),
          ),
        ),
      ),
    ),
  );
}

/** Net, VAT per rate and total, computed from the rows with the server's rounding. */
function totalsBlock(invoice) {
  const totals = computeTotals(apiRowsForTotals(invoice.rows));
  const line = (text, amount, cls) =>
    h(
      'div',
      { class: `totals-line ${cls ?? ''}` },
      h('span', {}, text),
      h('span', { class: 'num' }, amount),
    );
  return h(
    'div',
    { class: 'totals', id: 'invoice-totals' },
    line('Netto', formatOre(invoice.net)),
    totals.vatLines.map((v) =>
      line(
        `Moms ${v.vatRate} % (på ${formatOre(v.taxable)})`,
        formatOre(v.vat),
        totals.vatLines.length > 1 ? 'sub-line' : '',
      ),
    ),
    totals.vatLines.length > 1 ? line('Summa moms', formatOre(invoice.vat)) : null,
    line('Totalt', formatOre(invoice.total), 'grand'),
    invoice.credited > 0 ? line('Krediterat', formatOre(-invoice.credited), 'sub-line') : null,
  );
}

function balanceCard(invoice) {
  const b = invoice.balance;
  return h(
    'section',
    { class: `card balance-card${b.total === 0 ? ' settled' : ''}` },
    h('h2', { class: 'card-title' }, 'Kvar att betala'),
    h('p', { class: 'balance-total', id: 'balance-total' }, formatOre(b.total)),
    h('p', { class: 'muted small' }, `per ${invoice.asOf}`),
    h(
      'dl',
      { class: 'balance-parts' },
      h('div', {}, h('dt', {}, 'Kapital'), h('dd', {}, formatOre(b.principal))),
      h('div', {}, h('dt', {}, 'Avgifter'), h('dd', {}, formatOre(b.fees))),
      h('div', {}, h('dt', {}, 'Ränta'), h('dd', {}, formatOre(b.interest))),
    ),
  );
}

function describeEvent(event) {
  const d = event.detail ?? {};
  switch (event.type) {
    case 'sent':
      return [
        `Faktura ${d.number ?? ''} skickad${d.channel ? ` med ${label(DELIVERY, d.channel).toLowerCase()}` : ''}`,
        d.ocr ? `OCR ${d.ocr}` : null,
      ];
    case 'credited':
      return [
        `Kreditfaktura ${d.creditNoteNumber ?? ''} utfärdad`,
        d.whole ? 'Hela fakturan' : 'Delkreditering',
      ];
    case 'notice_sent':
    case 'reminder_sent':
    case 'collection_demand_sent':
    case 'surveillance_demand_sent':
      return [
        label(EVENT, event.type),
        [
          d.channel ? `med ${label(DELIVERY, d.channel).toLowerCase()}` : null,
          d.fee && d.fee !== '0' ? `avgift ${formatOre(d.fee)}` : null,
          d.interest && d.interest !== '0' ? `ränta ${formatOre(d.interest)}` : null,
          d.payBy ? `betala senast ${d.payBy}` : null,
        ]
          .filter(Boolean)
          .join(' · ') || null,
      ];
    case 'disputed':
      return ['Bestriden av kunden', d.reason ?? null];
    case 'paused':
      return [`Inkasso pausat till och med ${d.until ?? ''}`, d.reason ?? null];
    case 'decision_payment_order':
      return [
        label(EVENT, event.type),
        d.kronofogdenFee
          ? `Kronofogdens avgift ${formatOre(d.kronofogdenFee)} + ersättning för ansökan ${formatOre(d.applicantCost)}`
          : null,
      ];
    case 'decision_close':
      return [
        label(EVENT, event.type),
        d.writtenOff ? `Avskrivet ${formatOre(d.writtenOff)}` : null,
      ];
    case 'credit_applied':
      return [
        `${label(EVENT, event.type)} ${formatOre(event.amount ?? 0)}`,
        d.remaining !== undefined ? `kvar att betala ${formatOre(d.remaining)}` : null,
      ];
    case 'payment':
      return [
        'Betalning mottagen',
        [
          d.overpaid && d.overpaid !== '0' && d.overpaid !== 0
            ? `överbetalt ${formatOre(d.overpaid)}`
            : null,
          d.bankReference ? `ref ${d.bankReference}` : null,
        ]
          .filter(Boolean)
          .join(' · ') || null,
      ];
    default: {
      const extra = Object.entries(d)
        .filter(([, v]) => v !== null && typeof v !== 'object')
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(' · ');
      return [label(EVENT, event.type), extra || null];
    }
  }
}

function timeline(events) {
  if (events.length === 0) return emptyState('Inga händelser ännu');
  return h(
    'ol',
    { class: 'timeline', id: 'invoice-timeline' },
    events.map((event) => {
      const [title, sub] = describeEvent(event);
      return h(
        'li',
        { class: `timeline-item event-${event.type}`, dataset: { type: event.type } },
        h('span', { class: 'timeline-dot', 'aria-hidden': 'true' }),
        h(
          'div',
          { class: 'timeline-body' },
          h(
            'div',
            { class: 'timeline-head' },
            h('strong', {}, title),
            h('time', { datetime: event.date }, event.date),
          ),
          sub ? h('p', { class: 'muted small' }, sub) : null,
        ),
        event.amount !== undefined
          ? h(
              'span',
              { class: 'num timeline-amount' },
              formatOre(event.type === 'credited' ? -event.amount : event.amount),
            )
          : null,
      );
    }),
  );
}

function creditNotesCard(notes) {
  if (notes.length === 0) return null;
  return card(
    'Kreditfakturor',
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table table-compact', id: 'credit-notes' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Nr'),
            h('th', { scope: 'col' }, 'Datum'),
            h('th', { scope: 'col' }, 'Rader'),
            h('th', { scope: 'col', class: 'num' }, 'Netto'),
            h('th', { scope: 'col', class: 'num' }, 'Moms'),
            h('th', { scope: 'col', class: 'num' }, 'Summa'),
          ),
        ),
        h(
          'tbody',
          {},
          notes.map((note) =>
            h(
              'tr',
              {},
              h('td', {}, String(note.number)),
              h('td', {}, note.date),
              h(
                'td',
                { class: 'small' },
                note.rows.map((r) => `${r.description} × ${formatQuantity(r.quantity)}`).join(', '),
              ),
              h('td', { class: 'num' }, formatOre(-note.net)),
              h('td', { class: 'num' }, formatOre(-note.vat)),
              h('td', { class: 'num strong' }, formatOre(-note.total)),
            ),
          ),
        ),
      ),
    ),
  );
}

function confirmSend(invoice, customer, reload) {
  const method = label(DELIVERY, invoice.deliveryMethod).toLowerCase();
  openDialog({
    title: 'Skicka fakturan?',
    body: [
      h(
        'p',
        {},
        `Fakturan får fakturanummer och OCR-nummer, bokförs och skickas till ${customer?.name ?? 'kunden'} med ${method}.`,
      ),
      h('p', { class: 'muted small' }, 'Därefter kan den inte ändras – bara krediteras.'),
    ],
    actions: [
      { text: 'Avbryt', onClick: (close) => close() },
      {
        text: 'Skicka',
        kind: 'primary',
        submit: true,
        onClick: (close, form) =>
          void busy(form, async () => {
            try {
              const sent = await request('POST', `/v1/invoices/${invoice.id}/send`);
              close();
              toast(`Faktura ${sent.number} är skickad`);
              reload();
            } catch (error) {
              showErrors(form, error);
            }
          }),
      },
    ],
  });
}

function header(invoice, customer, reload) {
  const actions = [];
  if (invoice.status === 'draft') {
    actions.push(
      button(
        'Skicka faktura',
        {
          class: 'button-primary',
          id: 'send-invoice',
          onclick: () => confirmSend(invoice, customer, reload),
        },
        'send',
      ),
    );
  }
  if (invoice.status !== 'draft' && invoice.balance.principal > 0) {
    actions.push(
      button(
        'Kreditera',
        { id: 'credit-invoice', onclick: () => openCreditDialog(invoice, reload) },
        'credit',
      ),
    );
  }
  return pageHeader({
    title: invoice.number === null ? 'Fakturautkast' : `Faktura ${invoice.number}`,
    subtitle: h(
      'span',
      { class: 'header-meta' },
      customer ? h('a', { href: `#/kunder/${customer.id}` }, customer.name) : 'Okänd kund',
      statusBadge(invoice.status),
      invoice.credited > 0 && invoice.status !== 'credited'
        ? h('span', { class: 'badge badge-status-credited' }, 'Delvis krediterad')
        : null,
      invoice.stage !== 'none' ? stageBadge(invoice.stage) : null,
      invoice.disputed ? h('span', { class: 'badge badge-warning' }, 'Bestriden') : null,
    ),
    back: { href: '#/fakturor', text: 'Fakturor' },
    actions,
  });
}

function factsCard(invoice) {
  return card(
    'Uppgifter',
    facts([
      ['Fakturadatum', invoice.invoiceDate],
      ['Förfallodatum', invoice.dueDate],
      ['Skickad', invoice.sentDate],
      ['OCR-nummer', invoice.ocr ? h('span', { class: 'mono' }, invoice.ocr) : null],
      ['Leveranssätt', label(DELIVERY, invoice.deliveryMethod)],
      ['Er referens', invoice.yourReference],
      ['Vår referens', invoice.ourReference],
    ]),
  );
}

export function invoiceDetailView(main, { params }) {
  const [id] = params;
  const reload = () => invoiceDetailView(main, { params });
  if (!main.firstChild) replace(main, loading());
  void (async () => {
    try {
      const invoice = await request('GET', `/v1/invoices/${id}`);
      const customer = (await customersById([invoice.customerId])).get(invoice.customerId);
      globalThis.document.title = `${invoice.number === null ? 'Utkast' : `Faktura ${invoice.number}`} · Reskontra`;
      replace(
        main,
        header(invoice, customer, reload),
        h(
          'div',
          { class: 'detail-grid' },
          h(
            'div',
            { class: 'detail-main' },
            card('Fakturarader', rowsTable(invoice.rows), totalsBlock(invoice)),
            card('Händelser', timeline(invoice.events)),
            creditNotesCard(invoice.creditNotes),
          ),
          h(
            'div',
            { class: 'detail-side' },
            balanceCard(invoice),
            collectionCard(invoice, reload),
            factsCard(invoice),
            documentsCard(invoice.documents ?? []),
          ),
        ),
      );
    } catch (error) {
      replace(
        main,
        pageHeader({ title: 'Faktura', back: { href: '#/fakturor', text: 'Fakturor' } }),
        errorState(error),
      );
    }
  })();
}
