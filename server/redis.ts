// The Redis client that holds the rate-limit counters when REDIS_URL is set, so
// every instance of the app behind a proxy counts the same attempts.
// - At start: one connection attempt (5 s at most); when it fails the server
//   must not start (connectRedis throws RedisUnavailableError, server/index.ts
//   prints it and exits): limits that quietly fell back to memory would give
//   an attacker a fresh allowance per instance.
// - While running: lost connections are retried in the background (50 ms up to
//   2 s apart) and commands fail at once instead of queueing, so a POST gets
//   the translated 503 of server/app.ts instead of hanging.
import type { Options, Store } from "express-rate-limit";
import { createClient } from "redis";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { Logger } from "pino";

function newClient(url: string, started: () => boolean) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      // The first connection is tried once; later ones again and again in the background.
      reconnectStrategy: (retries: number, cause: Error) => (started() ? Math.min(2 ** retries * 50, 2000) : cause),
    },
  });
}

export type LimitRedis = ReturnType<typeof newClient>;

export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

/** The URL without its password, for messages and logs. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unreadable URL)";
  }
}

/** A connected client (PING answered), or RedisUnavailableError saying which server could not be reached and why. */
export async function connectRedis(url: string, logger: Pick<Logger, "warn" | "info">): Promise<LimitRedis> {
  let started = false;
  const client = newClient(url, () => started);
  // Without a listener an error event would end the process; the limiter answers 503 meanwhile.
  let lastError = "";
  client.on("error", (error: unknown) => {
    const message = error instanceof Error ? error.message || error.name : String(error);
    if (started && message !== lastError) logger.warn({ err: error }, "redis: connection lost, rate-limited posts answer 503 until it is back");
    lastError = message;
  });
  client.on("ready", () => {
    if (started && lastError) logger.info("redis: connection back");
    lastError = "";
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.destroy();
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new RedisUnavailableError(
      `REDIS_URL: cannot reach Redis at ${redacted(url)} (${reason}). The rate limits are kept there so every instance counts the same attempts; the server does not start without it. Start Redis, fix REDIS_URL, or unset it to count per instance (a single instance only).`,
    );
  }
  started = true;
  return client;
}

/** Closes the connection (graceful shutdown); never throws. */
export async function closeRedis(client: LimitRedis | undefined): Promise<void> {
  if (!client?.isOpen) return;
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}

/**
 * The store of one limiter in Redis, its keys under `prefix` (one prefix per
 * limiter). Counting a hit fails when Redis is unreachable (the caller answers
 * 503); giving one back (a successful login no longer counts) only logs then:
 * it runs after the answer has gone, where a failure would have nobody to reach,
 * and keeping the hit errs on the safe side.
 */
export function limitStore(client: LimitRedis, prefix: string, logger: Pick<Logger, "warn">): Store {
  // A command that has no answer within 2 s fails (a half-open connection must not hold posts).
  const inner = new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand<RedisReply>(args, { timeout: 2000 }) });
  const quietly = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      logger.warn({ err: error, prefix }, `redis: rate-limit ${what} not recorded`);
    }
  };
  return {
    prefix,
    localKeys: false,
    init: (options: Options) => inner.init(options),
    get: (key: string) => inner.get(key),
    increment: (key: string) => inner.increment(key),
    decrement: (key: string) => quietly("decrement", () => inner.decrement(key)),
    resetKey: (key: string) => quietly("reset", () => inner.resetKey(key)),
  };
}
