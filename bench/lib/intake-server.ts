// Starting and stopping a questionnaire server (the app's production build or
// bench/bare-intake-server.ts) for the intake benches, and a step's form body.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import type { RawAnswers, StepId } from "~/domain/intake/definition";
import { root } from "./server";

/** Refuses a port something else already listens on (its answers would be counted as ours). */
async function ensureFree(port: number): Promise<void> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(port, "127.0.0.1", resolve)).catch(() => {
    console.error(`Port ${port} is in use: stop what listens there or set BENCH_PORT.`);
    process.exit(1);
  });
  await new Promise((r) => probe.close(r));
}

export async function startIntakeServer(command: string[], port: number, env: Record<string, string>): Promise<ChildProcess> {
  await ensureFree(port);
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      STRIPE_STANDIN: "0",
      SMTP_URL: "",
      // One client address sends every prospect's posts: the per-address limit is raised (the most it allows).
      RATE_LIMIT_POST: "100000",
      MAX_CONCURRENT_REQUESTS: "100000",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/it/intake/about`, { redirect: "manual" });
      if (response.status < 500) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${command.join(" ")} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

/** A step's answers as the page posts them, with intent=next. */
export function stepBody(step: StepId, answers: RawAnswers): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(answers[step] ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, String(v));
  }
  form.append("intent", "next");
  return form.toString();
}

