// Shorthands over the generated API types (./api-types.ts, written by `npm run gen:api` from the
// server's OpenAPI document): the web app names what the server answers, it never re-types it.
import type { components, operations } from './api-types';

export type Schemas = components['schemas'];
export type OperationId = keyof operations;

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type SuccessStatus<Op extends OperationId> = Extract<keyof operations[Op]['responses'], 200 | 201>;

/** The JSON an operation answers with on success (200 or 201). */
export type ResponseOf<Op extends OperationId> = JsonOf<operations[Op]['responses'][SuccessStatus<Op>]>;

/** The JSON body an operation reads. */
export type BodyOf<Op extends OperationId> = operations[Op] extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The error every refusal carries: `{ error: { code, message, issues, requestId } }`. */
export type ErrorBody = Schemas['ErrorResponse'];
export type ErrorCode = ErrorBody['error']['code'];
