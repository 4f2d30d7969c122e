/** Sign in with an API key: a tenant key opens the client's screens, the operator token the operator's. */
import { ApiError, identifyKey, tenantForKey } from '../api.js';
import { h } from '../dom.js';
import { busy, field, input, showErrors } from '../forms.js';

export function signInView({ onSignedIn }) {
  const keyInput = input({
    type: 'password',
    name: 'apiKey',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'rk_…',
    required: true,
  });
  const form = h(
    'form',
    { class: 'signin-form', novalidate: true },
    field({
      label: 'API-nyckel',
      path: 'apiKey',
      control: keyInput,
      hint: 'Klientens API-nyckel, eller operatörens nyckel för att skapa klienter.',
    }),
    h('button', { type: 'submit', class: 'button button-primary button-block' }, 'Logga in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = keyInput.value.trim();
    if (key === '') {
      showErrors(form, { errors: [{ path: 'apiKey', message: 'Ange din API-nyckel' }] });
      return;
    }
    void busy(form, async () => {
      try {
        const kind = await identifyKey(key);
        const tenant = kind === 'tenant' ? await tenantForKey(key) : null;
        onSignedIn({
          key,
          kind,
          tenantId: tenant?.id ?? null,
          tenantName: tenant?.name ?? null,
          organisationNumber: tenant?.organisationNumber ?? null,
        });
      } catch (error) {
        const message =
          error instanceof ApiError && error.status === 401
            ? 'Nyckeln är inte giltig. Kontrollera att du kopierat hela nyckeln.'
            : 'Kunde inte logga in just nu. Försök igen.';
        showErrors(form, { errors: [{ path: 'apiKey', message }] });
      }
    });
  });
  return h(
    'div',
    { class: 'signin' },
    h(
      'div',
      { class: 'signin-card' },
      h(
        'div',
        { class: 'brand brand-large' },
        h('span', { class: 'brand-mark' }, 'R'),
        'Reskontra',
      ),
      h('h1', {}, 'Logga in'),
      h('p', { class: 'lead' }, 'Fakturering, påminnelser och inkasso – med bokföringen klar.'),
      form,
      h(
        'p',
        { class: 'signin-note' },
        'Nyckeln sparas bara i den här fliken och glöms när du stänger den.',
      ),
    ),
  );
}
