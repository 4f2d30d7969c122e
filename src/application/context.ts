/**
 * The dependencies every use case gets, and runUseCase: one transaction per use case, rolled
 * back whenever the use case answers with an error, so a refused request leaves nothing behind.
 */
import { err, type Result } from '../domain/result.ts';
import type { UseCaseError } from './errors.ts';
import type { AddressRegister, Clock, IdSource, KeyHasher } from './ports.ts';
import type { Stores, UnitOfWork } from './stores.ts';

/** The installation's own company: collects for the clients, named on every inkassokrav. */
export type OperatorProfile = {
  readonly name: string;
  readonly organisationNumber: string;
  /** Where debtors pay: Reskontra holds client funds and pays them out. */
  readonly bankgiro: string;
  readonly email: string;
  readonly address: { street: string; postalCode: string; city: string; country: string };
  readonly licenceText?: string | undefined;
};

export type AppContext = {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly keys: KeyHasher;
  readonly operator: OperatorProfile;
  /** Where inkassokrav go; without one, the customer card's address (see AddressRegister). */
  readonly addressRegister?: AddressRegister;
};

class RollbackWith extends Error {
  constructor(readonly error: UseCaseError) {
    super(error.code);
  }
}

export async function runUseCase<T>(
  uow: UnitOfWork,
  fn: (stores: Stores) => Promise<Result<T, UseCaseError>>,
): Promise<Result<T, UseCaseError>> {
  try {
    return await uow.transaction(async (stores) => {
      const result = await fn(stores);
      if (!result.ok) throw new RollbackWith(result.error);
      return result;
    });
  } catch (error) {
    if (error instanceof RollbackWith) return err(error.error);
    throw error;
  }
}
