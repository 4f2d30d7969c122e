/**
 * The collection side of one invoice: its stage, dispute and pause, what comes next, and the
 * client's actions (POST /v1/invoices/{id}/dispute, /resolve-dispute, /pause, /decision).
 */
import { request, sessionTenantId } from '../api.js';
import { h } from '../dom.js';
import { busy, field, showErrors, textField } from '../forms.js';
import { addDays } from '../format.js';
import { label, STAGE } from '../labels.js';
import { button, facts, openDialog, toast } from '../ui.js';
import { decisionForm } from './tasks.js';

const lastEvent = (invoice, type) =>
  [...(invoice.events ?? [])].reverse().find((event) => event.type === type) ?? null;

/** The reason of the dispute still in force, and the pause end if it has not passed. */
export function collectionState(invoice) {
  const disputed = lastEvent(invoice, 'disputed');
  const paused = lastEvent(invoice, 'paused');
  const pausedUntil = paused?.detail?.until ?? null;
  const steps = (invoice.events ?? []).filter((e) => typeof e.detail?.payBy === 'string');
  return {
    disputeReason: invoice.disputed ? (disputed?.detail?.reason ?? null) : null,
    pausedUntil: pausedUntil && pausedUntil >= invoice.asOf ? pausedUntil : null,
    pauseReason: pausedUntil && pausedUntil >= invoice.asOf ? paused.detail.reason : null,
    payBy: steps.at(-1)?.detail?.payBy ?? null,
  };
}

function reasonField(label_, hint) {
  const area = h('textarea', { name: 'reason', rows: 3, maxlength: 500, required: true });
  return field({ label: label_, path: 'reason', control: area, hint });
}

function disputeDialog(invoice, reload) {
  openDialog({
    title: 'Registrera bestridande',
    body: [
      h(
        'p',
        {},
        'När kunden bestrider fakturan pausas alla inkassosteg tills bestridandet är löst. Inga avgifter eller krav skickas under tiden.',
      ),
      reasonField('Kundens skäl', 'Till exempel "Varan levererades aldrig". Högst 500 tecken.'),
    ],
    actions: [
      { text: 'Avbryt', onClick: (close) => close() },
      {
        text: 'Registrera bestridande',
        kind: 'primary',
        submit: true,
        onClick: (close, form) => {
          const reason = form.elements.namedItem('reason').value.trim();
          if (!reason) {
            showErrors(form, { errors: [{ path: 'reason', message: 'Måste fyllas i' }] });
            return;
          }
          void busy(form, async () => {
            try {
              await request('POST', `/v1/invoices/${invoice.id}/dispute`, { body: { reason } });
              close();
              toast('Fakturan är bestriden; inkassot är pausat');
              reload();
            } catch (error) {
              showErrors(form, error);
            }
          });
        },
      },
    ],
  });
}

function resolveDialog(invoice, reason, reload) {
  openDialog({
    title: 'Lös bestridandet?',
    body: [
      reason ? h('p', {}, h('span', { class: 'muted' }, 'Skäl: '), reason) : null,
      h(
        'p',
        {},
        'Inkassot fortsätter: nästa körning avgör vilket steg som är på tur, räknat från i dag.',
      ),
    ],
    actions: [
      { text: 'Avbryt', onClick: (close) => close() },
      {
        text: 'Lös bestridande',
        kind: 'primary',
        submit: true,
        onClick: (close, form) =>
          void busy(form, async () => {
            try {
              await request('POST', `/v1/invoices/${invoice.id}/resolve-dispute`);
              close();
              toast('Bestridandet är löst; inkassot fortsätter');
              reload();
            } catch (error) {
              showErrors(form, error);
            }
          }),
      },
    ],
  });
}

function pauseDialog(invoice, reload) {
  const until = textField({
    label: 'Pausa till och med',
    path: 'until',
    type: 'date',
    min: invoice.asOf,
    value: addDays(invoice.asOf, 14),
    hint: 'Inga steg tas förrän dagen efter.',
  });
  openDialog({
    title: 'Pausa inkasso',
    body: [
      h(
        'p',
        {},
        'Till exempel när kunden har fått en avbetalningsplan eller en förlängd betalningstid.',
      ),
      h(
        'div',
        { class: 'form-grid form-grid-1' },
        until,
        reasonField('Anledning', 'Syns i fakturans händelser.'),
      ),
    ],
    actions: [
      { text: 'Avbryt', onClick: (close) => close() },
      {
        text: 'Pausa',
        kind: 'primary',
        submit: true,
        onClick: (close, form) => {
          const body = {
            until: form.elements.namedItem('until').value,
            reason: form.elements.namedItem('reason').value.trim(),
          };
          const errors = [];
          if (!body.until) errors.push({ path: 'until', message: 'Ange ett datum' });
          if (!body.reason) errors.push({ path: 'reason', message: 'Måste fyllas i' });
          if (errors.length) {
            showErrors(form, { errors });
            return;
          }
          void busy(form, async () => {
            try {
              await request('POST', `/v1/invoices/${invoice.id}/pause`, { body });
              close();
              toast(`Inkassot är pausat till och med ${body.until}`);
              reload();
            } catch (error) {
              showErrors(form, error);
            }
          });
        },
      },
    ],
  });
}

async function decisionDialog(invoice, reload) {
  const tenantId = sessionTenantId();
  const policy = tenantId
    ? await request('GET', `/v1/tenants/${tenantId}/policy`).catch(() => null)
    : null;
  const { close, dialog } = openDialog({
    title: 'Beslut efter inkassokrav',
    className: 'dialog-wide',
    body: [],
    actions: [{ text: 'Avbryt', onClick: (c) => c() }],
  });
  // The decision form is its own form (it posts itself); it replaces the dialog's body.
  const body = dialog.querySelector('.dialog-body');
  body.append(
    h('p', {}, 'Kunden har inte betalat inkassokravet. Välj hur ärendet ska gå vidare.'),
    decisionForm(invoice, policy, () => {
      close();
      toast('Beslutet är registrerat');
      reload();
    }),
  );
}

/** The buttons the invoice's state allows: decide, dispute or resolve, pause. */
function collectionActions(invoice, state, reload) {
  const open = invoice.status === 'sent';
  const actions = [];
  if (open && invoice.stage === 'awaiting_decision') {
    actions.push(
      button(
        'Besluta',
        {
          class: 'button-primary',
          id: 'decide-invoice',
          onclick: () => decisionDialog(invoice, reload),
        },
        'flag',
      ),
    );
  }
  if (invoice.disputed) {
    actions.push(
      button('Lös bestridande', {
        id: 'resolve-dispute',
        onclick: () => resolveDialog(invoice, state.disputeReason, reload),
      }),
    );
  } else if (open) {
    actions.push(
      button('Bestrid', { id: 'dispute-invoice', onclick: () => disputeDialog(invoice, reload) }),
    );
  }
  if (open && !invoice.disputed) {
    actions.push(
      button(
        'Pausa',
        { id: 'pause-invoice', onclick: () => pauseDialog(invoice, reload) },
        'pause',
      ),
    );
  }
  return actions;
}

/** The "Inkasso" card: stage, dispute, pause, what comes next, and the actions. */
export function collectionCard(invoice, reload) {
  if (invoice.status === 'draft') return null;
  const state = collectionState(invoice);
  const actions = collectionActions(invoice, state, reload);
  const next =
    invoice.nextActionDate !== undefined
      ? ['Nästa åtgärd', invoice.nextActionDate ?? 'Ingen planerad']
      : undefined;
  return h(
    'section',
    { class: 'card collection-card', id: 'collection-card' },
    h('h2', { class: 'card-title' }, 'Inkasso'),
    invoice.disputed
      ? h(
          'div',
          { class: 'collection-flag flag-disputed', id: 'dispute-state' },
          h('strong', {}, 'Bestriden – inkassot är pausat'),
          state.disputeReason ? h('span', {}, state.disputeReason) : null,
        )
      : null,
    state.pausedUntil && !invoice.disputed
      ? h(
          'div',
          { class: 'collection-flag flag-paused', id: 'pause-state' },
          h('strong', {}, `Pausad till och med ${state.pausedUntil}`),
          state.pauseReason ? h('span', {}, state.pauseReason) : null,
        )
      : null,
    facts(
      [
        [
          'Steg',
          h(
            'span',
            { id: 'collection-stage' },
            invoice.stage === 'none' ? 'Inte påbörjat' : label(STAGE, invoice.stage),
          ),
        ],
        next,
        ['Senaste betalningsdag', state.payBy ?? undefined],
      ].filter(Boolean),
    ),
    actions.length ? h('div', { class: 'card-actions' }, actions) : null,
  );
}
