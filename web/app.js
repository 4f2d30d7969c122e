/**
 * Reskontra web UI: a hash-routed single page over the HTTP API. No build step; every screen is
 * an ES module under js/views/. The API key lives in sessionStorage for the tab's lifetime.
 */
import { getSession, resetServiceToday, setSession, setUnauthorizedHandler } from './js/api.js';
import { resetCustomers } from './js/customers-cache.js';
import { h, icon, replace } from './js/dom.js';
import { booksView } from './js/views/books.js';
import { customerFormView } from './js/views/customer-form.js';
import { customersView } from './js/views/customers.js';
import { invoiceDetailView } from './js/views/invoice-detail.js';
import { invoiceFormView } from './js/views/invoice-form.js';
import { invoicesView } from './js/views/invoices.js';
import { paymentsView } from './js/views/payments.js';
import { policyView } from './js/views/policy.js';
import { runsView } from './js/views/runs.js';
import { signInView } from './js/views/signin.js';
import { tasksView } from './js/views/tasks.js';
import { tenantsView } from './js/views/tenants.js';

const { document, location, window } = globalThis;

/** [pattern, view, nav section, who may see it]. Patterns match the hash path. */
const ROUTES = [
  [/^\/fakturor$/, invoicesView, 'fakturor', 'tenant'],
  [/^\/fakturor\/ny$/, invoiceFormView, 'fakturor', 'tenant'],
  [/^\/fakturor\/([0-9a-f-]{36})$/, invoiceDetailView, 'fakturor', 'tenant'],
  [/^\/kunder$/, customersView, 'kunder', 'tenant'],
  [/^\/kunder\/ny$/, customerFormView, 'kunder', 'tenant'],
  [/^\/kunder\/([0-9a-f-]{36})$/, customerFormView, 'kunder', 'tenant'],
  [/^\/uppgifter$/, tasksView, 'uppgifter', 'tenant'],
  [/^\/betalningar$/, paymentsView, 'betalningar', 'tenant'],
  [/^\/bokforing$/, booksView, 'bokforing', 'tenant'],
  [/^\/installningar$/, policyView, 'installningar', 'tenant'],
  [/^\/klienter$/, tenantsView, 'klienter', 'operator'],
  [/^\/korningar$/, runsView, 'korningar', 'operator'],
];

const NAV = {
  tenant: [
    ['fakturor', 'Fakturor', 'invoice'],
    ['kunder', 'Kunder', 'customers'],
    ['uppgifter', 'Uppgifter', 'tasks'],
    ['betalningar', 'Betalningar', 'payments'],
    ['bokforing', 'Bokföring', 'books'],
    ['installningar', 'Inkassoinställningar', 'policy'],
  ],
  operator: [
    ['klienter', 'Klienter', 'tenants'],
    ['korningar', 'Körningar', 'run'],
  ],
};

const HOME = { tenant: '#/fakturor', operator: '#/klienter' };

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, queryText = ''] = raw.split('?');
  return { path, query: new URLSearchParams(queryText) };
}

export function signOut() {
  setSession(null);
  resetCustomers();
  resetServiceToday();
  location.hash = '';
  render();
}

function sidebar(session, section) {
  const who =
    session.kind === 'operator'
      ? h('div', { class: 'who' }, h('strong', {}, 'Operatör'), h('span', {}, 'Hanterar klienter'))
      : h(
          'div',
          { class: 'who' },
          h('strong', {}, session.tenantName ?? 'Inloggad klient'),
          session.organisationNumber ? h('span', {}, `Org.nr ${session.organisationNumber}`) : null,
        );
  return h(
    'aside',
    { class: 'sidebar' },
    h(
      'div',
      { class: 'sidebar-inner' },
      h(
        'a',
        { class: 'brand', href: HOME[session.kind] },
        h('span', { class: 'brand-mark' }, 'R'),
        h('span', { class: 'brand-name' }, 'Reskontra'),
      ),
      h(
        'nav',
        { 'aria-label': 'Huvudmeny' },
        h(
          'ul',
          {},
          NAV[session.kind].map(([id, text, iconName]) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `#/${id}`,
                  class: id === section ? 'active' : null,
                  'aria-current': id === section ? 'page' : null,
                },
                icon(iconName),
                text,
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'sidebar-footer' },
        who,
        h(
          'button',
          { type: 'button', class: 'signout', onclick: signOut },
          icon('logout'),
          'Logga ut',
        ),
      ),
    ),
  );
}

function notFoundView(main) {
  replace(
    main,
    h(
      'div',
      { class: 'empty-state' },
      h('p', { class: 'empty-title' }, 'Sidan finns inte'),
      h('a', { href: '#/' }, 'Till startsidan'),
    ),
  );
}

function signedIn(session) {
  setSession(session);
  resetCustomers();
  resetServiceToday();
  if (location.hash === HOME[session.kind]) render();
  else location.hash = HOME[session.kind];
}

export function render() {
  const root = document.getElementById('root');
  const session = getSession();
  if (!session) {
    replace(root, signInView({ onSignedIn: signedIn }));
    document.title = 'Logga in · Reskontra';
    return;
  }
  const { path, query } = parseHash();
  const route = ROUTES.find(([pattern, , , who]) => who === session.kind && pattern.test(path));
  if (!route && (path === '/' || path === '')) {
    location.replace(HOME[session.kind]);
    return;
  }
  // A fresh <main> per navigation: a screen still loading writes into a detached node.
  const main = h('main', { id: 'main', tabindex: '-1' });
  replace(
    root,
    h(
      'div',
      { class: 'shell' },
      sidebar(session, route?.[2]),
      h('div', { class: 'content' }, main),
    ),
  );
  if (!route) {
    notFoundView(main);
    return;
  }
  const [pattern, view, section, who] = route;
  const sectionName = NAV[who].find(([id]) => id === section)?.[1];
  document.title = sectionName ? `${sectionName} · Reskontra` : 'Reskontra';
  const params = pattern.exec(path).slice(1);
  view(main, { params, query, session });
  window.scrollTo(0, 0);
}

setUnauthorizedHandler(() => {
  setSession(null);
  resetCustomers();
  resetServiceToday();
  render();
});
window.addEventListener('hashchange', render);
render();
