import { describe, expect, expectTypeOf, it } from "vitest";
import { field } from "./action-data";

type Answer = { result: { status: "error" } } | { error: string } | { emailTest: "sent" | "failed" };

describe("field", () => {
  it("reads the field of the reply that has it, undefined from one that has not or from no reply", () => {
    const answers: Answer[] = [{ error: "account.errors.lastOwner" }, { emailTest: "sent" }];
    const [error, test] = answers;
    expect(field(error, "error")).toBe("account.errors.lastOwner");
    expect(field(test, "error")).toBeUndefined();
    expect(field(test, "emailTest")).toBe("sent");
    expect(field(undefined as Answer | undefined, "result")).toBeUndefined();
    expectTypeOf(field(test, "emailTest")).toEqualTypeOf<"sent" | "failed" | undefined>();
  });
});
