/**
 * Körningar (operator): the daily collection run (POST /v1/collection/run) with its preview
 * (GET /v1/collection/preview), and the payout run (POST /v1/payouts/run) with its pain.001 file
 * and each client's settlement report.
 */
import { request } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { busy, showErrors, textField } from '../forms.js';
import { formatOre, todayText } from '../format.js';
import { button, card, compactTable, emptyState, openDialog, pageHeader, toast } from '../ui.js';
import { referenceRatesCard } from './reference-rates.js';

const { document, URL } = globalThis;

const RUN_COUNTS = [
  ['notices', 'Aviseringar'],
  ['reminders', 'Påminnelser'],
  ['collectionDemands', 'Inkassokrav'],
  ['decisionsDue', 'Beslut att fatta'],
  ['paymentOrders', 'Till Kronofogden'],
  ['surveillance', 'Till bevakning'],
  ['surveillanceDemands', 'Bevakningskrav'],
  ['writeOffs', 'Avskrivningar'],
  ['tasks', 'Uppgifter'],
  ['waiting', 'Väntar'],
  ['blocked', 'Blockerade'],
];

const DECISION = {
  send_notice: 'Avisering',
  send_reminder: 'Påminnelse',
  send_collection_demand: 'Inkassokrav',
  send_surveillance_demand: 'Nytt krav (bevakning)',
  await_decision: 'Beslut efter inkassokrav',
  apply_after_demand: 'Automatiskt beslut',
  open_task: 'Uppgift till klienten',
  write_off: 'Avskrivning av restbelopp',
  wait: 'Väntar',
};

const WAIT = {
  not_due: 'inte dags',
  disputed: 'bestriden',
  paused: 'pausad',
  closed: 'avslutad',
  nothing_owed: 'inget att betala',
  awaiting_identity_number: 'saknar person-/orgnr',
  awaiting_registered_address: 'saknar adress',
  awaiting_client_decision: 'väntar på klientens beslut',
  payment_order_in_progress: 'hos Kronofogden',
};

const shortId = (id) => String(id ?? '').slice(0, 8);

function describeDecision(d) {
  const parts = [];
  if (d.kind === 'wait') parts.push(WAIT[d.reason] ?? d.reason);
  if (d.channel) parts.push(d.channel === 'email' ? 'e-post' : 'brev');
  if (d.fee !== undefined && Number(d.fee) > 0) parts.push(`avgift ${formatOre(d.fee)}`);
  if (d.interest?.amount !== undefined) parts.push(`ränta ${formatOre(d.interest.amount)}`);
  if (d.payByDate) parts.push(`betala senast ${d.payByDate}`);
  if (d.nextReviewDate) parts.push(`nästa ${d.nextReviewDate}`);
  return parts.join(' · ');
}

function countsGrid(result) {
  return h(
    'div',
    { class: 'run-counts' },
    RUN_COUNTS.map(([key, text]) =>
      h(
        'div',
        {
          class: `run-count${result[key] ? ' nonzero' : ''}${key === 'blocked' && result[key] ? ' bad' : ''}`,
          dataset: { count: key },
        },
        h('strong', {}, String(result[key] ?? 0)),
        h('span', {}, text),
      ),
    ),
  );
}

function runResult(result) {
  const reasons = Object.entries(result.blockedReasons ?? {});
  return h(
    'div',
    { class: 'run-result', id: 'run-result', role: 'status' },
    h(
      'p',
      { class: 'import-headline' },
      icon('check'),
      `Körd till och med ${result.date}: ${result.days} ${result.days === 1 ? 'dag' : 'dagar'}.`,
    ),
    countsGrid(result),
    reasons.length
      ? h(
          'ul',
          { class: 'blocked-reasons' },
          reasons.map(([reason, n]) => h('li', {}, `${n} × ${reason}`)),
        )
      : null,
  );
}

function previewTable(preview) {
  if (preview.items.length === 0)
    return emptyState(
      'Inget att göra',
      `Ingen faktura har ett steg som förfaller ${preview.date}.`,
    );
  return compactTable(
    'preview-table',
    ['Klient', 'Faktura', 'Steg', 'Detaljer'],
    preview.items.map((item) =>
      h(
        'tr',
        {},
        h('td', { class: 'mono small', title: item.tenantId }, shortId(item.tenantId)),
        h('td', {}, item.invoiceNumber === null ? '–' : String(item.invoiceNumber)),
        h('td', { class: 'strong' }, DECISION[item.decision.kind] ?? item.decision.kind),
        h('td', { class: 'small muted' }, describeDecision(item.decision)),
      ),
    ),
  );
}

function collectionRunCard() {
  const outcome = h('div', { class: 'run-outcome' });
  const form = h(
    'form',
    { class: 'run-form', novalidate: true, id: 'collection-run-form' },
    h(
      'p',
      { class: 'muted small card-lead' },
      'Tar varje förfallet steg för varje klient, dag för dag till och med datumet. Samma datum igen ändrar ingenting; ett tidigare datum än senaste körningen nekas.',
    ),
    h(
      'div',
      { class: 'file-row' },
      textField({ label: 'Till och med', path: 'date', type: 'date', value: todayText() }),
      h(
        'button',
        { type: 'button', class: 'button button-secondary', id: 'preview-run' },
        'Förhandsgranska',
      ),
      h('button', { type: 'submit', class: 'button button-primary' }, icon('run'), 'Kör'),
    ),
    outcome,
  );
  const date = () => form.elements.namedItem('date').value;
  form.querySelector('#preview-run').addEventListener('click', () => {
    if (!date()) return showErrors(form, { errors: [{ path: 'date', message: 'Ange ett datum' }] });
    void busy(form, async () => {
      try {
        const preview = await request('GET', '/v1/collection/preview', { query: { date: date() } });
        replace(
          outcome,
          h(
            'h3',
            { class: 'outcome-title' },
            `Förhandsgranskning ${preview.date}: ${preview.items.length} fakturor`,
          ),
          previewTable(preview),
        );
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!date()) return showErrors(form, { errors: [{ path: 'date', message: 'Ange ett datum' }] });
    void busy(form, async () => {
      try {
        const result = await request('POST', '/v1/collection/run', { body: { date: date() } });
        replace(outcome, runResult(result));
        toast(`Inkassokörningen till och med ${result.date} är klar`);
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  return card('Daglig inkassokörning', form);
}

/** Fetches a file with the operator's key and saves it. */
async function download(path, fallbackName) {
  try {
    const response = await request('GET', path, { raw: true });
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') ?? '';
    const url = URL.createObjectURL(blob);
    const a = h('a', {
      href: url,
      download: /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName,
    });
    document.body.append(a);
    a.click();
    a.remove();
    globalThis.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch {
    toast('Filen kunde inte hämtas.', 'error');
  }
}

/** One row per client paid: account, EndToEndId, amount and its settlement report. */
const payoutTable = (result) =>
  compactTable(
    'payout-table',
    ['Klient', 'Konto', 'EndToEndId', ['Belopp', 'num'], ''],
    result.payouts.map((p) =>
      h(
        'tr',
        {},
        h('td', { class: 'mono small', title: p.tenantId }, shortId(p.tenantId)),
        h('td', {}, `${p.accountKind === 'iban' ? 'IBAN' : 'Bankgiro'} ${p.account}`),
        h('td', { class: 'mono small' }, p.endToEndId),
        h('td', { class: 'num strong' }, formatOre(p.amount)),
        h(
          'td',
          { class: 'num' },
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: () =>
                download(
                  `/v1/payouts/${result.fileId}/report?tenant=${p.tenantId}`,
                  `avrakning-${result.date}.csv`,
                ),
            },
            'Avräkning (CSV)',
          ),
        ),
      ),
    ),
  );

function payoutResult(result) {
  if (result.fileId === null) {
    return h(
      'div',
      { class: 'run-result', id: 'payout-result', role: 'status' },
      h(
        'p',
        { class: 'import-headline' },
        icon('check'),
        `Inget nytt att betala ut till och med ${result.date}.`,
      ),
      result.skipped?.length ? skippedList(result.skipped) : null,
    );
  }
  return h(
    'div',
    { class: 'run-result', id: 'payout-result', role: 'status' },
    h(
      'p',
      { class: 'import-headline' },
      icon('check'),
      `${result.payouts.length} ${result.payouts.length === 1 ? 'utbetalning' : 'utbetalningar'} på sammanlagt ${formatOre(result.amount)}.`,
    ),
    button(
      'Hämta pain.001-fil',
      { onclick: () => download(`/v1/payouts/${result.fileId}/file`, 'pain001.xml') },
      'download',
    ),
    payoutTable(result),
    result.skipped?.length ? skippedList(result.skipped) : null,
  );
}

const skippedList = (skipped) =>
  h(
    'div',
    { class: 'notice notice-warning' },
    icon('warning'),
    h(
      'div',
      {},
      h('strong', {}, 'Klienter utan giltigt utbetalningskonto – pengarna väntar:'),
      h(
        'ul',
        {},
        skipped.map((s) =>
          h('li', {}, h('span', { class: 'mono' }, shortId(s.tenantId)), ` · ${s.reason}`),
        ),
      ),
    ),
  );

function payoutCard() {
  const outcome = h('div', { class: 'run-outcome' });
  const form = h(
    'form',
    { class: 'run-form', novalidate: true, id: 'payout-run-form' },
    h(
      'p',
      { class: 'muted small card-lead' },
      'Betalar ut inbetalda pengar som inte redan betalats ut, till varje klients utbetalningskonto, i en pain.001-fil till banken.',
    ),
    h(
      'div',
      { class: 'file-row' },
      textField({ label: 'Till och med', path: 'date', type: 'date', value: todayText() }),
      h(
        'button',
        { type: 'submit', class: 'button button-primary' },
        icon('run'),
        'Kör utbetalning',
      ),
    ),
    outcome,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const date = form.elements.namedItem('date').value;
    openDialog({
      title: 'Kör utbetalning?',
      body: [
        h(
          'p',
          {},
          `Allt insamlat till och med ${date} som inte redan betalats ut tas med i en betalfil.`,
        ),
      ],
      actions: [
        { text: 'Avbryt', onClick: (close) => close() },
        {
          text: 'Kör utbetalning',
          kind: 'primary',
          submit: true,
          onClick: (close) => {
            close();
            void busy(form, async () => {
              try {
                const result = await request('POST', '/v1/payouts/run', { body: { date } });
                replace(outcome, payoutResult(result));
              } catch (error) {
                showErrors(form, error);
              }
            });
          },
        },
      ],
    });
  });
  return card('Utbetalning till klienter', form);
}

export function runsView(main) {
  replace(
    main,
    pageHeader({
      title: 'Körningar',
      subtitle:
        'Inkassosteg, utbetalningar och referensräntan. Körningarna sker också automatiskt enligt schemat i tjänsten.',
    }),
    h('div', { class: 'runs-grid' }, collectionRunCard(), payoutCard(), referenceRatesCard()),
  );
}
