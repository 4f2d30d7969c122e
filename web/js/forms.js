/**
 * Form helpers: labelled fields that know their API path (data-path), and problem+json errors
 * shown next to the field they name ({errors: [{path, message}]}), the rest above the form.
 */
import { ApiError } from './api.js';
import { h, icon, nextId, replace } from './dom.js';
import { problemHeadline, translateIssue } from './labels.js';

/**
 * A labelled field. control: an input/select/textarea element (its id is set here).
 * path: the API path the server names in its errors, e.g. 'address.postalCode'.
 */
export function field({ label, path, control, hint, className }) {
  const id = control.id || nextId(path?.replace(/\W/g, '-') ?? 'f');
  control.id = id;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: ['field', className].filter(Boolean).join(' '), dataset: path ? { path } : {} },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' }),
  );
}

export const input = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', ...attrs });

/** A labelled text input whose name is its API path. */
export const textField = ({ label, path, value, hint, className, ...attrs }) =>
  field({
    label,
    path,
    hint,
    className,
    control: input({ name: path, value: value ?? '', ...attrs }),
  });

export function select(options, attrs = {}) {
  return h(
    'select',
    attrs,
    options.map(([value, text]) =>
      h('option', { value, selected: String(attrs.value ?? '') === String(value) }, text),
    ),
  );
}

/** The alert area above a form's fields (created on first use). */
function alertOf(form) {
  let alert = form.querySelector(':scope > .form-alert');
  if (!alert) {
    alert = h('div', { class: 'form-alert', role: 'alert', hidden: true });
    form.prepend(alert);
  }
  return alert;
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('.has-error')) {
    el.classList.remove('has-error');
    const error = el.querySelector('.field-error');
    if (error) error.textContent = '';
    const control = el.querySelector('input, select, textarea');
    control?.removeAttribute('aria-invalid');
    if (control && error) {
      const described = (control.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((x) => x && x !== error.id);
      if (described.length) control.setAttribute('aria-describedby', described.join(' '));
      else control.removeAttribute('aria-describedby');
    }
  }
  const alert = form.querySelector(':scope > .form-alert');
  if (alert) {
    alert.hidden = true;
    alert.replaceChildren();
  }
}

/** The field for a path, or the closest one for a shorter path (rows.0.x → rows.0 → rows). */
function fieldFor(form, path) {
  const parts = String(path ?? '').split('.');
  while (parts.length > 0) {
    const found = form.querySelector(`[data-path="${globalThis.CSS.escape(parts.join('.'))}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

function markField(fieldEl, message) {
  fieldEl.classList.add('has-error');
  const error = fieldEl.querySelector('.field-error');
  if (error) error.textContent = error.textContent ? `${error.textContent} · ${message}` : message;
  const control = fieldEl.querySelector('input, select, textarea');
  if (control && error) {
    control.setAttribute('aria-invalid', 'true');
    const described = new Set((control.getAttribute('aria-describedby') ?? '').split(' '));
    described.add(error.id);
    control.setAttribute('aria-describedby', [...described].filter(Boolean).join(' '));
  }
}

/**
 * Shows an error on a form: issues next to their fields, the rest and a headline above.
 * error: an ApiError, or { errors: [{path, message}] } from client-side checks.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const issues = error?.errors ?? [];
  const unplaced = [];
  let first = null;
  for (const issue of issues) {
    const target = fieldFor(form, issue.path);
    const message = translateIssue(issue);
    if (target) {
      markField(target, message);
      first ??= target;
    } else unplaced.push(message === issue.message ? `${issue.path}: ${message}` : message);
  }
  const alert = alertOf(form);
  if (!(error instanceof ApiError) && unplaced.length === 0 && first) {
    first.querySelector('input, select, textarea')?.focus();
    return;
  }
  const headline =
    error instanceof ApiError ? problemHeadline(error) : 'Kontrollera de markerade fälten.';
  const detail =
    error instanceof ApiError && issues.length === 0 && error.problem?.detail
      ? error.problem.detail
      : null;
  replace(
    alert,
    icon('warning'),
    h(
      'div',
      {},
      h('strong', {}, headline),
      detail ? h('p', {}, detail) : null,
      unplaced.length
        ? h(
            'ul',
            {},
            unplaced.map((text) => h('li', {}, text)),
          )
        : null,
    ),
  );
  alert.hidden = false;
  (first?.querySelector('input, select, textarea') ?? alert).focus?.();
  if (!first) alert.scrollIntoView({ block: 'nearest' });
}

/** Disables a form's buttons while work runs; returns the work's result. */
export async function busy(form, work) {
  const buttons = [...form.querySelectorAll('button')].filter((b) => !b.disabled);
  for (const b of buttons) b.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute('aria-busy');
  }
}
