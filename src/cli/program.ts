/**
 * The `reskontra` command line: serve, migrate, tenant create. Thin like a route: parse argv,
 * call a use case, print. Every command has --help.
 */
import { Command } from 'commander';
import { ensureOperatorToken } from '../application/operator-token.ts';
import { createTenant } from '../application/tenants.ts';
import { ManualClock } from '../adapters/clock/manual-clock.ts';
import { readFile } from 'node:fs/promises';
import { migrate } from '../adapters/db/migrate.ts';
import { importBankFile } from '../application/payments/import-bank-file.ts';
import { OPERATOR_SCOPE } from '../application/payments/payment-store.ts';
import { stockholmTime } from '../adapters/clock/system-clock.ts';
import { runCollection } from '../application/collection/run-collection.ts';
import { parseCalendarDate } from '../domain/calendar-date.ts';
import { startDailyCollection } from '../jobs/daily-collection.ts';
import { parsePayoutTime, startDailyPayouts } from '../jobs/daily-payouts.ts';
import { progressBar } from './progress-bar.ts';
import { buildApp, logSerializers } from '../http/app.ts';
import { compose, openDatabase, readConfig } from './compose.ts';
import { deliveryFromEnv } from './delivery.ts';
import { startOutboxLoop } from '../jobs/outbox-loop.ts';

export function buildProgram(): Command {
  const program = new Command('reskontra')
    .description('Invoicing and collection for Swedish businesses')
    .version('0.1.0')
    .showHelpAfterError();

  program
    .command('serve')
    .description('Start the HTTP API, the API docs (/docs) and the web UI on PORT (default 3000)')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'address to bind (default 127.0.0.1; HOST)')
    .option('--no-dispatch', 'do not deliver queued documents from this process')
    .option('--no-schedule', 'do not run the daily collection and payouts from this process')
    .action(
      async (opts: { port?: string; host?: string; dispatch?: boolean; schedule?: boolean }) => {
        const config = readConfig({
          ...process.env,
          ...(opts.port ? { PORT: opts.port } : {}),
          ...(opts.host ? { HOST: opts.host } : {}),
        });
        const payoutAt = parsePayoutTime(process.env.RESKONTRA_PAYOUT_AT);
        const started = Date.now();
        const { db, ctx, clock } = await compose(config);
        const token = await ensureOperatorToken(db, ctx.keys, config.adminToken);
        const delivery = deliveryFromEnv(config.dataDir);
        const manual = clock instanceof ManualClock ? clock : undefined;
        const latestRun = await ctx.uow.read.collection.latestRunDate();
        if (manual !== undefined && latestRun !== null) manual.set(latestRun);
        const app = await buildApp({
          ctx,
          delivery,
          operatorTokenHash: token.hash,
          collection: {
            clockMode: config.clock,
            ...(manual === undefined ? {} : { advanceClock: (date) => manual.set(date) }),
          },
          logger: {
            level: process.env.LOG_LEVEL ?? 'info',
            serializers: logSerializers,
            redact: ['req.headers.authorization', 'identityNumber', '*.identityNumber'],
          },
        });
        const address = await app.listen({ port: config.port, host: config.host });
        const where =
          config.databaseUrl === undefined
            ? `embedded database in ${config.dataDir}`
            : 'PostgreSQL (DATABASE_URL)';
        console.log(
          `Reskontra is running at ${address}  (API docs: ${address}/docs, ${where}, ready in ${Date.now() - started} ms)`,
        );
        if (token.generated !== null) {
          console.log(`Operator token (shown once, keep it): ${token.generated}`);
        }
        const stopOutbox =
          opts.dispatch === false
            ? async () => undefined
            : startOutboxLoop(ctx, delivery, {
                intervalMs: Number(process.env.RESKONTRA_OUTBOX_INTERVAL_MS ?? '2000'),
                log: (message, error) =>
                  error === undefined
                    ? app.log.info(message)
                    : app.log.error({ err: error }, message),
              });
        const scheduled = opts.schedule !== false && config.clock !== 'manual';
        const jobLog = (message: string, error?: unknown) =>
          error === undefined ? app.log.info(message) : app.log.error({ err: error }, message);
        const stopSchedule = !scheduled
          ? async () => undefined
          : startDailyCollection(ctx, {
              runAt: process.env.RESKONTRA_RUN_AT ?? '06:00',
              stockholmTime: () => stockholmTime(new Date()),
              log: jobLog,
            });
        const stopPayouts = !scheduled
          ? async () => undefined
          : startDailyPayouts(ctx, {
              runAt: payoutAt,
              stockholmTime: () => stockholmTime(new Date()),
              log: jobLog,
            });
        const stop = async () => {
          await stopSchedule();
          await stopPayouts();
          await stopOutbox();
          await app.close();
          await db.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      },
    );

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const db = await openDatabase(readConfig());
      const applied = await migrate(db);
      console.log(
        applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`,
      );
      await db.close();
    });

  program
    .command('run')
    .description('Run every due collection step for every day up to and including a date')
    .requiredOption(
      '--date <YYYY-MM-DD>',
      'the last day to run (today, or any later date with RESKONTRA_CLOCK=manual)',
    )
    .action(async (opts: { date: string }) => {
      const parsed = parseCalendarDate(opts.date);
      if (!parsed.ok) {
        console.error(`--date must be a calendar date YYYY-MM-DD, not '${opts.date}'`);
        process.exitCode = 2;
        return;
      }
      const config = readConfig();
      const { db, ctx } = await compose(config);
      const bar = progressBar(process.stderr);
      const result = await runCollection(ctx, parsed.value, {
        clockMode: config.clock,
        onProgress: bar.update,
      });
      bar.done();
      await db.close();
      if (!result.ok) {
        console.error(`Run refused: ${result.error.detail}`);
        process.exitCode = 1;
        return;
      }
      console.log(JSON.stringify(result.value, null, 2));
    });

  program
    .command('import')
    .description(
      'Import a bank file (BgMax or camt.054) as the operator; payments are routed to clients by OCR',
    )
    .argument('<file>', 'path to the bank file')
    .option('--tenant <id>', 'import for one client instead of the operator')
    .action(async (file: string, opts: { tenant?: string }) => {
      const bytes = await readFile(file);
      const { db, ctx } = await compose(readConfig());
      const contentType = /\.xml$/i.test(file) ? 'application/xml' : 'text/plain';
      const result = await importBankFile(ctx, opts.tenant ?? OPERATOR_SCOPE, bytes, contentType);
      await db.close();
      if (!result.ok) {
        console.error(`Import refused: ${result.error.detail}`);
        for (const issue of result.error.issues ?? [])
          console.error(`  ${issue.path}: ${issue.message}`);
        process.exitCode = 1;
        return;
      }
      console.log(
        JSON.stringify(
          result.value,
          (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v),
          2,
        ),
      );
    });

  const tenant = program.command('tenant').description('Manage clients (tenants)');
  tenant
    .command('create')
    .description('Create a client and print its API key (shown once)')
    .requiredOption('--name <name>', 'company name')
    .requiredOption('--org <organisationsnummer>', 'organisationsnummer, NNNNNN-NNNN')
    .requiredOption('--email <email>', 'contact e-mail')
    .option('--bankgiro <bankgiro>', 'the client’s bankgiro number')
    .action(async (opts: { name: string; org: string; email: string; bankgiro?: string }) => {
      const { db, ctx } = await compose(readConfig());
      const result = await createTenant(ctx, {
        name: opts.name,
        organisationNumber: opts.org,
        email: opts.email,
        bankgiro: opts.bankgiro,
      });
      await db.close();
      if (!result.ok) {
        console.error(`Could not create the tenant: ${result.error.detail}`);
        process.exitCode = 1;
        return;
      }
      console.log(
        `Tenant ${result.value.tenant.tenantId} created.\nAPI key (shown once): ${result.value.apiKey}`,
      );
    });
  return program;
}
