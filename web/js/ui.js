/** Shared pieces of the screens: page headers, badges, notices, dialogs, loading and empty states. */
import { h, icon, replace } from './dom.js';
import { label, STAGE_SHORT, STATUS } from './labels.js';
import { problemHeadline } from './labels.js';

const { document } = globalThis;

export function pageHeader({ title, subtitle, back, actions = [] }) {
  return h(
    'header',
    { class: 'page-header' },
    h(
      'div',
      { class: 'page-title' },
      back ? h('a', { class: 'back-link', href: back.href }, icon('back'), back.text) : null,
      h('h1', {}, title),
      subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null,
    ),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null,
  );
}

export const statusBadge = (status) =>
  h('span', { class: `badge badge-status-${status}`, dataset: { status } }, label(STATUS, status));

export const stageBadge = (stage) =>
  stage === 'none' || !stage
    ? h('span', { class: 'muted' }, '–')
    : h('span', { class: `badge badge-stage-${stage}` }, label(STAGE_SHORT, stage));

export const card = (title, ...children) =>
  h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, children);

/**
 * A compact table in its scrolling wrapper. columns: header texts, or [text, class] for a column
 * such as 'num'; rows: the <tr> elements.
 */
export const compactTable = (id, columns, rows) =>
  h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table-compact', id },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) =>
            Array.isArray(c)
              ? h('th', { scope: 'col', class: c[1] }, c[0])
              : h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );

export const loading = (text = 'Hämtar…') =>
  h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner' }), text);

export const emptyState = (title, text, action) =>
  h(
    'div',
    { class: 'empty-state' },
    h('p', { class: 'empty-title' }, title),
    text ? h('p', {}, text) : null,
    action ?? null,
  );

/** A full-width error block for a screen that could not load. */
export const errorState = (error) =>
  h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    icon('warning'),
    h(
      'div',
      {},
      h('strong', {}, problemHeadline(error)),
      error?.problem?.detail ? h('p', {}, error.problem.detail) : null,
    ),
  );

/** Description list from [[term, value], …]; values may be nodes. */
export const facts = (pairs) =>
  h(
    'dl',
    { class: 'facts' },
    pairs
      .filter(([, value]) => value !== undefined)
      .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value ?? '–'))),
  );

let toastTimer;
/** A short confirmation at the bottom of the screen. */
export function toast(text, kind = 'success') {
  let el = document.getElementById('toast');
  if (!el) {
    el = h('div', { id: 'toast', role: 'status', 'aria-live': 'polite' });
    document.body.append(el);
  }
  replace(el, icon(kind === 'success' ? 'check' : 'warning'), text);
  el.className = `toast toast-${kind} visible`;
  globalThis.clearTimeout(toastTimer);
  toastTimer = globalThis.setTimeout(() => el.classList.remove('visible'), 4000);
}

/**
 * A modal dialog. body: nodes; actions: [{text, kind, onClick(close) → Promise|void}].
 * Resolves when closed. Escape and the × close it.
 */
export function openDialog({ title, body, actions, className }) {
  const dialog = h('dialog', { class: ['dialog', className].filter(Boolean).join(' ') });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  const buttons = actions.map((action) =>
    h(
      'button',
      {
        type: action.submit ? 'submit' : 'button',
        class: `button button-${action.kind ?? 'secondary'}`,
        onclick: action.submit ? undefined : () => action.onClick?.(close),
      },
      action.text,
    ),
  );
  const form = h(
    'form',
    {
      method: 'dialog',
      class: 'dialog-form',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        actions.find((a) => a.submit)?.onClick?.(close, form);
      },
    },
    h(
      'header',
      { class: 'dialog-header' },
      h('h2', {}, title),
      h(
        'button',
        { type: 'button', class: 'icon-button', 'aria-label': 'Stäng', onclick: close },
        icon('x'),
      ),
    ),
    h('div', { class: 'dialog-body' }, body),
    h('footer', { class: 'dialog-footer' }, buttons),
  );
  dialog.append(form);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, form, close };
}

export const button = (text, attrs = {}, iconName) =>
  h(
    attrs.href ? 'a' : 'button',
    {
      type: attrs.href ? undefined : 'button',
      ...attrs,
      class: `button ${attrs.class ?? 'button-secondary'}`,
    },
    iconName ? icon(iconName) : null,
    text,
  );
