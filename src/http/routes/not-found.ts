/** A 404 for an id that is not a uuid: to a caller it is simply not there. */
import type { FastifyReply } from 'fastify';
import { sendProblem } from '../errors.ts';

export const notFound = (reply: FastifyReply, what: string, id: string) =>
  sendProblem(reply, 404, `${what}_not_found`, `no ${what} ${id}`);
