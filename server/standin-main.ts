// The Stripe stand-in (server/stripe-standin.ts) as a process of its own: ONE per
// deployment, however many app instances run, so every Checkout session, payment
// and refund lives in one place (two stand-ins, one per instance, charged a client
// twice). `npm run build` compiles this file to build/node/standin.js; `npm run
// standin` runs it. The instances find it with STRIPE_STANDIN_URL.
//
// It listens on 127.0.0.1, on STRIPE_STANDIN_PORT, else the port of
// STRIPE_STANDIN_URL, else PORT + 1 (so one .env can serve it and the instances),
// and sends its webhooks to the deployment's public address, APP_URL/stripe/webhook
// (the proxy in front of the instances, never one instance), signed with
// STRIPE_WEBHOOK_SECRET, which the instances check them with. Like the one inside
// the app it refuses NODE_ENV=production without STRIPE_STANDIN=1, and it does not
// start when STRIPE_SECRET_KEY says real Stripe is in use.
import pino from "pino";
import "dotenv/config";
import { envOrExit } from "./start-env";
import { startStripeStandin, type StripeStandin } from "./stripe-standin";

const env = envOrExit();
const logger = pino({ level: env.LOG_LEVEL, base: { app: "socialbrief-stripe-standin" } });

function refuse(message: string): never {
  console.error(`stripe stand-in: ${message}`);
  process.exit(1);
}

if (env.STRIPE_SECRET_KEY) refuse("STRIPE_SECRET_KEY is set, so the app talks to real Stripe: there is nothing for the stand-in to do");
if (!env.STRIPE_WEBHOOK_SECRET) refuse("STRIPE_WEBHOOK_SECRET is required (whsec_…): the stand-in signs its webhooks with it, every instance checks them with it");

const urlPort = env.STRIPE_STANDIN_URL ? Number(new URL(env.STRIPE_STANDIN_URL).port) || undefined : undefined;
const webhookUrl = new URL("/stripe/webhook", env.APP_URL).href;

let standin: StripeStandin;
try {
  standin = await startStripeStandin({ port: env.STRIPE_STANDIN_PORT ?? urlPort ?? env.PORT + 1, webhookUrl, webhookSecret: env.STRIPE_WEBHOOK_SECRET, logger, env });
} catch (error) {
  refuse(error instanceof Error ? error.message.replace(/^stripe stand-in: /, "") : String(error));
}
logger.warn({ url: standin.url, webhookUrl }, "Stripe stand-in listening (no real money): point every instance at it with STRIPE_STANDIN_URL");

let closing = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (closing) return;
  closing = true;
  logger.info({ signal }, "Stripe stand-in shutting down");
  await standin.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
