// Production (and dev) HTTP server: the Express app of server/app.js around the
// Remix build, the Stripe stand-in when there is no key, the hourly draft purge,
// and graceful SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database
import pino from "pino";
import { randomBytes } from "node:crypto";
import "dotenv/config";
import { createApp } from "./app.js";

// Stripe: without STRIPE_SECRET_KEY (the demo default) the local stand-in
// (server/stripe-standin.js) plays Stripe's part, started below. Its webhooks
// are signed with a secret made up for this process unless one is configured,
// so nobody can sign a fake event with a secret published in the repository.
if (!process.env.STRIPE_SECRET_KEY?.trim() && !process.env.STRIPE_WEBHOOK_SECRET?.trim()) {
  process.env.STRIPE_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("hex")}`;
}

const isDev = process.argv.includes("--dev");

const viteDevServer = isDev
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined;

async function loadBuild() {
  return viteDevServer
    ? viteDevServer.ssrLoadModule("virtual:remix/server-build")
    : import("../build/server/index.js");
}

let build;
try {
  build = await loadBuild();
} catch (error) {
  // A bad environment is reported by name, without a stack trace.
  if (error && error.name === "EnvError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const { getEnv, dbReady, disconnectDb, closePdfPool, closeEmailTransports, purgeExpiredDrafts, stripeMode: paymentMode } = build.entry.module;
// Every setting this file and server/app.js use comes from here, checked with
// zod (app/utils/env.server.ts): a bad one stops the start with its name.
let env;
try {
  env = getEnv();
} catch (error) {
  if (error && error.name === "EnvError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = pino({ level: env.LOG_LEVEL, base: { app: "socialbrief" } });
await dbReady();
// "live"/"test" with a Stripe key; without one the stand-in runs outside production
// (or with STRIPE_STANDIN=1); in production without a key online payment is off.
const stripeMode = paymentMode(env);

let closing = false;
const app = createApp({
  build: viteDevServer ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") : build,
  env,
  logger,
  mode: isDev ? "development" : "production",
  viteDevServer,
  isClosing: () => closing,
  stripeMode,
});

const server = app.listen(env.PORT, () => {
  logger.info({ port: env.PORT, url: env.APP_URL }, "Socialbrief is listening");
});
server.keepAliveTimeout = 65_000;

// The Stripe stand-in, only in "standin" mode: never with real keys, never in
// production unless asked for (STRIPE_STANDIN=1: the demo, the browser tests).
let stripeStandin;
if (stripeMode === "disabled") {
  logger.warn("no STRIPE_SECRET_KEY in production: online payment is off, clients are told to pay by bank transfer");
}
if (stripeMode === "standin") {
  try {
    const { startStripeStandin } = await import("./stripe-standin.js");
    stripeStandin = await startStripeStandin({
      port: env.STRIPE_STANDIN_PORT ?? env.PORT + 1,
      webhookUrl: `http://127.0.0.1:${env.PORT}/stripe/webhook`,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
      logger,
    });
    logger.warn({ url: stripeStandin.url }, "no STRIPE_SECRET_KEY: payments go to the local Stripe stand-in (no real money)");
  } catch (error) {
    logger.error({ err: error }, "the local Stripe stand-in could not start: online payments will not work");
  }
}

// Abandoned questionnaire drafts are deleted once their retention
// (DRAFT_RETENTION_DAYS after the last change) has passed: at start, then hourly.
async function purgeDrafts() {
  try {
    const count = await purgeExpiredDrafts();
    if (count) logger.info({ count }, "purged expired drafts");
  } catch (error) {
    logger.error({ err: error }, "draft purge failed");
  }
}
void purgeDrafts();
const purgeTimer = setInterval(() => void purgeDrafts(), 60 * 60 * 1000);
purgeTimer.unref();

async function shutdown(signal) {
  if (closing) return;
  closing = true;
  clearInterval(purgeTimer);
  logger.info({ signal }, "shutting down: finishing in-flight requests");
  const force = setTimeout(() => {
    logger.warn("in-flight requests did not finish in 25 s; exiting");
    process.exit(1);
  }, 25_000);
  force.unref();
  // Keep-alive connections that finish their request while we wait are closed too.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.close(async () => {
    clearInterval(sweep);
    await closePdfPool();
    await stripeStandin?.close();
    closeEmailTransports();
    await disconnectDb();
    await viteDevServer?.close();
    logger.info("closed: database disconnected");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
