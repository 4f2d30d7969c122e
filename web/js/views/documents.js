/** The documents sent for an invoice (invoice, notices, reminders, demands, credit notes). */
import { request } from '../api.js';
import { h, icon } from '../dom.js';
import { DELIVERY, DOCUMENT_KIND, DOCUMENT_STATUS, label } from '../labels.js';
import { card, toast } from '../ui.js';

const { document, URL } = globalThis;

/** The first PDF attached to an e-mail (message/rfc822 text), or null. */
function pdfFromEmail(text) {
  const match =
    /Content-Type:\s*application\/pdf[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(
      text,
    );
  if (!match) return null;
  try {
    const binary = globalThis.atob(match[1].replace(/\s+/g, ''));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new globalThis.Blob([bytes], { type: 'application/pdf' });
  } catch {
    return null;
  }
}

function download(url, name) {
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Opens a document in a new tab: a PDF or e-invoice as it is, an e-mail as its PDF attachment
 * (an e-mail without one is downloaded). The tab is opened at the click, so pop-up blockers
 * allow it, and filled once the authenticated fetch has the bytes.
 */
async function openDocument(doc) {
  const tab = globalThis.window.open('', '_blank');
  try {
    const response = await request('GET', `/v1/documents/${doc.id}`, { raw: true });
    let blob = await response.blob();
    if (blob.type.startsWith('message/rfc822')) blob = pdfFromEmail(await blob.text()) ?? blob;
    const url = URL.createObjectURL(blob);
    if (tab && !blob.type.startsWith('message/')) tab.location.href = url;
    else {
      tab?.close();
      const disposition = response.headers.get('content-disposition') ?? '';
      download(url, /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${doc.kind}-${doc.date}`);
    }
    globalThis.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch {
    tab?.close();
    toast('Dokumentet kunde inte hämtas.', 'error');
  }
}

export function documentsCard(documents) {
  return card(
    'Dokument',
    documents.length === 0
      ? h(
          'p',
          { class: 'muted small' },
          'Inga utskick ännu. Fakturan, påminnelser och krav listas här när de skickats.',
        )
      : h(
          'ul',
          { class: 'doc-list' },
          documents.map((doc) =>
            h(
              'li',
              {},
              icon('document'),
              h(
                'div',
                {},
                h('strong', {}, label(DOCUMENT_KIND, doc.kind)),
                h(
                  'span',
                  { class: 'muted small' },
                  `${doc.date} · ${label(DELIVERY, doc.channel)} · ${label(DOCUMENT_STATUS, doc.status)}`,
                ),
              ),
              h(
                'button',
                { type: 'button', class: 'link-button', onclick: () => void openDocument(doc) },
                'Visa',
              ),
            ),
          ),
        ),
  );
}
