/**
 * Standard wordings for the text blocks of a reminder and an inkassokrav (inkassolagen 5 §: what
 * the claim is based on, how to object, what happens otherwise). Must not: decide deadlines.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type {
  CollectionLetterData,
  DocumentLanguage,
} from '../../domain/documents/document-data.ts';

export type CollectionTextsInput = {
  readonly kind: CollectionLetterData['kind'];
  readonly language: DocumentLanguage;
  readonly creditorName: string;
  readonly collectorName: string;
  /** How to reach whoever handles objections: "inkasso@reskontra.se, 08-123 45 67". */
  readonly contact: string;
  readonly documentNumber: string;
  readonly invoiceNumber: string;
  readonly invoiceDate: CalendarDate;
  readonly dueDate: CalendarDate;
  readonly payBy: CalendarDate;
  /** What was sold, in a few words ("konsulttjänster i mars 2025"); optional. */
  readonly subject?: string | undefined;
};

type Texts = CollectionLetterData['texts'];

function swedish(input: CollectionTextsInput): Texts {
  const about = input.subject ? ` avseende ${input.subject}` : '';
  if (input.kind === 'reminder') {
    return {
      basisOfClaim:
        `Vi har ännu inte fått betalt för faktura ${input.invoiceNumber} daterad ` +
        `${input.invoiceDate}${about}, som förföll till betalning ${input.dueDate}. ` +
        'Har du redan betalat kan du bortse från den här påminnelsen.',
      whatHappensNext:
        `Om vi inte har fått betalt senast ${input.payBy} kan fordringen lämnas till inkasso. ` +
        'Det medför ytterligare kostnader för dig.',
      howToObject:
        'Har du frågor om fakturan, eller anser du att den är felaktig, kontakta oss så snart ' +
        `som möjligt: ${input.contact}.`,
    };
  }
  return {
    basisOfClaim:
      `Kravet avser obetald faktura ${input.invoiceNumber} daterad ${input.invoiceDate}${about} ` +
      `från ${input.creditorName}, med förfallodag ${input.dueDate}. ${input.creditorName} har ` +
      `gett ${input.collectorName} i uppdrag att driva in fordringen.`,
    whatHappensNext:
      `Om du varken betalar eller invänder senast ${input.payBy} kommer vi att ansöka om ` +
      'betalningsföreläggande hos Kronofogdemyndigheten. Kronofogdens ansökningsavgift (300 kr) ' +
      'och ersättning för ansökan (380 kr) läggs då till kravet. Ett utslag kan leda till en ' +
      'betalningsanmärkning.',
    howToObject:
      'Anser du att kravet helt eller delvis är felaktigt ska du invända skriftligen senast ' +
      `${input.payBy} och ange skälen. Skicka invändningen till ${input.collectorName}, ` +
      `${input.contact}, och ange ärendenummer ${input.documentNumber}. Betala den del av ` +
      'kravet som du inte invänder mot.',
  };
}

function english(input: CollectionTextsInput): Texts {
  const about = input.subject ? ` for ${input.subject}` : '';
  if (input.kind === 'reminder') {
    return {
      basisOfClaim:
        `We have not yet received payment of invoice ${input.invoiceNumber} dated ` +
        `${input.invoiceDate}${about}, which fell due on ${input.dueDate}. ` +
        'If you have already paid, please disregard this reminder.',
      whatHappensNext:
        `If we have not received payment by ${input.payBy}, the claim may be passed on for debt ` +
        'collection. That adds further costs for you.',
      howToObject:
        'If you have questions about the invoice, or think it is wrong, please contact us as ' +
        `soon as possible: ${input.contact}.`,
    };
  }
  return {
    basisOfClaim:
      `The claim concerns unpaid invoice ${input.invoiceNumber} dated ${input.invoiceDate}` +
      `${about} from ${input.creditorName}, due on ${input.dueDate}. ${input.creditorName} ` +
      `has instructed ${input.collectorName} to collect the debt.`,
    whatHappensNext:
      `If you neither pay nor object by ${input.payBy}, we will apply to the Swedish ` +
      'Enforcement Authority (Kronofogden) for an order to pay (betalningsföreläggande). Its ' +
      'application fee (300 kr) and compensation for the application (380 kr) are then added ' +
      'to the claim. A decision against you may lead to a payment remark.',
    howToObject:
      `If you think the claim is wrong, in whole or in part, object in writing by ${input.payBy} ` +
      `and give your reasons. Send the objection to ${input.collectorName}, ${input.contact}, ` +
      `quoting case number ${input.documentNumber}. Pay the part you do not dispute.`,
  };
}

export function standardCollectionTexts(input: CollectionTextsInput): Texts {
  return input.language === 'en' ? english(input) : swedish(input);
}
