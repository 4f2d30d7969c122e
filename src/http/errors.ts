/**
 * The one mapping from errors to HTTP: use-case error codes to statuses, and Fastify's error
 * handler turning validation failures, size and media-type refusals and crashes into RFC 9457
 * problem+json. A crash is logged and answered with a 500 that leaks nothing.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, UseCaseError } from '../application/errors.ts';
import { assertNever } from '../domain/result.ts';

export type ProblemIssue = { path: string; message: string };

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 422;
    case 'tenant_not_found':
    case 'customer_not_found':
    case 'invoice_not_found':
    case 'document_not_found':
    case 'payment_not_found':
      return 404;
    case 'invoice_not_draft':
    case 'invoice_not_open':
    case 'credit_exceeds_open_balance':
    case 'idempotency_key_reused_with_different_input':
    case 'conflict':
      return 409;
    case 'delivery_channel_unusable':
      return 422;
    case 'not_implemented':
      return 501;
    case 'bank_file_invalid':
      return 422;
    case 'bank_file_already_imported':
    case 'payment_not_unmatched':
      return 409;
    case 'payout_not_found':
      return 404;
    default:
      return assertNever(code);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal server error',
  501: 'Not implemented',
};

export function problemBody(
  status: number,
  code: string,
  detail: string,
  errors?: readonly ProblemIssue[],
) {
  return {
    type: `urn:reskontra:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors === undefined || errors.length === 0 ? {} : { errors }),
  };
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: readonly ProblemIssue[],
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problemBody(status, code, detail, errors));
}

export function sendUseCaseError(reply: FastifyReply, error: UseCaseError) {
  const errors = error.issues?.map((i) => ({ path: i.path, message: i.message, code: i.code }));
  return sendProblem(reply, statusOf(error.code), error.code, error.detail, errors);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { path: path === '' ? where : path, message: issue.message ?? 'invalid' };
    });
    return sendProblem(
      reply,
      400,
      'invalid_request',
      `the request ${where} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = (error.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '');
    return sendProblem(reply, status, code, error.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(
    reply,
    500,
    'internal_error',
    'something went wrong on our side; it has been logged',
  );
}
