/** Swedish labels for the API's codes. Unknown codes fall back to the code itself. */

export const STATUS = {
  draft: 'Utkast',
  sent: 'Skickad',
  paid: 'Betald',
  credited: 'Krediterad',
  closed: 'Avslutad',
};

export const STAGE = {
  none: '–',
  notice: 'Betalningspåminnelse (avisering)',
  reminder: 'Påminnelse',
  collection_demand: 'Inkassokrav',
  awaiting_decision: 'Inväntar beslut',
  payment_order: 'Betalningsföreläggande',
  surveillance: 'Bevakning',
};

export const STAGE_SHORT = { ...STAGE, notice: 'Avisering' };

export const DELIVERY = { email: 'E-post', letter: 'Brev', einvoice: 'E-faktura' };

export const KIND = { person: 'Privatperson', company: 'Företag' };

export const EVENT = {
  created: 'Faktura skapad',
  sent: 'Faktura skickad',
  credited: 'Kreditfaktura utfärdad',
  notice: 'Avisering skickad',
  reminder: 'Påminnelse skickad',
  reminder_fee: 'Påminnelseavgift',
  collection_demand: 'Inkassokrav skickat',
  collection_fee: 'Inkassoavgift',
  interest: 'Ränta',
  payment: 'Betalning mottagen',
  paid: 'Betald',
  disputed: 'Bestriden',
  dispute_resolved: 'Bestridande löst',
  paused: 'Pausad',
  decision_due: 'Beslut krävs',
  decision: 'Beslut',
  payment_order: 'Betalningsföreläggande',
  surveillance: 'Bevakning',
  closed: 'Avslutad',
  written_off: 'Avskriven',
  document_bounced: 'Utskick kom i retur',
  notice_sent: 'Avisering skickad',
  reminder_sent: 'Påminnelse skickad',
  collection_demand_sent: 'Inkassokrav skickat',
  surveillance_demand_sent: 'Nytt krav (bevakning) skickat',
  decision_payment_order: 'Beslut: betalningsföreläggande',
  decision_surveillance: 'Beslut: bevakning',
  decision_close: 'Beslut: avskrivning',
  payment_reversed: 'Betalning återförd',
  interest_booked: 'Ränta bokförd',
  credit_applied: 'Tillgodohavande avräknat',
  payment_order_served: 'Kronofogden: ansökan delgiven',
  payment_order_contested: 'Kronofogden: bestridd',
  payment_order_decided: 'Kronofogden: utslag meddelat',
  payment_order_withdrawn: 'Kronofogden: ansökan återkallad',
  document_queued: 'Utskick köat',
  document_delivered: 'Utskick levererat',
  document_failed: 'Utskick misslyckades',
};

/** GET /v1/tasks kinds: what the client must act on, in plain Swedish. */
export const TASK = {
  decide_after_demand: 'Beslut efter obetalt inkassokrav',
  file_payment_order: 'Ansök om betalningsföreläggande hos Kronofogden',
  complete_identity_number: 'Komplettera person- eller organisationsnummer',
  complete_registered_address: 'Komplettera folkbokföringsadress',
  email_bounced: 'E-post kom inte fram',
  letter_returned: 'Brev kom i retur',
  delivery_failed: 'Utskick misslyckades',
  delivery_unconfirmed: 'Utskick obekräftat',
};

/** What the client should do for each task kind. */
export const TASK_HINT = {
  decide_after_demand:
    'Kunden har inte betalat inkassokravet. Välj hur ärendet ska gå vidare; inga fler steg tas förrän du har beslutat.',
  file_payment_order:
    'Underlaget för ansökan finns bland fakturans dokument. Lämna in ansökan i Kronofogdens e-tjänst eller på blankett.',
  complete_identity_number:
    'Inkassokravet kan inte skickas utan kundens person- eller organisationsnummer. Lägg in det på kundkortet; kravet går ut vid nästa körning.',
  complete_registered_address:
    'Inkassokravet kräver kundens folkbokförings- eller registrerade adress. Lägg in den på kundkortet.',
  email_bounced:
    'E-postadressen fungerar inte. Ett brev skickas i stället; rätta gärna adressen på kundkortet.',
  letter_returned: 'Brevet kom tillbaka. Kontrollera kundens postadress.',
  delivery_failed: 'Dokumentet kunde inte levereras. Kontrollera kundens uppgifter.',
  delivery_unconfirmed: 'Kanalen har inte bekräftat leveransen. Kontrollera med kunden.',
};

export const PAYMENT_STATUS = {
  unmatched: 'Ej matchad',
  matched: 'Matchad',
  reversed: 'Återförd',
};

export const PAYMENT_KIND = { payment: 'Betalning', deduction: 'Avdrag' };

export const MATCHED_BY = { reference: 'OCR/referens', manual: 'Manuellt', text: 'Fritext' };

export const AFTER_DEMAND = {
  ask: 'Fråga mig (en uppgift skapas)',
  payment_order: 'Ansök om betalningsföreläggande automatiskt',
  surveillance: 'Lägg ärendet i bevakning automatiskt',
};

export const DOCUMENT_KIND = {
  invoice: 'Faktura',
  notice: 'Avisering',
  reminder: 'Påminnelse',
  collection_demand: 'Inkassokrav',
  credit_note: 'Kreditfaktura',
  payment_order: 'Ansökan om betalningsföreläggande',
  payment_order_application: 'Underlag: ansökan om betalningsföreläggande',
};

export const DOCUMENT_STATUS = {
  queued: 'I kö',
  delivered: 'Levererat',
  failed: 'Misslyckades',
  unconfirmed: 'Obekräftat',
  bounced: 'Studsade',
  returned: 'Kom i retur',
};

export const label = (table, code) => table[code] ?? code;

/** Field problems in Swedish, by the server's code (use-case errors carry one). */
const CODES = {
  name_empty: 'Måste fyllas i',
  description_empty: 'Måste fyllas i',
  street_empty: 'Måste fyllas i',
  city_empty: 'Måste fyllas i',
  identity_number_format: 'Skriv numret som ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN',
  identity_number_check_digit: 'Kontrollsiffran stämmer inte',
  identity_number_invalid_date: 'Numret innehåller inget giltigt datum',
  identity_number_not_orgnr: 'Är inget organisationsnummer',
  email_invalid: 'Ogiltig e-postadress',
  email_missing: 'Leverans med e-post kräver en e-postadress',
  address_missing: 'Leverans med brev kräver en postadress',
  peppol_id_missing: 'E-faktura kräver ett Peppol-ID',
  peppol_id_invalid: 'Skriv Peppol-ID som schema:id, t.ex. 0007:5560360793',
  postal_code_invalid: 'Ett svenskt postnummer har fem siffror',
  customer_not_found: 'Välj en kund',
  rows_empty: 'Lägg till minst en rad',
  rows_required: 'Välj minst en rad',
  rows_too_many: 'För många rader',
  quantity_not_positive: 'Antalet måste vara större än 0',
  amount_too_large: 'Orimligt stort belopp',
  total_not_positive: 'Fakturans summa måste vara större än 0',
  vat_rate_total_negative: 'Raderna med denna momssats blir negativa',
  due_date_and_terms: 'Ange förfallodatum eller villkor, inte båda',
  due_date_before_invoice_date: 'Förfallodatum kan inte vara före fakturadatum',
  terms_out_of_range: 'Villkoret måste vara 0–365 dagar',
  invoice_date_in_future: 'Fakturan kan inte skickas före sitt fakturadatum',
  credit_exceeds_invoiced: 'Mer än vad som återstår att kreditera med denna momssats',
  credit_exceeds_open_balance: 'Krediteringen överstiger det som återstår att betala',
  pause_in_past: 'Pausen måste sluta i dag eller senare',
  not_yet_decided:
    'Referensräntan fastställs vid halvårsskiftet före; den kan publiceras högst 14 dagar i förväg',
  seller_address_missing:
    'Ert företag saknar postadress, som måste stå på fakturan. Be operatören lägga in den.',
};

/** Validation messages of the request schemas (English) that a user meets often. */
const MESSAGES = [
  [/not a valid organisationsnummer/i, 'Ogiltigt organisationsnummer'],
  [/bankgiro/i, 'Ogiltigt bankgironummer (7–8 siffror med kontrollsiffra)'],
  [/must be a date|not a calendar date/i, 'Ange ett datum ÅÅÅÅ-MM-DD'],
  [/invalid email/i, 'Ogiltig e-postadress'],
  [/too small|>=1 char|must not be empty/i, 'Måste fyllas i'],
  [/expected string, received undefined|required/i, 'Måste fyllas i'],
  [/ISO 3166/i, 'Landskod med två bokstäver, t.ex. SE'],
  [/at most three decimals/i, 'Högst tre decimaler'],
];

/** An issue {path, message, code?} in Swedish when we know it, else as sent. */
export function translateIssue(issue) {
  if (issue?.code && CODES[issue.code]) return CODES[issue.code];
  const message = issue?.message ?? '';
  for (const [pattern, swedish] of MESSAGES) if (pattern.test(message)) return swedish;
  return message;
}

/** A whole problem's headline in Swedish. */
export function problemHeadline(error) {
  switch (error?.status) {
    case 0:
      return 'Kunde inte nå servern. Kontrollera anslutningen och försök igen.';
    case 400:
    case 422:
      return 'Kontrollera de markerade fälten.';
    case 401:
      return 'API-nyckeln är inte giltig.';
    case 403:
      return 'Nyckeln har inte behörighet till detta.';
    case 404:
      return 'Hittades inte.';
    case 409:
      return error?.code === 'bank_file_already_imported'
        ? 'Filen är redan inläst.'
        : 'Åtgärden kunde inte utföras i fakturans nuvarande läge.';
    case 501:
      return 'Funktionen finns inte ännu.';
    default:
      return 'Något gick fel på serverns sida. Försök igen.';
  }
}
