// Production (and dev) HTTP server: Express around the Remix request handler.
// - compression; hashed assets cached for a year, other public files for an hour
// - helmet security headers; rate limits on login and public POSTs
// - structured request logs (pino-http)
// - graceful SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import pino from "pino";
import { pinoHttp } from "pino-http";
import { randomBytes, randomUUID } from "node:crypto";
import "dotenv/config";

// Stripe: without STRIPE_SECRET_KEY (the demo default) the local stand-in
// (server/stripe-standin.js) plays Stripe's part, started below. Its webhooks
// are signed with a secret made up for this process unless one is configured,
// so nobody can sign a fake event with a secret published in the repository.
if (!process.env.STRIPE_SECRET_KEY?.trim() && !process.env.STRIPE_WEBHOOK_SECRET?.trim()) {
  process.env.STRIPE_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("hex")}`;
}

const isDev = process.argv.includes("--dev");
const logger = pino({ level: process.env.LOG_LEVEL ?? "info", base: { app: "socialbrief" } });

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
const { getEnv, dbReady, disconnectDb, closePdfPool, closeEmailTransports, purgeExpiredDrafts } = build.entry.module;
const env = getEnv();
await dbReady();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);

app.use(
  pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = req.headers["x-request-id"] ?? randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === "/healthz" },
  }),
);

// While shutting down, tell clients not to reuse connections.
app.use((_req, res, next) => {
  if (closing) res.setHeader("Connection", "close");
  next();
});
app.use(compression());
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": isDev ? ["'self'", "'unsafe-inline'"] : ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": isDev ? ["'self'", "ws:"] : ["'self'"],
        "worker-src": ["'self'", "blob:"],
        // Paying posts to us and is redirected to Stripe Checkout (or the local stand-in):
        // browsers apply form-action to that redirect too.
        "form-action": ["'self'", env.STRIPE_SECRET_KEY ? "https://checkout.stripe.com" : `http://127.0.0.1:${env.STRIPE_STANDIN_PORT ?? env.PORT + 1}`],
        "upgrade-insecure-requests": env.APP_URL.startsWith("https://") ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Not helmet's "no-referrer": with it browsers send `Origin: null` on our
    // own form posts, which defeats the Origin checks (ours and Remix's).
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: env.APP_URL.startsWith("https://"),
  }),
);

// Defence in depth against CSRF beside SameSite=Lax: a cross-site browser POST
// carries an Origin that is not ours.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.headers.origin;
  if (!origin) return next();
  if (origin === "null") {
    // An opaque origin (a page with "Referrer-Policy: no-referrer", a privacy
    // extension, a sandboxed frame) cannot be checked either way; SameSite=Lax
    // keeps session cookies off cross-site posts. Drop it so Remix's own
    // origin check does not turn the post into a blank 500.
    delete req.headers.origin;
    return next();
  }
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  try {
    if (new URL(origin).host === host) return next();
  } catch {
    // fall through
  }
  res.status(403).type("text/plain").send("Forbidden: cross-site request");
});

// Request size limit: forms are small; anything bigger is refused before Remix reads it.
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 64 * 1024);
app.use((req, res, next) => {
  if (req.method !== "POST" && req.method !== "PUT" && req.method !== "PATCH") return next();
  const length = Number(req.headers["content-length"] ?? NaN);
  const english = req.path.startsWith("/en");
  if (!Number.isFinite(length)) {
    if (req.headers["transfer-encoding"]) {
      return res.status(411).type("text/plain").send(english ? "Length required." : "Lunghezza della richiesta mancante.");
    }
    return next();
  }
  // The logo upload (owner only, checked by the route) gets up to 2 MB through, so a
  // file over the logo's 512 KB gets the route's translated message, not a bare 413.
  const limit = /^\/(it|en)\/owner\/settings\/logo(\.data)?\/?$/.test(req.path) ? Math.max(MAX_BODY_BYTES, 2 * 1024 * 1024) : MAX_BODY_BYTES;
  if (length > limit) {
    return res.status(413).type("text/plain").send(english ? "Too much data sent at once." : "Troppi dati inviati insieme.");
  }
  next();
});

const limitMessage = (req) =>
  (req.path.startsWith("/en") ? "Too many attempts. Try again in a few minutes." : "Troppi tentativi. Riprova tra qualche minuto.");
// Logins: failed attempts per IP (successful ones do not count). Over the
// limit the request still reaches the login action, marked, so the person
// gets the translated message in the form (with or without JavaScript)
// instead of a bare 429 that the browser app could only show as an error.
const loginLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: Number(process.env.RATE_LIMIT_LOGIN ?? 10),
  standardHeaders: "draft-7",
  legacyHeaders: false,
  skipSuccessfulRequests: true,
  handler: (req, _res, next) => {
    req.headers["x-login-limited"] = "1";
    next();
  },
});
app.use((req, _res, next) => {
  delete req.headers["x-login-limited"]; // only the limiter may set it
  next();
});
const publicPostLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: Number(process.env.RATE_LIMIT_POST ?? 60),
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: limitMessage,
});
app.post(/^\/(it|en)\/login\/?$/, loginLimiter);
app.post(/^\/(it|en)\/login\.data$/, loginLimiter);
// Stripe's webhook deliveries come in bursts from a few addresses; they are signed, not typed by people.
app.post("*", (req, res, next) => (req.path === "/stripe/webhook" ? next() : publicPostLimiter(req, res, next)));

// The client IP as Express sees it (after trust proxy), for sessions and logs.
app.use((req, _res, next) => {
  req.headers["x-client-ip"] = req.ip ?? "";
  next();
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}

app.all(
  "*",
  createRequestHandler({
    build: viteDevServer ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") : build,
    mode: isDev ? "development" : "production",
  }),
);

// Express's last resort: a plain message, never a stack trace.
app.use((err, req, res, _next) => {
  req.log?.error({ err }, "unhandled server error");
  if (res.headersSent) return;
  res.status(500).type("text/plain").send("Internal Server Error");
});

let closing = false;
const server = app.listen(env.PORT, () => {
  logger.info({ port: env.PORT, url: env.APP_URL }, "Socialbrief is listening");
});
server.keepAliveTimeout = 65_000;

// The Stripe stand-in, only when no Stripe key is set: with real keys it is never started.
let stripeStandin;
if (!env.STRIPE_SECRET_KEY) {
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
