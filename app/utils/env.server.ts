import { z } from "zod";
import { DEFAULT_DRAFT_RETENTION_DAYS } from "~/domain/privacy";

const databaseUrl = z
  .string({ required_error: "is required" })
  .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must start with file: or postgres://");

/** A URL of one of `protocols` ("smtp:", …) with a host name. */
function isUrlOf(value: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

// Unset or empty means "no SMTP": messages stay in the in-app outbox.
const smtpUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().refine((v) => isUrlOf(v, ["smtp:", "smtps:"]), "must be a smtp:// or smtps:// URL such as smtps://user:password@mail.example.it:465").optional(),
);

// Unset or empty means "no Redis": the rate limits count in this process's memory.
const redisUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().refine((v) => isUrlOf(v, ["redis:", "rediss:"]), "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 or rediss://:password@redis.example.it:6380/0").optional(),
);

// Unset or empty means "start the stand-in inside this process" (one instance, the demo).
// Set (http://127.0.0.1:3001): the deployment's one stand-in process (npm run standin),
// which every instance talks to. Only its origin counts.
const standinUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .trim()
    .refine((v) => isUrlOf(v, ["http:", "https:"]), "must be an http:// or https:// URL such as http://127.0.0.1:3001")
    .transform((v) => new URL(v).origin)
    .optional(),
);

// "Name <address>" or a bare address, on one line.
const emailFrom = z
  .string()
  .trim()
  .refine((v) => /^([^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(v), "must be an address such as Studio <no-reply@studio.it>")
  .default("Socialbrief <no-reply@socialbrief.local>");

function emptyAsUnset<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);
}

/**
 * A whole number written in decimal digits (no "60/min", "64k", "1e3", "true"),
 * within [min, max]; unset or empty takes the default. `z.coerce.number()`
 * turned "" into 0 and let "1e3" through.
 */
function digits(min: number, max: number, message: string) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}
function wholeNumber(fallback: number, min: number, max: number, message: string) {
  return emptyAsUnset(digits(min, max, message).default(String(fallback)));
}
function optionalWholeNumber(min: number, max: number, message: string) {
  return emptyAsUnset(digits(min, max, message).optional());
}

const port = (what: string) => `must be a port number from 1 to 65535 (${what})`;

const BaseSchema = z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: wholeNumber(3000, 1, 65535, port("e.g. 3000")),
    DATABASE_URL: databaseUrl.default("file:./data/socialbrief.db"),
    // Public origin of the app, used for absolute links and the Secure cookie flag.
    APP_URL: z.string().url("must be a URL such as https://brief.example.it").default("http://localhost:3000"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Number of proxies in front of the app (for client IPs in rate limits and logs).
    TRUST_PROXY: wholeNumber(0, 0, 10, "must be how many proxies sit in front of the app: 0 (none), 1, 2 … 10"),
    // Requests per IP: failed logins per 15 minutes, other POSTs per minute (server/app.ts).
    RATE_LIMIT_LOGIN: wholeNumber(10, 1, 10_000, "must be a whole number of failed logins per IP per 15 minutes, from 1 to 10000 (e.g. 10)"),
    RATE_LIMIT_POST: wholeNumber(60, 1, 100_000, "must be a whole number of POST requests per IP per minute, from 1 to 100000 (e.g. 60)"),
    // Where the rate-limit counters live when more than one instance runs (server/redis.ts):
    // shared by every instance. Unset: each process counts on its own (a single instance only).
    REDIS_URL: redisUrl,
    // Start of every key the app writes in Redis (so several apps or environments can share one server).
    REDIS_KEY_PREFIX: emptyAsUnset(
      z
        .string()
        .regex(/^[A-Za-z0-9:._-]{1,64}$/, "must be 1 to 64 letters, digits or : . _ - (e.g. socialbrief:)")
        .default("socialbrief:"),
    ),
    // Largest accepted request body (the logo upload gets at least 2 MB).
    MAX_BODY_BYTES: wholeNumber(64 * 1024, 1024, 100 * 1024 * 1024, "must be a size in bytes, digits only, from 1024 to 104857600 (e.g. 65536)"),
    // Requests in progress at once (pages, posts, data; not /healthz) before more get a 503 "busy" page.
    MAX_CONCURRENT_REQUESTS: wholeNumber(256, 1, 100_000, "must be a whole number of requests in progress at once, from 1 to 100000 (e.g. 256)"),
    // Outgoing email. Without SMTP_URL nothing is sent: messages wait in the owner's outbox.
    SMTP_URL: smtpUrl,
    EMAIL_FROM: emailFrom,
    // Unfinished questionnaire drafts are deleted this many days after their last change.
    DRAFT_RETENTION_DAYS: wholeNumber(DEFAULT_DRAFT_RETENTION_DAYS, 1, 365, "must be a whole number of days from 1 to 365"),
    // Job runner (app/jobs): how often it looks for due jobs, and how long a job is
    // leased to the instance running it before another may take it over (its worker died).
    JOBS_POLL_MS: wholeNumber(1000, 50, 600_000, "must be a whole number of milliseconds from 50 to 600000 (e.g. 1000)"),
    JOBS_LEASE_SECONDS: wholeNumber(120, 1, 3600, "must be a whole number of seconds from 1 to 3600 (e.g. 120)"),
    // Worker threads rendering PDFs (default: one per core, at most 4).
    PDF_WORKERS: optionalWholeNumber(1, 16, "must be a whole number of worker threads from 1 to 16"),
    // Read by app/pdf (pool, warm-up, fonts) in the workers too; checked here at start.
    // Sample renders per worker before the server listens (default 2; 0: no warm-up).
    PDF_WARM_RENDERS: optionalWholeNumber(0, 4, "must be a whole number of sample renders from 0 to 4"),
    // Each PDF worker's V8 heap limits in MB (defaults 12 and 512).
    PDF_WORKER_YOUNG_MB: optionalWholeNumber(2, 256, "must be a whole number of megabytes from 2 to 256"),
    PDF_WORKER_OLD_MB: optionalWholeNumber(128, 8192, "must be a whole number of megabytes from 128 to 8192"),
    // Shaped text runs kept per PDF worker (default 4000).
    PDF_GLYPH_RUN_CACHE: optionalWholeNumber(1, 1_000_000, "must be a whole number of text runs from 1 to 1000000"),
    // Stripe. Without STRIPE_SECRET_KEY (demo, tests) the app talks to the local
    // stand-in (server/stripe-standin.ts) on STRIPE_STANDIN_PORT (default PORT + 1).
    STRIPE_SECRET_KEY: emptyAsUnset(z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)").optional()),
    STRIPE_WEBHOOK_SECRET: emptyAsUnset(z.string().regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)").optional()),
    STRIPE_PUBLISHABLE_KEY: emptyAsUnset(z.string().regex(/^pk_(test|live)_\w+$/, "must be a Stripe publishable key (pk_test_… or pk_live_…)").optional()),
    // The stand-in runs without STRIPE_SECRET_KEY outside production only; with
    // NODE_ENV=production and no key online payment is off, unless STRIPE_STANDIN=1
    // (the demo and the browser tests, never a real deployment). With a key it is ignored.
    STRIPE_STANDIN: emptyAsUnset(z.enum(["0", "1"], { message: "must be 1 (run the local Stripe stand-in) or 0" }).optional()),
    STRIPE_STANDIN_PORT: optionalWholeNumber(1, 65535, port("default PORT + 1")),
    // Several instances share ONE stand-in (its sessions and payments live in its memory):
    // run it on its own (npm run standin) and point every instance at it. Unset, each
    // server starts its own on STRIPE_STANDIN_PORT: right for a single instance only.
    STRIPE_STANDIN_URL: standinUrl,
});

/** Defaults are for development only: in production these must be set. */
const requiredInProduction = ["DATABASE_URL", "APP_URL"] as const;

export type Env = z.infer<typeof BaseSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; the error names every bad variable and why, never its value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = BaseSchema.superRefine((env, ctx) => {
    // Real Stripe keys need the endpoint's signing secret to trust any webhook.
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "is required when STRIPE_SECRET_KEY is set" });
    }
    // The stand-in process signs its webhooks with the secret every instance checks them with.
    if (env.STRIPE_STANDIN_URL && !env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "is required when STRIPE_STANDIN_URL is set (the same secret for the stand-in and every instance)" });
    }
    if (env.STRIPE_STANDIN_PORT !== undefined && env.STRIPE_STANDIN_PORT === env.PORT) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_STANDIN_PORT"], message: "must differ from PORT" });
    }
    if (env.NODE_ENV !== "production") return;
    for (const name of requiredInProduction) {
      if (!source[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required in production" });
    }
  }).safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/**
 * Where the Stripe stand-in answers: STRIPE_STANDIN_URL (the deployment's own
 * stand-in process), else 127.0.0.1 on STRIPE_STANDIN_PORT (default PORT + 1),
 * where server/index.ts starts one inside the app. An origin, no trailing slash.
 */
export function standinOrigin(env: Pick<Env, "STRIPE_STANDIN_URL" | "STRIPE_STANDIN_PORT" | "PORT">): string {
  return env.STRIPE_STANDIN_URL ?? `http://127.0.0.1:${env.STRIPE_STANDIN_PORT ?? env.PORT + 1}`;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment, so the next getEnv() reads process.env again (tests change it). */
export function resetEnvForTests(): void {
  cached = undefined;
}
