import type { z } from 'zod';

/**
 * An outbox topic: its name and the zod schema of its payload. Declared by the module that emits it
 * (`tickets.topics.ts`, `sla.topics.ts`) and listed in the catalogue (src/jobs/catalogue.ts); the module
 * that reacts registers the handler in the composition root.
 */
export interface Topic<N extends string = string, S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  readonly name: N;
  readonly schema: S;
}

export function defineTopic<N extends string, S extends z.ZodType<Record<string, unknown>>>(name: N, schema: S): Topic<N, S> {
  return { name, schema };
}
