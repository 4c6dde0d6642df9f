import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, standinOrigin } from "./env.server";
import { DEMO_WEBHOOK_SECRET, embeddedStandin, getStripe, onlinePaymentEnabled, stripeMode, usesStandin, webhookSecret } from "./stripe.server";

describe("Stripe configuration", () => {
  it("uses the local stand-in without a secret key, on PORT + 1 unless told", () => {
    const env = parseEnv({ PORT: "3100" });
    expect(usesStandin(env)).toBe(true);
    expect(embeddedStandin(env)).toBe(true);
    expect(standinOrigin(env)).toBe("http://127.0.0.1:3101");
    expect(standinOrigin(parseEnv({ STRIPE_STANDIN_PORT: "12111" }))).toBe("http://127.0.0.1:12111");
    expect(webhookSecret(env)).toBe(DEMO_WEBHOOK_SECRET);
    expect(getStripe(env)).toBe(getStripe(env));
  });

  it("talks to the deployment's one stand-in at STRIPE_STANDIN_URL, signed with a shared secret, instead of starting its own", () => {
    expect(() => parseEnv({ STRIPE_STANDIN_URL: "http://127.0.0.1:3001" })).toThrow(/STRIPE_WEBHOOK_SECRET: is required when STRIPE_STANDIN_URL is set/);
    expect(() => parseEnv({ STRIPE_STANDIN_URL: "ftp://127.0.0.1:3001", STRIPE_WEBHOOK_SECRET: "whsec_abc" })).toThrow(/STRIPE_STANDIN_URL: must be an http:\/\/ or https:\/\/ URL/);
    const env = parseEnv({ STRIPE_STANDIN_URL: "http://127.0.0.1:3001/dashboard", STRIPE_WEBHOOK_SECRET: "whsec_abc", STRIPE_STANDIN_PORT: "4001" });
    expect(usesStandin(env)).toBe(true);
    expect(embeddedStandin(env)).toBe(false);
    expect(standinOrigin(env)).toBe("http://127.0.0.1:3001");
    expect(webhookSecret(env)).toBe("whsec_abc");
    expect(embeddedStandin(parseEnv({ STRIPE_STANDIN_URL: " " }))).toBe(true);
  });

  it("uses real Stripe with a key, and then needs the webhook secret", () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_abc123" })).toThrow(/STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set/);
    const env = parseEnv({ STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc" });
    expect(usesStandin(env)).toBe(false);
    expect(webhookSecret(env)).toBe("whsec_abc");
  });

  it("never falls back to the demo webhook secret in production", () => {
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/app", APP_URL: "https://brief.example.it" });
    expect(() => webhookSecret(env)).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });

  it("names bad keys without echoing them; empty means unset", () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "pk_live_oops" })).toThrow(EnvError);
    try {
      parseEnv({ STRIPE_SECRET_KEY: "pk_live_oops", STRIPE_WEBHOOK_SECRET: "whsec_x" });
    } catch (error) {
      expect((error as Error).message).toContain("STRIPE_SECRET_KEY: must be a Stripe secret key");
      expect((error as Error).message).not.toContain("oops");
    }
    expect(parseEnv({ STRIPE_SECRET_KEY: "", STRIPE_PUBLISHABLE_KEY: " " }).STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("never uses the stand-in in production without a key, unless told to (demo, browser tests)", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/app", APP_URL: "https://brief.example.it" };
    expect(stripeMode(parseEnv(production))).toBe("disabled");
    expect(usesStandin(parseEnv(production))).toBe(false);
    expect(onlinePaymentEnabled(parseEnv(production))).toBe(false);
    expect(stripeMode(parseEnv({ ...production, STRIPE_STANDIN: "1" }))).toBe("standin");
    expect(stripeMode(parseEnv({ STRIPE_STANDIN: "0" }))).toBe("disabled");
    expect(stripeMode(parseEnv({ NODE_ENV: "test" }))).toBe("standin");
    const live = { ...production, STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_abc", STRIPE_STANDIN: "1" };
    expect(stripeMode(parseEnv(live))).toBe("live");
    expect(onlinePaymentEnabled(parseEnv(live))).toBe(true);
    expect(() => parseEnv({ STRIPE_STANDIN: "yes" })).toThrow("STRIPE_STANDIN: must be 1 (run the local Stripe stand-in) or 0");
  });
});
