/**
 * Which delivery channels this installation uses. Without configuration (the embedded default)
 * every channel is a folder under RESKONTRA_DATA/outbox/<channel>/, so a fresh `npm start` works
 * offline and what was "sent" can be opened. SMTP_URL, RESKONTRA_PRINT_DIR and
 * RESKONTRA_PEPPOL_DIR switch to the real ones.
 */
import { join } from 'node:path';
import type { DeliveryDeps } from '../application/deliver-outbox.ts';
import { FileDropChannel } from '../adapters/delivery/file-drop-channel.ts';
import { SmtpChannel } from '../adapters/delivery/smtp-channel.ts';
import { StandardDocumentRenderer } from '../adapters/documents/document-renderer.ts';

export function deliveryFromEnv(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): DeliveryDeps {
  const outbox = join(dataDir, 'outbox');
  const smtp = env.SMTP_URL === undefined || env.SMTP_URL === '' ? undefined : env.SMTP_URL;
  return {
    renderer: new StandardDocumentRenderer(env.RESKONTRA_MAIL_DOMAIN ?? 'reskontra.example'),
    channels: {
      email:
        smtp === undefined
          ? new FileDropChannel(join(outbox, 'email'))
          : new SmtpChannel(smtp, env.RESKONTRA_MAIL_FROM ?? 'noreply@reskontra.example'),
      letter: new FileDropChannel(env.RESKONTRA_PRINT_DIR ?? join(outbox, 'letter')),
      einvoice: new FileDropChannel(env.RESKONTRA_PEPPOL_DIR ?? join(outbox, 'einvoice')),
    },
  };
}
