// Types for server/app.js (plain Node ESM, used by server/index.js and the integration tests).
import type { ServerBuild } from "@remix-run/node";
import type { Express, RequestHandler } from "express";
import type { Logger } from "pino";
import type { Env } from "../app/utils/env.server";

export interface AppOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  env: Env;
  logger: Logger;
  mode?: "development" | "production";
  viteDevServer?: { middlewares: RequestHandler };
  isClosing?: () => boolean;
  serveStatic?: boolean;
  stripeMode: "live" | "test" | "standin" | "disabled";
}

export function createApp(options: AppOptions): Express;
export function routePath(originalUrl: string): string;
export function privacyHeaders(path: string): Record<string, string>;
