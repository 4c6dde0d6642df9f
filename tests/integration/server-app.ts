// The real Express app (server/app.ts) around the real Remix app, in this test
// process: Vite compiles the Remix build once per test process (as `npm run dev`
// does), and each startApp() listens on its own port with its own settings.
import type { AddressInfo } from "node:net";
import { createServer as createHttpServer, type Server } from "node:http";
import { Writable } from "node:stream";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { createServer, type ViteDevServer } from "vite";
import { createApp, type EntryExports } from "../../server/app";
import { closeRedis, connectRedis } from "../../server/redis";
import type { Env } from "~/utils/env.server";

type EntryModule = EntryExports;

// Kept on globalThis, not in this module's scope: with isolate: false Vitest still
// evaluates this module anew for every test file, and a module-level cache compiled
// the whole build again per file (3.5 s each on an idle machine, 7 s on a busy one).
const compiled = globalThis as { __sbVite?: Promise<ViteDevServer>; __sbBuild?: Promise<ServerBuild> };

export async function loadBuild(): Promise<ServerBuild> {
  compiled.__sbVite ??= createServer({
    configFile: "vite.config.ts",
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: "custom",
    logLevel: "error",
  });
  const vite = compiled.__sbVite;
  compiled.__sbBuild ??= vite.then((server) => server.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>);
  return compiled.__sbBuild;
}

/** The build's own entry exports (its own database client, environment, PDF pool). */
export async function entry(): Promise<EntryModule> {
  return (await loadBuild()).entry.module as unknown as EntryModule;
}

export interface RunningApp {
  url: string;
  /** Every JSON log line written so far. */
  logs: () => Record<string, unknown>[];
  close: () => Promise<void>;
}

const servers = new Set<Server>();
const redisClients = new Set<Awaited<ReturnType<typeof connectRedis>>>();

export interface StartOptions {
  /** What the app serves instead of the build as compiled (e.g. with a route that throws). */
  build?: (build: ServerBuild) => ServerBuild | (() => Promise<ServerBuild>);
}

/**
 * Starts the app on a free port; `settings` override the parsed environment the
 * server reads (a function gets the app's URL first, e.g. for APP_URL). With
 * REDIS_URL among them it connects to Redis first, as server/index.ts does
 * (and rejects like it when Redis is unreachable); close() closes that client too.
 */
export async function startApp(settings: Partial<Env> | ((url: string) => Partial<Env>) = {}, options: StartOptions = {}): Promise<RunningApp> {
  const built = await loadBuild();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: "info", base: { app: "socialbrief" } }, sink);
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.add(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mod = await entry();
  const env = { ...mod.getEnv(), ...(typeof settings === "function" ? settings(url) : settings) } as Env;
  let redis: Awaited<ReturnType<typeof connectRedis>> | undefined;
  try {
    redis = env.REDIS_URL ? await connectRedis(env.REDIS_URL, logger) : undefined;
  } catch (error) {
    servers.delete(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  if (redis) redisClients.add(redis);
  server.on("request", createApp({ build: options.build ? options.build(built) : built, env, logger, serveStatic: false, stripeMode: mod.stripeMode(env), redis }));
  return {
    url,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    close: () =>
      new Promise<void>((resolve) => {
        servers.delete(server);
        server.closeAllConnections();
        server.close(() => {
          if (redis) redisClients.delete(redis);
          void closeRedis(redis).then(resolve);
        });
      }),
  };
}

/**
 * For afterAll: closes every app still listening, the build's job engine, database
 * client and mail transports, and makes the build read the environment
 * again. The compiled build itself (and Vite) stays for the next test file in this
 * process (vitest isolate: false): compiling it costs seconds, and everything a
 * file could change in it is reset here. The PDF workers are one pool per process,
 * shared with the test's own imports, and stay warm (app/pdf/pool.server.ts).
 */
export async function stopApps(): Promise<void> {
  await Promise.all([...servers].map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
  servers.clear();
  await Promise.all([...redisClients].map(closeRedis));
  redisClients.clear();
  if (compiled.__sbBuild) {
    const mod = await entry();
    // The build's own pg-boss (its module, not the test's) is bound to this file's database.
    await mod.stopJobRunner();
    await mod.disconnectDb();
    mod.closeEmailTransports();
    mod.resetEnvForTests();
  }
}
