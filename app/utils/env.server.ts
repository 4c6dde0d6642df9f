import { z } from "zod";

const databaseUrl = z
  .string({ required_error: "is required" })
  .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must start with file: or postgres://");

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
}

// Unset or empty means "no SMTP": messages stay in the in-app outbox.
const smtpUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().refine(isSmtpUrl, "must be a smtp:// or smtps:// URL such as smtps://user:password@mail.example.it:465").optional(),
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

const BaseSchema = z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: databaseUrl.default("file:./data/socialbrief.db"),
    // Public origin of the app, used for absolute links and the Secure cookie flag.
    APP_URL: z.string().url("must be a URL such as https://brief.example.it").default("http://localhost:3000"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Number of proxies in front of the app (for client IPs in rate limits and logs).
    TRUST_PROXY: z.coerce.number().int().min(0).default(0),
    // Outgoing email. Without SMTP_URL nothing is sent: messages wait in the owner's outbox.
    SMTP_URL: smtpUrl,
    EMAIL_FROM: emailFrom,
    // Unfinished questionnaire drafts are deleted this many days after their last change.
    DRAFT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    // Where rendered PDFs are kept (one file per sent proposal version).
    STORAGE_DIR: z.string().trim().min(1).default("./data/storage"),
    // Worker threads rendering PDFs (default: one per core, at most 4).
    PDF_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
    // Stripe. Without STRIPE_SECRET_KEY (demo, tests) the app talks to the local
    // stand-in (server/stripe-standin.js) on STRIPE_STANDIN_PORT (default PORT + 1).
    STRIPE_SECRET_KEY: emptyAsUnset(z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)").optional()),
    STRIPE_WEBHOOK_SECRET: emptyAsUnset(z.string().regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)").optional()),
    STRIPE_PUBLISHABLE_KEY: emptyAsUnset(z.string().regex(/^pk_(test|live)_\w+$/, "must be a Stripe publishable key (pk_test_… or pk_live_…)").optional()),
    STRIPE_STANDIN_PORT: emptyAsUnset(z.coerce.number().int().min(1).max(65535).optional()),
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

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment, so the next getEnv() reads process.env again (tests change it). */
export function resetEnvForTests(): void {
  cached = undefined;
}
