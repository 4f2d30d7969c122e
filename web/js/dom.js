/**
 * A tiny DOM builder. Text is always inserted as text nodes (never as HTML), so data from the
 * API cannot inject markup.
 */
const { document } = globalThis;

/**
 * h('a', { href: '#/x', class: 'link', onclick: fn, dataset: { id } }, 'text', child, [more])
 * Attributes with value false/null/undefined are left out; true sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children: nodes, strings/numbers (as text), arrays, and skips null/false. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(
      child instanceof globalThis.Node ? child : document.createTextNode(String(child)),
    );
  }
  return parent;
}

/** Replaces everything inside el with children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let uid = 0;
/** A document-unique id for label/field pairs. */
export const nextId = (prefix = 'f') => `${prefix}-${(uid += 1)}`;

/** Small inline SVG icons (paths from a 24×24 grid, stroke-based). */
const ICONS = {
  invoice: 'M7 3h7l5 5v13H7z M14 3v5h5 M10 13h6 M10 17h6',
  customers:
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M2 21c0-4 3-6 7-6s7 2 7 6 M17 11a3 3 0 1 0 0-6 M22 20c0-3-2-5-5-5',
  books: 'M4 19V5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2 2 2 0 0 0 2 2h14 M8 7h8 M8 11h6',
  tenants: 'M3 21V7l9-4 9 4v14 M9 21v-6h6v6 M7 10h2 M15 10h2',
  plus: 'M12 5v14 M5 12h14',
  logout: 'M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4 M10 17l-5-5 5-5 M5 12h12',
  check: 'M5 12l5 5 9-10',
  warning: 'M12 3l10 18H2z M12 10v5 M12 18v.5',
  send: 'M22 2L11 13 M22 2l-7 20-4-9-9-4z',
  credit: 'M3 12a9 9 0 1 0 3-6.7L3 8 M3 3v5h5',
  back: 'M15 18l-6-6 6-6',
  search: 'M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16z M21 21l-4.3-4.3',
  document: 'M7 3h7l5 5v13H7z M14 3v5h5',
  key: 'M15 7a4 4 0 1 1-3.9 5H3v4h3v-2h3 M16 7h.01',
  copy: 'M9 9h11v11H9z M5 15H4V4h11v1',
  x: 'M6 6l12 12 M18 6L6 18',
  tasks: 'M9 6h11 M9 12h11 M9 18h11 M4 6l1 1 2-2 M4 12l1 1 2-2 M4 18l1 1 2-2',
  payments: 'M3 6h18v12H3z M3 10h18 M7 15h4',
  policy: 'M4 6h10 M18 6h2 M4 12h4 M12 12h8 M4 18h12 M20 18h0 M16 4v4 M10 10v4 M18 16v4',
  run: 'M5 4l14 8-14 8z',
  upload: 'M12 16V4 M7 9l5-5 5 5 M4 20h16',
  pause: 'M8 5v14 M16 5v14',
  flag: 'M5 21V4 M5 4h11l-2 4 2 4H5',
  download: 'M12 4v12 M7 11l5 5 5-5 M4 20h16',
};

export function icon(name, cls = 'icon') {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', cls);
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name] ?? '');
  svg.append(path);
  return svg;
}
