// The Express app around the Remix request handler, built from a validated
// environment so server/index.ts and the integration tests run the same code:
// - compression; hashed assets cached for a year, other public files for an hour
// - helmet security headers; rate limits on login and public POSTs, counted in
//   Redis when REDIS_URL is set (shared by every instance), else in memory
// - structured request logs (pino-http), every 5xx logged with its request id
// - a fresh CSP nonce per request for every script (no 'unsafe-inline' in production)
// - a limit on requests in progress: past it a translated 503, logged
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import type * as Entry from "../app/entry.server";
import { standinOrigin, type Env } from "../app/utils/env.server";
import type { StripeMode } from "../app/utils/stripe.server";
import "../app/utils/load-context";
import { errorPage, langOf, withErrorPages } from "./error-pages";
import { withCleanForms } from "./forms";
import { limitStore, type LimitRedis } from "./redis";
import { installRouteMatchCache } from "./route-matches";

declare module "express-serve-static-core" {
  interface Request {
    /** The path as Remix routes it (routePath()), set first thing for every request. */
    routePath: string;
  }
  interface Locals {
    /** This request's Content-Security-Policy nonce (base64). */
    cspNonce: string;
  }
}

/**
 * The path the way Remix will route it, for every decision made here by path
 * (limits, language of a message): Remix builds the request URL from
 * `req.originalUrl` (so `\\` and dot segments are resolved), decodes each
 * segment, ignores letter case, trailing slashes and the single-fetch `.data`
 * suffix. Without this `/it/LOGIN` or `/it/%6Cogin` reached the login action
 * past the login limiter.
 * Lower case, no trailing slash ("/" for the root).
 */
export function routePath(originalUrl: string): string {
  let pathname: string;
  try {
    pathname = new URL(`http://localhost${originalUrl}`).pathname;
  } catch {
    pathname = originalUrl.split("?")[0] ?? "/";
  }
  const decoded = pathname
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replaceAll("/", "%2F");
      } catch {
        return segment;
      }
    })
    .join("/");
  const path = decoded
    .toLowerCase()
    .replace(/\/{2,}/g, "/")
    .replace(/\/+$/, "")
    .replace(/\.data$/, "")
    .replace(/\/+$/, "");
  return path === "" || path === "/_root" ? "/" : path;
}

// Answers that hold private data: the owner's area, the prospect's private link
// (/p/:token and everything under it: acceptance, payment, receipts, PDF), the
// questionnaire and the emailed token links (resume, invitation, reset).
const PRIVATE = /^\/(it|en)\/(owner|p|intake|invite|reset)(\/|$)/;
const TOKEN_LINK = /^\/(it|en)\/(p|intake\/resume|invite|reset)\//;

/**
 * The headers every answer on `path` (a routePath) must carry: never stored by
 * a browser or proxy cache, and token links never indexed. Empty for public pages.
 */
export function privacyHeaders(path: string): Record<string, string> {
  if (!PRIVATE.test(path)) return {};
  const headers: Record<string, string> = { "Cache-Control": "private, no-store" };
  return TOKEN_LINK.test(path) ? { ...headers, "X-Robots-Tag": "noindex" } : headers;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The last of a header's comma-separated values, or undefined. */
function lastValue(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").pop()?.trim();
  return value || undefined;
}

/** Whether two origins (scheme://host[:port]) are the same, default ports and case aside. */
function sameOrigin(a: string, b: string): boolean {
  try {
    const left = new URL(a);
    return left.origin !== "null" && left.origin === new URL(b).origin && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i.test(a);
  } catch {
    return false;
  }
}

const isEnglish = (req: Request): boolean => langOf(req.routePath) === "en";

/** What app/entry.server.tsx exports beside the Remix entry: the build's own database client, environment, PDF pool. */
export type EntryExports = Pick<typeof Entry, "getEnv" | "resetEnvForTests" | "dbReady" | "disconnectDb" | "closePdfPool" | "closeEmailTransports" | "purgeExpiredDrafts" | "purgeExpiredSessions" | "stripeMode" | "warmPdfWorkers" | "startJobRunner" | "stopJobRunner" | "purgeFinishedJobs" | "runScheduled" | "hourSlot" | "purgeScheduledRuns">;

export interface AppOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** The environment as parsed and checked by app/utils/env.server.ts (never process.env). */
  env: Env;
  logger: Logger;
  mode?: "development" | "production";
  viteDevServer?: { middlewares: RequestHandler };
  /** True while the server shuts down. */
  isClosing?: () => boolean;
  /** Serve build/client (default: without a Vite dev server). */
  serveStatic?: boolean;
  /** From app/utils/stripe.server.ts. */
  stripeMode: StripeMode;
  /** The connected client of server/redis.ts (connectRedis): required when env.REDIS_URL is set, where the limits count. */
  redis?: LimitRedis;
}

/** The request id pino-http gave the request (a UUID). */
const requestIdOf = (req: IncomingMessage): string => String(req.id);

export function createApp({ build, env, logger, mode = "production", viteDevServer, isClosing = () => false, serveStatic = !viteDevServer, stripeMode, redis }: AppOptions): Express {
  // A limit that quietly counted per instance while REDIS_URL says "shared" would be a hole.
  if (env.REDIS_URL && !redis) throw new Error("REDIS_URL is set: createApp needs the connected Redis client (server/redis.ts connectRedis)");
  // Where paying may post to (browsers apply form-action to the redirect to Checkout too).
  const checkoutOrigins: string[] =
    stripeMode === "live" || stripeMode === "test"
      ? ["https://checkout.stripe.com"]
      : stripeMode === "standin"
        ? [standinOrigin(env)]
        : [];
  const isDev = mode === "development";
  installRouteMatchCache();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  app.use(
    pinoHttp({
      logger,
      // A request id from a proxy in front is kept only when it is a UUID: anything
      // else a client sends is not echoed into logs or responses.
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const sent = req.headers["x-request-id"];
        const id = typeof sent === "string" && UUID.test(sent) ? sent.toLowerCase() : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" },
      // Every 5xx answer, whoever produced it, is an error line with its request id.
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
    }),
  );

  // Every decision by path below uses the path as Remix routes it.
  app.use((req, _res, next) => {
    req.routePath = routePath(req.originalUrl);
    next();
  });

  // Private answers, decided here by path for every kind of answer in one place:
  // documents, single-fetch data (.data), resource routes (PDF, CSV), redirects,
  // errors, and our own 413/429. Set as the head is written, so they win over
  // whatever a route sent (routes exporting no `headers` sent none on documents).
  app.use((req, res, next) => {
    const headers = Object.entries(privacyHeaders(req.routePath));
    if (headers.length === 0) return next();
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      for (const [name, value] of headers) this.setHeader(name, value);
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  });

  // While shutting down, tell clients not to reuse connections.
  app.use((_req, res, next) => {
    if (isClosing()) res.setHeader("Connection", "close");
    next();
  });
  app.use(compression());
  // A fresh nonce per request: the only inline or module scripts a page may run
  // are the ones our own render gave it (getLoadContext hands it to Remix).
  // In development Vite's HMR injects scripts of its own, so 'unsafe-inline'
  // stays there (browsers ignore it beside a nonce, so none is sent then).
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  const scriptSources = isDev
    ? ["'self'", "'unsafe-inline'"]
    : ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce}'`];
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": scriptSources,
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": isDev ? ["'self'", "ws:"] : ["'self'"],
          "worker-src": ["'self'", "blob:"],
          // Paying posts to us and is redirected to Stripe Checkout (or the local stand-in):
          // browsers apply form-action to that redirect too.
          "form-action": ["'self'", ...checkoutOrigins],
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
  // carries an Origin that is not ours. Ours is APP_URL's origin (scheme, host
  // and port), and, only behind a trusted proxy (TRUST_PROXY), the origin the
  // proxy reports in X-Forwarded-Proto and X-Forwarded-Host: without one, those
  // headers are the client's word and prove nothing.
  // Outside production the app on this machine's own port counts too (npm run dev on
  // another PORT with the default APP_URL).
  const ownOrigins = [new URL(env.APP_URL).origin, ...(env.NODE_ENV === "production" ? [] : [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`])];
  const proxied = env.TRUST_PROXY > 0;
  // Without a trusted proxy, forwarded headers are dropped before anything reads
  // them (Remix builds request.url from X-Forwarded-Host when present).
  if (!proxied) {
    app.use((req, _res, next) => {
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-for"];
      next();
    });
  }
  // Our check decides: once an Origin passed it, it is not handed on, so Remix's
  // own comparison (Origin against X-Forwarded-Host or Host, whatever sent them)
  // cannot turn a post from our own origin into a blank 500.
  const checked = (req: Request, next: () => void) => {
    delete req.headers.origin;
    next();
  };
  // The app reads pages (GET, HEAD) and takes forms (POST): any other method
  // (OPTIONS, PUT, PATCH, DELETE, …) is answered here, before Remix, whose own
  // handling of them ends in a 500 (its CSRF check on an OPTIONS single-fetch
  // request with a foreign Origin) or a 405 naming a route module.
  // HEAD of a single-fetch data URL counts too: Remix runs any data request that is
  // not a GET as an action (with its own Origin check).
  app.use((req, res, next) => {
    const dataHead = req.method === "HEAD" && /\.data$/.test(req.path);
    if ((req.method === "GET" || req.method === "HEAD" || req.method === "POST") && !dataHead) return next();
    res
      .status(405)
      .set("Allow", "GET, HEAD, POST")
      .type("text/plain")
      .send(isEnglish(req) ? "Method not allowed." : "Metodo non consentito.");
  });
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
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
    if (ownOrigins.some((own) => sameOrigin(origin, own))) return checked(req, next);
    if (proxied) {
      // The value our proxy wrote is the last one (a client may have sent its own before it).
      const host = lastValue(req.headers["x-forwarded-host"]) ?? req.headers.host;
      const proto = lastValue(req.headers["x-forwarded-proto"]) ?? ((req.socket as Partial<TLSSocket>).encrypted ? "https" : "http");
      if (host && sameOrigin(origin, `${proto}://${host}`)) return checked(req, next);
    }
    res.status(403).type("text/plain").send("Forbidden: cross-site request");
  });

  // Request size limit: forms are small; anything bigger is refused before Remix reads it.
  const MAX_BODY_BYTES = env.MAX_BODY_BYTES;
  app.use((req, res, next) => {
    if (req.method !== "POST" && req.method !== "PUT" && req.method !== "PATCH") return next();
    const length = Number(req.headers["content-length"] ?? NaN);
    const english = isEnglish(req);
    if (!Number.isFinite(length)) {
      if (req.headers["transfer-encoding"]) {
        return res.status(411).type("text/plain").send(english ? "Length required." : "Lunghezza della richiesta mancante.");
      }
      return next();
    }
    // The logo upload (owner only, checked by the route) gets up to 2 MB through, so a
    // file over the logo's 512 KB gets the route's translated message, not a bare 413.
    const limit = /^\/(it|en)\/owner\/settings\/logo$/.test(req.routePath) ? Math.max(MAX_BODY_BYTES, 2 * 1024 * 1024) : MAX_BODY_BYTES;
    if (length > limit) {
      return res.status(413).type("text/plain").send(english ? "Too much data sent at once." : "Troppi dati inviati insieme.");
    }
    next();
  });

  // Where each limiter counts: with REDIS_URL in Redis, under a prefix of its own
  // (REDIS_KEY_PREFIX + "limit:<name>:" + client IP), shared by every instance;
  // without it in this process's memory (one instance only: two would each count apart).
  const storeOf = (name: string) => (redis ? { store: limitStore(redis, `${env.REDIS_KEY_PREFIX}limit:${name}:`, logger) } : {});
  // Redis unreachable while running: a limited POST is refused with the translated
  // 503 "busy" page (Retry-After), logged, never let through uncounted and never a 500.
  // Pages (GET) are not limited and keep working. Fail closed: a limit an attacker can
  // switch off by overloading Redis is no limit.
  const failClosed =
    (limiter: RequestHandler): RequestHandler =>
    (req, res, next) =>
      limiter(req, res, (error?: unknown) => {
        if (!error) return next();
        req.log.error({ err: error }, "rate-limit store (Redis) unreachable: post answered 503");
        if (res.headersSent) return void res.end();
        res.status(503).setHeader("Retry-After", "5");
        res.type("html").send(errorPage(langOf(req.routePath), 503, requestIdOf(req)));
      });
  const limitMessage = (req: Request) =>
    (isEnglish(req) ? "Too many attempts. Try again in a few minutes." : "Troppi tentativi. Riprova tra qualche minuto.");
  // Logins: failed attempts per IP (successful ones do not count). Over the
  // limit the request still reaches the login action, marked, so the person
  // gets the translated message in the form (with or without JavaScript)
  // instead of a bare 429 that the browser app could only show as an error.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: env.RATE_LIMIT_LOGIN,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    ...storeOf("login"),
    handler: (req: Request, _res: Response, next: () => void) => {
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
    limit: env.RATE_LIMIT_POST,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    message: limitMessage,
    ...storeOf("post"),
  });
  const login = failClosed(loginLimiter);
  const publicPost = failClosed(publicPostLimiter);
  app.post("*", (req, res, next) => (/^\/(it|en)\/login$/.test(req.routePath) ? login(req, res, next) : next()));
  // Stripe's webhook deliveries come in bursts from a few addresses; they are signed, not typed by people.
  app.post("*", (req, res, next) => (req.routePath === "/stripe/webhook" ? next() : publicPost(req, res, next)));

  // The client IP as Express sees it (after trust proxy), for sessions and logs.
  app.use((req, _res, next) => {
    req.headers["x-client-ip"] = req.ip ?? "";
    next();
  });

  if (viteDevServer) app.use(viteDevServer.middlewares);
  if (serveStatic) {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    // The other public files (favicon.svg, demo/, …) by their own paths only: a static handler
    // over every URL stats the disk for each page and post (a missing file, then Remix).
    // What build/client holds is read once, at the start (a build is not changed in place).
    const entries = existsSync("build/client") ? readdirSync("build/client", { withFileTypes: true }).filter((e) => e.name !== "assets") : [];
    const files = new Set(entries.filter((e) => e.isFile()).map((e) => `/${e.name}`));
    const folders = entries.filter((e) => e.isDirectory()).map((e) => `/${e.name}/`);
    const serveClient = express.static("build/client", { maxAge: "1h" });
    app.use((req, res, next) => (files.has(req.path) || folders.some((f) => req.path.startsWith(f)) ? serveClient(req, res, next) : next()));
  }

  // Single fetch (.data) is how the app loads data; a `?_data=` request is only
  // ever a probe, which Remix answers with a 403 "Unexpected Server Error" or a 500.
  app.use((req, res, next) => {
    const query = req.originalUrl.indexOf("?");
    if (query < 0 || !new URLSearchParams(req.originalUrl.slice(query + 1)).has("_data")) return next();
    res.status(400).type("text/plain").send(isEnglish(req) ? "Bad request." : "Richiesta non valida.");
  });

  // Overload: past MAX_CONCURRENT_REQUESTS pages and posts in progress at once,
  // more are answered at once with a translated 503 (and Retry-After) rather
  // than queued until they all time out; each is logged with its request id.
  let inFlight = 0;
  app.use((req, res, next) => {
    if (req.routePath === "/healthz") return next();
    if (inFlight >= env.MAX_CONCURRENT_REQUESTS) {
      req.log.warn({ inFlight, limit: env.MAX_CONCURRENT_REQUESTS }, "overloaded: too many requests in progress, answered 503");
      res.status(503).setHeader("Retry-After", "5");
      return void res.type("html").send(errorPage(langOf(req.routePath), 503, requestIdOf(req)));
    }
    inFlight += 1;
    res.once("close", () => (inFlight -= 1));
    next();
  });

  // Every form action gets a cleaned form, or a 400/415 (server/forms.ts); where
  // Remix has no error boundary to render (a resource route, a failing boundary)
  // a thrown error gets the translated error page (server/error-pages.ts).
  const wrap = (built: ServerBuild) => withErrorPages(withCleanForms(built));
  const cleanBuild = typeof build === "function" ? async () => wrap(await build()) : wrap(build);
  app.all(
    "*",
    createRequestHandler({
      build: cleanBuild,
      mode,
      // What every loader, action and app/entry.server.tsx gets (app/utils/load-context.ts).
      getLoadContext: (req, res) => ({ requestId: requestIdOf(req), logger: req.log, cspNonce: res.locals.cspNonce }),
    }),
  );

  // Express's last resort (a middleware or Remix's handler threw): logged with
  // the request id, answered with a plain translated page, never a stack trace.
  const lastResort: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    req.log.error({ err }, "unhandled server error");
    if (res.headersSent) return void res.end();
    res.status(500).type("html").send(errorPage(langOf(req.routePath), 500, requestIdOf(req)));
  };
  app.use(lastResort);

  return app;
}
