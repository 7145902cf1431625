import { z } from '@hono/zod-openapi';
import { ApiError } from '../lib/schema/events';

/** Shared pieces of the console resources' route definitions (alerts, actions, live, quality settings). */
export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ApiError } },
});
export const jsonResponse = (schema: z.ZodType, description = 'Done') => ({
  description,
  content: { 'application/json': { schema } },
});
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { required: true as const, content: { 'application/json': { schema } } },
});
export const IdParam = z.object({ id: z.string().min(1).max(64) });
