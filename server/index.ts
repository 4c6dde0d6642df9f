// Production (and dev) HTTP server: the Express app of server/app.ts around the
// Remix build, the Stripe stand-in when there is no key, the job runner, the hourly draft purge,
// and graceful SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database
// (and Redis). With REDIS_URL set and Redis unreachable the server does not start.
// `npm run build` compiles this file to build/node/index.js, which `npm start`
// runs with plain node; `npm run dev` runs it from source with tsx.
import type { ServerBuild } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pino from "pino";
import "dotenv/config";
import type { Env } from "../app/utils/env.server";
import { createApp, type EntryExports } from "./app";
import { closeRedis, connectRedis, RedisUnavailableError, type LimitRedis } from "./redis";
import { envOrExit, exitOnEnvError } from "./start-env";
import type { StripeStandin } from "./stripe-standin";

// Every setting this file, server/app.ts and the stand-in use comes from the
// zod schema of app/utils/env.server.ts: checked here first, so a bad one stops
// the start with its name before anything is loaded.
const early = envOrExit();

const logger = pino({ level: early.LOG_LEVEL, base: { app: "socialbrief" } });

// The rate limits' shared counters (REDIS_URL), before anything else is loaded:
// Redis unreachable, no start (server/redis.ts says why).
let redis: LimitRedis | undefined;
if (early.REDIS_URL) {
  try {
    redis = await connectRedis(early.REDIS_URL, logger);
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

// Stripe: without STRIPE_SECRET_KEY (the demo default) the local stand-in
// (server/stripe-standin.ts) plays Stripe's part, started below unless
// STRIPE_STANDIN_URL names the deployment's own stand-in process. Its webhooks
// are signed with a secret made up for this process unless one is configured,
// so nobody can sign a fake event with a secret published in the repository.
// (With STRIPE_STANDIN_URL the schema requires STRIPE_WEBHOOK_SECRET: that
// process and every instance must share it.)
// Set before the build loads, so the build's own getEnv() reads it.
if (!early.STRIPE_SECRET_KEY && !early.STRIPE_WEBHOOK_SECRET) {
  process.env.STRIPE_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("hex")}`;
}

const isDev = process.argv.includes("--dev");

const viteDevServer = isDev
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined;

async function loadBuild(): Promise<ServerBuild> {
  if (viteDevServer) return (await viteDevServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  // The Remix server build of `npm run build`, from the project folder (as build/client is).
  return (await import(/* @vite-ignore */ pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
}

let build: ServerBuild;
try {
  build = await loadBuild();
} catch (error) {
  exitOnEnvError(error);
}
const { getEnv, dbReady, disconnectDb, closePdfPool, closeEmailTransports, purgeExpiredDrafts, purgeExpiredSessions, stripeMode: paymentMode, warmPdfWorkers, startJobRunner, stopJobRunner, purgeFinishedJobs, runScheduled, hourSlot, purgeScheduledRuns } = build.entry
  .module as unknown as EntryExports;
// The build's own parse of the same schema (its cached copy is what the app reads).
let env: Env;
try {
  env = getEnv();
} catch (error) {
  exitOnEnvError(error);
}
// The PDF workers start now, beside the database's start, and render samples
// (warm.server.ts); the server listens once they are warm, so the first
// proposal sent or downloaded is as quick as the next. A failure only logs:
// the first PDF then starts the workers.
const warmStart = performance.now();
const pdfWarm = warmPdfWorkers().then(
  (workers) => logger.info({ workers, ms: Math.round(performance.now() - warmStart) }, "PDF workers warm"),
  (error: unknown) => logger.warn({ err: error }, "PDF workers could not be warmed: the first PDF starts them"),
);
await dbReady();
if (redis) logger.info("rate limits counted in Redis (shared by every instance)");
else logger.info("rate limits counted in this process's memory (REDIS_URL unset: run a single instance)");
// "live"/"test" with a Stripe key; without one the stand-in runs outside production
// (or with STRIPE_STANDIN=1); in production without a key online payment is off.
const stripeMode = paymentMode(env);

let closing = false;
const app = createApp({
  build: viteDevServer ? loadBuild : build,
  env,
  logger,
  mode: isDev ? "development" : "production",
  viteDevServer,
  isClosing: () => closing,
  stripeMode,
  redis,
});

await pdfWarm;
const server = app.listen(env.PORT, () => {
  logger.info({ port: env.PORT, url: env.APP_URL }, "Socialbrief is listening");
});
server.keepAliveTimeout = 65_000;


// The Stripe stand-in, only in "standin" mode: never with real keys, never in
// production unless asked for (STRIPE_STANDIN=1: the demo, the browser tests);
// the stand-in itself refuses production without STRIPE_STANDIN=1 too.
// With STRIPE_STANDIN_URL it runs as a process of its own (server/standin-main.ts,
// one per deployment, however many instances): this one only talks to it.
let stripeStandin: StripeStandin | undefined;
if (stripeMode === "disabled") {
  logger.warn("no STRIPE_SECRET_KEY in production: online payment is off, clients are told to pay by bank transfer");
}
if (stripeMode === "standin" && env.STRIPE_STANDIN_URL) {
  logger.warn({ url: env.STRIPE_STANDIN_URL }, "no STRIPE_SECRET_KEY: payments go to the deployment's Stripe stand-in (no real money)");
} else if (stripeMode === "standin") {
  try {
    const { startStripeStandin } = await import("./stripe-standin");
    stripeStandin = await startStripeStandin({
      port: env.STRIPE_STANDIN_PORT ?? env.PORT + 1,
      webhookUrl: `http://127.0.0.1:${env.PORT}/stripe/webhook`,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? "",
      logger,
      env,
    });
    logger.warn({ url: stripeStandin.url }, "no STRIPE_SECRET_KEY: payments go to the local Stripe stand-in (no real money)");
  } catch (error) {
    logger.error({ err: error }, "the local Stripe stand-in could not start: online payments will not work");
  }
}

// Abandoned questionnaire drafts are deleted once their retention
// (DRAFT_RETENTION_DAYS after the last change) has passed, and expired staff
// sessions and jobs done over a week ago with them: at start, then hourly.
// Every instance ticks, but only one runs the purge of each hour: the one whose
// ScheduledRun row for the hour is written first (app/jobs/scheduled.server.ts);
// that run also deletes ScheduledRun rows older than 30 days.
async function purgeDrafts(): Promise<void> {
  const now = new Date();
  const outcome = await runScheduled("purge", hourSlot(now), async () => {
    const count = await purgeExpiredDrafts(now);
    if (count) logger.info({ count }, "purged expired drafts");
    const sessions = await purgeExpiredSessions(now);
    if (sessions) logger.info({ count: sessions }, "purged expired sessions");
    const jobs = await purgeFinishedJobs(now);
    if (jobs) logger.info({ count: jobs }, "purged finished jobs");
    await purgeScheduledRuns(now);
  });
  if (outcome.status === "failed") logger.error({ err: outcome.error }, "draft and session purge failed");
}
void purgeDrafts();

// The job runner (app/jobs): the emails and other side effects written with the
// data that caused them, carried out here, retried until done; every instance
// runs one, and no job runs on two at once.
startJobRunner().then(
  () => logger.info({ pollMs: env.JOBS_POLL_MS }, "job runner started"),
  (error: unknown) => logger.error({ err: error }, "the job runner could not start: jobs wait in the database for the next start"),
);
const purgeTimer = setInterval(() => void purgeDrafts(), 60 * 60 * 1000);
purgeTimer.unref();

async function shutdown(signal: NodeJS.Signals): Promise<void> {
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
    // The job in progress finishes; the others wait in the database for the next start.
    await stopJobRunner().catch((error: unknown) => logger.error({ err: error }, "job runner did not stop cleanly"));
    await closePdfPool();
    await stripeStandin?.close();
    closeEmailTransports();
    await disconnectDb();
    await closeRedis(redis);
    await viteDevServer?.close();
    logger.info(redis ? "closed: database and Redis disconnected" : "closed: database disconnected");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
