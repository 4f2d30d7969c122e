/**
 * Inkassoinställningar: the client's collection policy (GET/PATCH /v1/tenants/{id}/policy) —
 * every interval, term, fee and option. The server checks the law; its 422 issues (value and
 * limit) are shown in Swedish under the field they name.
 */
import { request, sessionTenantId } from '../api.js';
import { h, replace } from '../dom.js';
import { busy, clearErrors, field, select, showErrors } from '../forms.js';
import { formatOre, oreToInput, parseKronor } from '../format.js';
import { AFTER_DEMAND } from '../labels.js';
import { card, errorState, loading, pageHeader, toast } from '../ui.js';

const DAY_FIELDS = [
  [
    'noticeDaysAfterDue',
    'Avisering',
    'dagar efter förfallodagen',
    'E-post till kunden om att fakturan är obetald. 1–90 dagar.',
  ],
  [
    'reminderDaysAfterDue',
    'Påminnelse',
    'dagar efter förfallodagen',
    'Efter aviseringen. 1–90 dagar.',
  ],
  ['reminderTermsDays', 'Betalningstid på påminnelsen', 'dagar', '1–60 dagar.'],
  [
    'demandDaysAfterReminderDue',
    'Inkassokrav',
    'dagar efter påminnelsens förfallodag',
    '1–90 dagar.',
  ],
  [
    'demandTermsDays',
    'Betalningstid på inkassokravet',
    'dagar',
    'Minst 8 dagar (god inkassosed), högst 60.',
  ],
];

const FEE_FIELDS = [
  [
    'reminderFee',
    'Påminnelseavgift',
    'Högst 60 kr (lag 1981:739). Tas bara ut om kunden har avtalat den.',
  ],
  ['collectionFee', 'Inkassoavgift', 'Högst 180 kr (lag 1981:739).'],
  [
    'writeOffBelow',
    'Skriv av restbelopp under',
    'Ett litet restbelopp efter en betalning skrivs av. 0 = aldrig, högst 500 kr.',
  ],
];

/** The server's reasons ("why") in Swedish. */
const WHY = [
  [/legal cap, lag 1981:739 4 § p\.1/, 'lagens tak, 4 § 1 p. lag (1981:739)'],
  [/legal cap, lag 1981:739 4 § p\.2/, 'lagens tak, 4 § 2 p. lag (1981:739)'],
  [/god inkassosed/, 'god inkassosed: minst 8 dagar från avsändandet'],
  [
    /räntelagen 6 §/,
    'räntelagen 6 §: referensräntan + högst 8 procentenheter; avtala fast ränta för mer',
  ],
  [/sanity limit 30 %/, 'rimlighetsgräns 30 %'],
  [/sanity limit 500 kr/, 'rimlighetsgräns 500 kr'],
  [/notice before the day after due/, 'en avisering måste komma efter förfallodagen'],
  [/reminder must come after the due date/, 'en påminnelse måste komma efter förfallodagen'],
  [/reminder must leave time to pay/, 'en påminnelse måste ge tid att betala'],
  [
    /demand must come after the reminder/,
    'ett inkassokrav måste komma efter påminnelsens förfallodag',
  ],
  [/limitation period/, 'ett nytt krav minst var 24:e månad hindrar att fordran preskriberas'],
];
const why = (text) => WHY.find(([pattern]) => pattern.test(text))?.[1] ?? text;

const percentText = (basisPoints) => `${String(Number(basisPoints) / 100).replace('.', ',')} %`;

/** A policy issue {path, message, code} in Swedish, keeping the value and the limit. */
export function policyIssueText(issue) {
  const m = issue.message ?? '';
  let match = /^\S+ (-?\d+) is outside (\d+)\.\.(\d+) (days|months) \((.+)\)$/.exec(m);
  if (match) {
    const unit = match[4] === 'days' ? 'dagar' : 'månader';
    return `${match[1]} ${unit} är utanför ${match[2]}–${match[3]} ${unit} (${why(match[5])})`;
  }
  match = /^\S+ (-?\d+) is outside (\d+)\.\.(\d+) basis points \((.+)\)$/.exec(m);
  if (match)
    return `${percentText(match[1])} är utanför ${percentText(match[2])}–${percentText(match[3])} (${why(match[4])})`;
  match = /^\S+ (\d+) öre exceeds (\d+) öre \((.+)\)$/.exec(m);
  if (match)
    return `${formatOre(match[1])} är mer än tillåtna ${formatOre(match[2])} (${why(match[3])})`;
  match = /^\S+ (-?\d+) öre is negative/.exec(m);
  if (match) return 'Får inte vara negativt';
  match = /^reminderDaysAfterDue (\d+) must be greater than noticeDaysAfterDue (\d+)/.exec(m);
  if (match) return `Påminnelsen måste komma efter aviseringen (${match[2]} dagar)`;
  if (/must be a whole number/.test(m)) return 'Ange ett heltal';
  if (/at most two decimals/.test(m)) return 'Högst två decimaler';
  if (/^latePaymentCompensation needs late-payment interest/.test(m))
    return 'Förseningsersättning kräver att dröjsmålsränta kan tas ut: kryssa i att förfallodagen är avtalad i förväg eller att fakturan upplyser om ränta (lag 1981:739 4 a §)';
  return m;
}

/** The API's paths for the interest rates are basis points; the form's fields are percent. */
const FORM_PATH = {
  'interest.marginBasisPoints': 'interest.marginPercent',
  'interest.rateBasisPoints': 'interest.ratePercent',
};

/** "8" / "8,5" / "7.25" → 8.5 as a JSON number (at most two decimals), else null. */
export function parsePercent(text) {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(String(text).replace(/[\s%]/g, ''));
  if (!match) return null;
  return Number(match[2] ? `${match[1]}.${match[2]}` : match[1]);
}

const percentInput = (value) => (value === undefined ? '' : String(value).replace('.', ','));

function unitField({ label, path, value, unit, hint, inputmode = 'numeric' }) {
  const control = h('input', {
    type: 'text',
    name: path,
    value: value ?? '',
    inputmode,
    autocomplete: 'off',
    class: 'input-unit',
  });
  const el = field({ label, path, control, hint });
  const wrap = h('div', { class: 'unit-input' }, h('span', { class: 'unit' }, unit));
  control.replaceWith(wrap);
  wrap.prepend(control);
  return el;
}

const checkbox = (path, checked, title, hint) =>
  h(
    'div',
    { class: 'field span-2 checkbox-field', dataset: { path } },
    h(
      'label',
      { class: 'check', for: `policy-${path}` },
      h('input', { type: 'checkbox', name: path, id: `policy-${path}`, checked: Boolean(checked) }),
      h('span', {}, h('strong', {}, title), h('span', { class: 'field-hint' }, hint)),
    ),
    h('p', { class: 'field-error' }),
  );

function interestCard(p) {
  const kind = p.interest?.kind ?? 'statutory';
  const radio = (value, text, hint) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'interest.kind', value, checked: kind === value }),
      h('span', {}, h('strong', {}, text), h('span', { class: 'muted small' }, hint)),
    );
  const margin = unitField({
    label: 'Påslag på referensräntan',
    path: 'interest.marginPercent',
    value: percentInput(p.interest?.marginPercent ?? 8),
    unit: '%',
    inputmode: 'decimal',
    hint: 'Högst 8 procentenheter (räntelagen 6 §).',
  });
  const rate = unitField({
    label: 'Fast ränta',
    path: 'interest.ratePercent',
    value: percentInput(p.interest?.ratePercent ?? ''),
    unit: '%',
    inputmode: 'decimal',
    hint: 'Måste vara avtalad med kunden. Högst 30 %.',
  });
  const sync = (form) => {
    const chosen = form.querySelector('input[name="interest.kind"]:checked')?.value;
    margin.hidden = chosen !== 'statutory';
    rate.hidden = chosen !== 'fixed';
  };
  const node = card(
    'Dröjsmålsränta',
    h(
      'div',
      { class: 'form-grid' },
      h(
        'fieldset',
        { class: 'field choice-group span-2 interest-kind', dataset: { path: 'interest.kind' } },
        h('legend', {}, 'Räntesats'),
        h(
          'div',
          { class: 'choice-row' },
          radio('statutory', 'Räntelagen', 'Referensräntan + påslag, ändras varje halvår.'),
          radio('fixed', 'Fast ränta', 'En avtalad räntesats.'),
        ),
        h('p', { class: 'field-error' }),
      ),
      margin,
      rate,
      checkbox(
        'dueDatesAgreedInAdvance',
        p.dueDatesAgreedInAdvance,
        'Förfallodagen är avtalad i förväg',
        'Räntan löper från dagen efter förfallodagen (räntelagen 3 §); annars 30 dagar efter att fakturan skickades (4 §).',
      ),
      checkbox(
        'interestNoticeOnInvoice',
        p.interestNoticeOnInvoice,
        'Fakturan upplyser om dröjsmålsränta',
        'Krävs för ränta från 30 dagar efter att fakturan skickades (räntelagen 4 §).',
      ),
    ),
  );
  node.addEventListener('change', (event) => {
    if (event.target.name === 'interest.kind') sync(node);
  });
  sync(node);
  return node;
}

/** Options the API may have that this screen has no own control for: shown generically. */
const KNOWN = new Set([
  'version',
  ...DAY_FIELDS.map(([k]) => k),
  ...FEE_FIELDS.map(([k]) => k),
  'interest',
  'dueDatesAgreedInAdvance',
  'interestNoticeOnInvoice',
  'afterDemand',
  'surveillanceIntervalMonths',
]);
const EXTRA_LABELS = {
  latePaymentCompensation: [
    'Förseningsersättning 450 kr (företagskunder)',
    'I stället för påminnelse- och inkassoavgift när kunden är ett företag (lag 1981:739 4 a §). Kräver att dröjsmålsränta kan tas ut: förfallodag avtalad i förväg eller upplysning om ränta på fakturan.',
  ],
};

function extraFields(p) {
  const extras = Object.entries(p).filter(([k, v]) => !KNOWN.has(k) && typeof v === 'boolean');
  if (extras.length === 0) return null;
  return card(
    'Företagskunder och övrigt',
    h(
      'div',
      { class: 'form-grid' },
      extras.map(([k, v]) => {
        const [title, hint] = EXTRA_LABELS[k] ?? [k, ''];
        return checkbox(k, v, title, hint);
      }),
    ),
  );
}

function readForm(form, policy) {
  const value = (name) => form.elements.namedItem(name)?.value?.trim() ?? '';
  const errors = [];
  const body = {};
  const whole = (name) => {
    const text = value(name);
    if (!/^\d{1,4}$/.test(text)) {
      errors.push({ path: name, message: 'Ange ett heltal' });
      return;
    }
    if (Number(text) !== policy[name]) body[name] = Number(text);
  };
  for (const [name] of DAY_FIELDS) whole(name);
  whole('surveillanceIntervalMonths');
  for (const [name] of FEE_FIELDS) {
    const amount = parseKronor(value(name));
    if (amount === null)
      errors.push({ path: name, message: 'Ange ett belopp i kronor, t.ex. 60,00' });
    else if (amount !== policy[name]) body[name] = amount;
  }
  const kind = form.querySelector('input[name="interest.kind"]:checked')?.value ?? 'statutory';
  const percentPath = kind === 'statutory' ? 'interest.marginPercent' : 'interest.ratePercent';
  const percent = parsePercent(value(percentPath));
  if (percent === null)
    errors.push({ path: percentPath, message: 'Ange en procentsats, t.ex. 8 eller 7,5' });
  else {
    const interest =
      kind === 'statutory' ? { kind, marginPercent: percent } : { kind, ratePercent: percent };
    if (JSON.stringify(interest) !== JSON.stringify(policy.interest)) body.interest = interest;
  }
  for (const [name, v] of Object.entries(policy)) {
    if (typeof v !== 'boolean') continue;
    const checked = form.elements.namedItem(name)?.checked;
    if (checked !== undefined && checked !== v) body[name] = checked;
  }
  if (value('afterDemand') !== policy.afterDemand) body.afterDemand = value('afterDemand');
  return { body, errors };
}

/** The policy's fields, card by card (extra options the API adds come after). */
const policyCards = (policy) => [
  card(
    'Tidsfrister',
    h(
      'div',
      { class: 'form-grid form-grid-3' },
      DAY_FIELDS.map(([path, label, unit, hint]) =>
        unitField({ label, path, value: policy[path], unit, hint }),
      ),
    ),
  ),
  card(
    'Avgifter',
    h(
      'div',
      { class: 'form-grid form-grid-3' },
      FEE_FIELDS.map(([path, label, hint]) =>
        unitField({
          label,
          path,
          value: oreToInput(policy[path]),
          unit: 'kr',
          hint,
          inputmode: 'decimal',
        }),
      ),
    ),
  ),
  interestCard(policy),
  card(
    'Efter obetalt inkassokrav',
    h(
      'div',
      { class: 'form-grid' },
      field({
        label: 'När inkassokravet förfallit obetalt',
        path: 'afterDemand',
        control: select(Object.entries(AFTER_DEMAND), {
          name: 'afterDemand',
          value: policy.afterDemand,
        }),
        hint: 'Betalningsföreläggande lägger till 300 kr (Kronofogden) + 380 kr (ansökan).',
      }),
      unitField({
        label: 'Bevakning: nytt krav efter',
        path: 'surveillanceIntervalMonths',
        value: policy.surveillanceIntervalMonths,
        unit: 'månader',
        hint: '1–24 månader; varje krav avbryter preskriptionen.',
      }),
    ),
  ),
];

function renderForm(main, tenantId, policy) {
  const form = h(
    'form',
    { class: 'policy-form', novalidate: true, id: 'policy-form' },
    policyCards(policy),
    extraFields(policy),
    h(
      'div',
      { class: 'form-actions' },
      h('span', { class: 'muted small policy-version' }, `Version ${policy.version}`),
      h('button', { type: 'submit', class: 'button button-primary' }, 'Spara inställningar'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { body, errors } = readForm(form, policy);
    if (errors.length) {
      showErrors(form, { errors });
      return;
    }
    if (Object.keys(body).length === 0) {
      clearErrors(form);
      toast('Inga ändringar att spara');
      return;
    }
    void busy(form, async () => {
      try {
        const saved = await request('PATCH', `/v1/tenants/${tenantId}/policy`, { body });
        toast(`Inställningarna är sparade (version ${saved.version})`);
        renderForm(main, tenantId, saved);
      } catch (error) {
        for (const issue of error.errors ?? []) {
          issue.path = FORM_PATH[issue.path] ?? issue.path;
          issue.message = policyIssueText(issue);
          delete issue.code;
        }
        showErrors(form, error);
      }
    });
  });
  replace(
    main,
    pageHeader({
      title: 'Inkassoinställningar',
      subtitle:
        'Hur och när obetalda fakturor drivs vidare. Ändringar gäller från nästa körning; varje steg sparar vilken version som beslutade det.',
    }),
    form,
  );
}

export function policyView(main) {
  const tenantId = sessionTenantId();
  replace(main, loading());
  if (!tenantId) {
    replace(
      main,
      pageHeader({ title: 'Inkassoinställningar' }),
      errorState({ status: 404, problem: { detail: 'Klientens id saknas i nyckeln.' } }),
    );
    return;
  }
  request('GET', `/v1/tenants/${tenantId}/policy`)
    .then((policy) => renderForm(main, tenantId, policy))
    .catch((error) =>
      replace(main, pageHeader({ title: 'Inkassoinställningar' }), errorState(error)),
    );
}
