// Reading an action's answer whose shape depends on the intent. With the
// action's own type (useActionData<typeof action>) the answer is a union, one
// member per kind of reply; `field(answer, "result")` is that field where the
// reply has it and undefined where it has not, typed from the action.

type KeysOfAny<T> = T extends unknown ? keyof T : never;
type FieldOfAny<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : undefined) : never;

export function field<T extends object, K extends KeysOfAny<T>>(answer: T | undefined, key: K): FieldOfAny<T, K> | undefined {
  if (!answer || !(key in answer)) return undefined;
  return (answer as Record<K, FieldOfAny<T, K>>)[key];
}
