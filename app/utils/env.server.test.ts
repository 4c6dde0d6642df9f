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

describe("server settings", () => {
  it("has defaults for the limits and sizes server/app.ts uses", () => {
    expect(parseEnv({})).toMatchObject({ RATE_LIMIT_LOGIN: 10, RATE_LIMIT_POST: 60, MAX_BODY_BYTES: 65536, MAX_CONCURRENT_REQUESTS: 256, TRUST_PROXY: 0, PORT: 3000 });
    expect(parseEnv({ RATE_LIMIT_POST: "", MAX_BODY_BYTES: " " })).toMatchObject({ RATE_LIMIT_POST: 60, MAX_BODY_BYTES: 65536 });
    expect(parseEnv({ RATE_LIMIT_POST: "120", MAX_BODY_BYTES: "131072", TRUST_PROXY: "1", STRIPE_STANDIN_PORT: "4001" })).toMatchObject({
      RATE_LIMIT_POST: 120,
      MAX_BODY_BYTES: 131072,
      TRUST_PROXY: 1,
      STRIPE_STANDIN_PORT: 4001,
    });
  });

  it("refuses a value that would silently turn a check off, naming the variable", () => {
    const cases: Record<string, string[]> = {
      RATE_LIMIT_POST: ["60/min", "0", "-1", "1e3", "sixty", "6.5"],
      RATE_LIMIT_LOGIN: ["10 per 15 min", "0"],
      MAX_BODY_BYTES: ["64k", "64KB", "1e6", "0", "Infinity"],
      MAX_CONCURRENT_REQUESTS: ["0", "unlimited", "1e3", "-5"],
      TRUST_PROXY: ["true", "yes", "-1", "loopback"],
      PORT: ["3000abc", "0", "70000", "1e3"],
      STRIPE_STANDIN_PORT: ["next", "99999"],
      PDF_WARM_RENDERS: ["-1", "5", "two"],
      PDF_WORKER_YOUNG_MB: ["12MB", "0"],
      PDF_WORKER_OLD_MB: ["64", "lots"],
      PDF_GLYPH_RUN_CACHE: ["abc", "0", "1e4"],
    };
    for (const [name, values] of Object.entries(cases)) {
      for (const value of values) {
        expect(() => parseEnv({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(`\\n  ${name}: must be `));
      }
    }
    expect(() => parseEnv({ RATE_LIMIT_POST: "60/min" })).toThrow("RATE_LIMIT_POST: must be a whole number of POST requests per IP per minute");
    expect(() => parseEnv({ PORT: "4000", STRIPE_STANDIN_PORT: "4000" })).toThrow("STRIPE_STANDIN_PORT: must differ from PORT");
  });
});

describe("shared rate limits (REDIS_URL)", () => {
  it("is optional: unset or empty keeps the counters in memory", () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: " " }).REDIS_URL).toBeUndefined();
    expect(parseEnv({}).REDIS_KEY_PREFIX).toBe("socialbrief:");
  });

  it("takes redis:// and rediss:// URLs only, naming the variable without echoing a password", () => {
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(parseEnv({ REDIS_URL: "rediss://:pw@redis.example.it:6380/0" }).REDIS_URL).toBe("rediss://:pw@redis.example.it:6380/0");
    for (const value of ["127.0.0.1:6379", "http://redis.example.it", "redis://", "localhost", "postgres://secret@db/app"]) {
      expect(() => parseEnv({ REDIS_URL: value }), value).toThrow(/\n {2}REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    }
    try {
      parseEnv({ REDIS_URL: "https://user:secret@redis.example.it" });
    } catch (error) {
      expect((error as Error).message).not.toContain("secret");
    }
  });

  it("checks the key prefix", () => {
    expect(parseEnv({ REDIS_KEY_PREFIX: "brief-staging:" }).REDIS_KEY_PREFIX).toBe("brief-staging:");
    for (const value of ["has space", "a*b", "x".repeat(65)]) expect(() => parseEnv({ REDIS_KEY_PREFIX: value }), value).toThrow(/REDIS_KEY_PREFIX: must be 1 to 64/);
  });
});
