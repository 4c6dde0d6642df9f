// The Stripe client, from the environment:
//   - STRIPE_SECRET_KEY set: the real Stripe API.
//   - unset outside production (development, the tests), or with
//     STRIPE_STANDIN=1 (the demo, the browser tests): the same SDK pointed at
//     the local stand-in (server/stripe-standin.ts): STRIPE_STANDIN_URL when
//     set (the deployment's one stand-in process, `npm run standin`), else
//     127.0.0.1:STRIPE_STANDIN_PORT, which server/index.ts starts only then.
//   - unset in production: online payment is off ("disabled"); clients are
//     told so and pay by bank transfer, never sent to 127.0.0.1.
// Webhooks are checked with STRIPE_WEBHOOK_SECRET; outside production, with
// the stand-in, a fixed demo secret stands in when it is unset.
import Stripe from "stripe";
import type { StripeMode } from "~/domain/payment-view";
import { getEnv, standinOrigin, type Env } from "./env.server";

export type { StripeMode };

/** The stand-in's secret when none is configured; never accepted in production. */
export const DEMO_WEBHOOK_SECRET = "whsec_socialbrief_demo_standin_not_for_production";
const STANDIN_KEY = "sk_test_socialbrief_standin";

export function stripeMode(env: Env = getEnv()): StripeMode {
  if (env.STRIPE_SECRET_KEY) return env.STRIPE_SECRET_KEY.includes("_live_") ? "live" : "test";
  const standin = env.STRIPE_STANDIN ?? (env.NODE_ENV === "production" ? "0" : "1");
  return standin === "1" ? "standin" : "disabled";
}

export function usesStandin(env: Env = getEnv()): boolean {
  return stripeMode(env) === "standin";
}

/** Whether clients can pay online at all (real Stripe or the stand-in). */
export function onlinePaymentEnabled(env: Env = getEnv()): boolean {
  return stripeMode(env) !== "disabled";
}

/** Whether this process starts the stand-in itself (standin mode without STRIPE_STANDIN_URL). */
export function embeddedStandin(env: Env = getEnv()): boolean {
  return usesStandin(env) && !env.STRIPE_STANDIN_URL;
}

export class StripeConfigError extends Error {
  override name = "StripeConfigError";
}

export function webhookSecret(env: Env = getEnv()): string {
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  if (env.NODE_ENV === "production") throw new StripeConfigError("STRIPE_WEBHOOK_SECRET is not set");
  return DEMO_WEBHOOK_SECRET;
}

let cached: { key: string; client: Stripe } | undefined;

export function getStripe(env: Env = getEnv()): Stripe {
  const standin = usesStandin(env);
  const origin = new URL(standinOrigin(env));
  const key = standin ? `standin:${origin.href}` : `live:${env.STRIPE_SECRET_KEY}`;
  if (cached?.key === key) return cached.client;
  const protocol = origin.protocol === "https:" ? "https" : "http";
  const client = standin
    ? new Stripe(STANDIN_KEY, { host: origin.hostname, port: Number(origin.port) || (protocol === "https" ? 443 : 80), protocol, maxNetworkRetries: 0, timeout: 10_000, telemetry: false })
    : new Stripe(env.STRIPE_SECRET_KEY ?? "", { maxNetworkRetries: 2, timeout: 20_000, telemetry: false });
  cached = { key, client };
  return client;
}
