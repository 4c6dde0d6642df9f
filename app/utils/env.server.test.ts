import { describe, expect, it } from "vitest";
import { parseEnv, EnvError } from "./env.server";

describe("environment", () => {
  it("fills development defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, DATABASE_URL: "file:./data/socialbrief.db" });
  });

  it("names the bad variable and why, without echoing its value", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://secret@host/db" })).toThrow(EnvError);
    try {
      parseEnv({ DATABASE_URL: "mysql://secret@host/db", PORT: "http" });
    } catch (error) {
      expect((error as Error).message).toContain("DATABASE_URL: must start with file: or postgres://");
      expect((error as Error).message).toContain("PORT:");
      expect((error as Error).message).not.toContain("secret");
    }
  });

  it("has no fallback for the database or public URL in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/DATABASE_URL: is required in production[\s\S]*APP_URL: is required in production/);
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/app", APP_URL: "https://brief.example.it" }).NODE_ENV).toBe("production");
  });
});

