import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, scryptCost, verifyPassword } from "./password.server";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and refuses a wrong one, at the servers' cost", async () => {
    const hash = await hashPassword("pàssword-con-accenti", scryptCost("production"));
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w+/=]+\$[\w+/=]+$/);
    expect(await verifyPassword("pàssword-con-accenti", hash)).toBe(true);
    expect(await verifyPassword("password-con-accenti", hash)).toBe(false);
  });

  it("costs 2^15 on servers and 2^10 only under NODE_ENV=test, and either hash verifies", async () => {
    expect(scryptCost("production")).toBe(32768);
    expect(scryptCost("development")).toBe(32768);
    expect(scryptCost(undefined)).toBe(32768);
    expect(scryptCost("test")).toBe(1024);
    const cheap = await hashPassword("due-costi", scryptCost("test"));
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword("due-costi", cheap)).toBe(true);
    expect(await verifyPassword("Due-costi", cheap)).toBe(false);
  });

  it("salts every hash and rejects malformed stored values", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
    expect(await verifyPassword("x", "bcrypt$abc")).toBe(false);
  });

  it("generates long random passwords", () => {
    const a = generatePassword();
    expect(a).toHaveLength(20);
    expect(a).not.toBe(generatePassword());
  });
});
