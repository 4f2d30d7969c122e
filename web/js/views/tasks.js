/**
 * Uppgifter: the client's open tasks (GET /v1/tasks), each with the invoice it concerns; a
 * decide_after_demand task carries the decision form (POST /v1/invoices/{id}/decision).
 */
import { request, sessionTenantId } from '../api.js';
import { customersById } from '../customers-cache.js';
import { h, icon, replace } from '../dom.js';
import { busy, showErrors } from '../forms.js';
import { formatInstant, formatOre } from '../format.js';
import { label, TASK, TASK_HINT } from '../labels.js';
import { emptyState, errorState, loading, pageHeader, stageBadge, toast } from '../ui.js';

/** Kronofogden's application fee and the applicant's cost (lag 1981:739 / förordning 1981:1185). */
export const PAYMENT_ORDER_FEE = 30000;
export const PAYMENT_ORDER_APPLICANT_COST = 38000;

/** The three choices after an unpaid inkassokrav, with what each costs or means. */
export function decisionChoices(invoice, policy) {
  const months = policy?.surveillanceIntervalMonths;
  const b = invoice?.balance;
  return [
    {
      action: 'payment_order',
      title: 'Betalningsföreläggande',
      text: 'Ansök hos Kronofogden om betalningsföreläggande. Kunden debiteras Kronofogdens avgift och ersättning för ansökan.',
      cost: [
        ['Kronofogdens ansökningsavgift', formatOre(PAYMENT_ORDER_FEE)],
        ['Ersättning för ansökan', formatOre(PAYMENT_ORDER_APPLICANT_COST)],
        [
          'Läggs till skulden',
          formatOre(PAYMENT_ORDER_FEE + PAYMENT_ORDER_APPLICANT_COST),
          'strong',
        ],
      ],
    },
    {
      action: 'surveillance',
      title: 'Bevakning',
      text: `Ett nytt skriftligt krav ${months ? `var ${months}:e månad` : 'med jämna mellanrum'}, så att fordran inte preskriberas. Ingen ny avgift.`,
      cost: [['Kostnad nu', formatOre(0)]],
    },
    {
      action: 'close',
      title: 'Avskrivning',
      text: 'Skriv av fordran och avsluta ärendet: kapitalet exkl. moms bokförs som kundförlust (6351), momsen återförs, avgifter och ränta återförs.',
      cost: b ? [['Skrivs av', formatOre(b.total), 'strong']] : [],
    },
  ];
}

/** The radio choices and the confirm button, as a form that posts the decision. */
export function decisionForm(invoice, policy, onDone) {
  const name = `decision-${invoice.id}`;
  const choice = (c) =>
    h(
      'label',
      { class: 'choice decision-choice', dataset: { action: c.action } },
      h('input', { type: 'radio', name, value: c.action }),
      h(
        'span',
        {},
        h('strong', {}, c.title),
        h('span', { class: 'muted small' }, c.text),
        c.cost.length
          ? h(
              'dl',
              { class: 'decision-cost' },
              c.cost.map(([term, value, cls]) =>
                h('div', { class: cls ?? null }, h('dt', {}, term), h('dd', {}, value)),
              ),
            )
          : null,
      ),
    );
  const form = h(
    'form',
    { class: 'decision-form', novalidate: true, dataset: { invoice: invoice.id } },
    h(
      'fieldset',
      { class: 'field choice-group decision-choices', dataset: { path: 'action' } },
      h('legend', {}, 'Hur ska ärendet gå vidare?'),
      decisionChoices(invoice, policy).map(choice),
      h('p', { class: 'field-error' }),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary' }, 'Bekräfta beslut'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const action = form.querySelector(`input[name="${name}"]:checked`)?.value;
    if (!action) {
      showErrors(form, { errors: [{ path: 'action', message: 'Välj ett av alternativen' }] });
      return;
    }
    void busy(form, async () => {
      try {
        const updated = await request('POST', `/v1/invoices/${invoice.id}/decision`, {
          body: { action },
        });
        onDone(updated, action);
      } catch (error) {
        showErrors(form, error);
      }
    });
  });
  return form;
}

const DECIDED = {
  payment_order: 'Betalningsföreläggande valt',
  surveillance: 'Ärendet är lagt i bevakning',
  close: 'Fordran är avskriven',
};

function taskCard(task, invoice, customer, policy, reload) {
  const number = invoice?.number ?? task.detail?.invoiceNumber ?? null;
  const invoiceLink = task.invoiceId
    ? h(
        'a',
        { href: `#/fakturor/${task.invoiceId}`, class: 'task-invoice' },
        number === null ? 'Fakturautkast' : `Faktura ${number}`,
      )
    : null;
  const isDecision = task.kind === 'decide_after_demand' && invoice;
  return h(
    'article',
    { class: `card task-card task-${task.kind}`, dataset: { kind: task.kind, id: task.id } },
    h(
      'header',
      { class: 'task-head' },
      h('span', { class: 'task-icon', 'aria-hidden': 'true' }, icon(isDecision ? 'flag' : 'tasks')),
      h(
        'div',
        { class: 'task-title' },
        h('h2', {}, label(TASK, task.kind)),
        h(
          'p',
          { class: 'header-meta muted small' },
          invoiceLink,
          customer ? h('span', {}, customer.name) : null,
          invoice ? stageBadge(invoice.stage) : null,
          h('span', {}, `Skapad ${formatInstant(task.createdAt)}`),
        ),
      ),
      invoice && invoice.balance
        ? h(
            'div',
            { class: 'task-balance' },
            h('span', { class: 'muted small' }, 'Kvar att betala'),
            h('strong', { class: 'num' }, formatOre(invoice.balance.total)),
          )
        : null,
    ),
    h('p', { class: 'task-hint' }, TASK_HINT[task.kind] ?? ''),
    isDecision
      ? decisionForm(invoice, policy, (updated, action) => {
          toast(`${DECIDED[action]} för faktura ${updated.number ?? ''}`.trim());
          reload();
        })
      : null,
  );
}

export function tasksView(main) {
  const reload = () => tasksView(main);
  if (!main.firstChild) replace(main, loading());
  void (async () => {
    try {
      const { items } = await request('GET', '/v1/tasks', { query: { status: 'open' } });
      const invoiceIds = [...new Set(items.map((t) => t.invoiceId).filter(Boolean))];
      const invoices = new Map(
        await Promise.all(
          invoiceIds.map(async (id) => [id, await request('GET', `/v1/invoices/${id}`)]),
        ),
      );
      const customers = await customersById([...invoices.values()].map((i) => i.customerId));
      const tenantId = sessionTenantId();
      const policy =
        tenantId && items.some((t) => t.kind === 'decide_after_demand')
          ? await request('GET', `/v1/tenants/${tenantId}/policy`).catch(() => null)
          : null;
      const decisions = items.filter((t) => t.kind === 'decide_after_demand').length;
      replace(
        main,
        pageHeader({
          title: 'Uppgifter',
          subtitle:
            items.length === 0
              ? 'Det som behöver din åtgärd visas här.'
              : `${items.length} öppna${decisions ? `, varav ${decisions} beslut efter inkassokrav` : ''}.`,
        }),
        items.length === 0
          ? h(
              'section',
              { class: 'card' },
              emptyState(
                'Inga öppna uppgifter',
                'När ett ärende behöver ett beslut eller en uppgift från dig dyker det upp här.',
              ),
            )
          : h(
              'div',
              { class: 'task-list', id: 'task-list' },
              items.map((task) => {
                const invoice = invoices.get(task.invoiceId);
                return taskCard(task, invoice, customers.get(invoice?.customerId), policy, reload);
              }),
            ),
      );
    } catch (error) {
      replace(main, pageHeader({ title: 'Uppgifter' }), errorState(error));
    }
  })();
}
