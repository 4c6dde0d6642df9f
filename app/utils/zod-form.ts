// Conform's constraint attributes (required, minLength, pattern, …) from a zod
// schema, worked out once per schema object: getZodConstraint walks the whole
// schema on every call, and a step's page renders it on every request (the
// step schemas themselves are made once, app/domain/intake/schema.ts).
import { getZodConstraint } from "@conform-to/zod";

type Schema = Parameters<typeof getZodConstraint>[0];
const constraints = new WeakMap<Schema, ReturnType<typeof getZodConstraint>>();

export function zodConstraint(schema: Schema): ReturnType<typeof getZodConstraint> {
  let constraint = constraints.get(schema);
  if (!constraint) {
    constraint = getZodConstraint(schema);
    constraints.set(schema, constraint);
  }
  return constraint;
}
