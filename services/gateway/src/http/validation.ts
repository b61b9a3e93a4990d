import { z } from 'zod';
import { ApiError, FieldProblem } from './api-error';

function problemsOf(error: z.ZodError, root: string): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: path ? `${path}.${key}` : key, message: 'is not an accepted field' }));
    }
    return [{ field: path || root, message: issue.message }];
  });
}

/** Parses input with a zod schema; any problem is a 400 VALIDATION_FAILED naming the fields. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, root = 'body'): z.infer<S> {
  const result = schema.safeParse(input, {
    // A missing field reads better as "is required" than as a type mismatch with undefined.
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
  });
  if (!result.success) throw ApiError.validation(problemsOf(result.error, root));
  return result.data;
}

/** Routes without a body accept none, or an empty JSON object. */
export const EmptyBodySchema = z.strictObject({});

export function validateEmptyBody(body: unknown): void {
  if (body === undefined) return;
  validate(EmptyBodySchema, body);
}

/** A path id: bounded and plain, so no odd input reaches a message. */
export const PathIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an intent id');

export function validatePathId(id: unknown): string {
  return validate(PathIdSchema, id, 'id');
}

/** An own field only: a "__proto__" key or an inherited name never counts. */
export function hasOwnField(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key);
}
