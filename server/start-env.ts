// The first thing each server process does (server/index.ts, server/standin-main.ts):
// check the environment with the zod schema of app/utils/env.server.ts, and on a
// bad or missing setting print what is wrong by name, without a stack trace, and exit 1.
import { parseEnv, type Env } from "../app/utils/env.server";

/** A bad environment is reported by name, without a stack trace, and stops the start. */
export function exitOnEnvError(error: unknown): never {
  if (error instanceof Error && error.name === "EnvError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/** process.env parsed, or the process ends saying which variable is wrong. */
export function envOrExit(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    exitOnEnvError(error);
  }
}
