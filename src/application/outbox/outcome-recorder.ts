/**
 * Records finished attempts in batches as they come in (group commit): while one transaction
 * writes, the outcomes that finish meanwhile wait and go together in the next. So an outcome
 * waits at most about one transaction, and a batch of 100 messages costs a handful of
 * transactions instead of one per message.
 *
 * A batch that fails is written again attempt by attempt, so one bad row cannot hold back the
 * others; what still fails stays 'delivering' and is recovered after its lease like a crash.
 */
import type { AppContext } from '../context.ts';
import type { Finished, Tally } from './finished-attempts.ts';

/** At most this many outcomes per transaction. */
const MAX_BATCH = 200;

export class OutcomeRecorder {
  private pending: Finished[] = [];
  private writing: Promise<void> | null = null;
  private readonly errors: unknown[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly onRecorded: (tally: Tally) => void,
  ) {}

  add(finished: Finished): void {
    this.pending.push(finished);
    this.writing ??= this.drain();
  }

  /** Waits until everything added is written; throws the first error that could not be. */
  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
    if (this.errors.length > 0) throw this.errors[0];
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      await this.write(this.pending.splice(0, MAX_BATCH));
    }
    this.writing = null;
  }

  private async write(batch: readonly Finished[]): Promise<void> {
    try {
      await this.commit(batch);
    } catch {
      for (const one of batch) {
        try {
          await this.commit([one]);
        } catch (error) {
          this.errors.push(error);
        }
      }
    }
  }

  private async commit(batch: readonly Finished[]): Promise<void> {
    const recorded = await this.ctx.uow.transaction((s) =>
      s.documents.finishAttempts(
        batch.map((f) => f.record),
        this.ctx.clock.now(),
      ),
    );
    const done = new Set(recorded);
    for (const f of batch) if (done.has(f.record)) this.onRecorded(f.tally);
  }
}
