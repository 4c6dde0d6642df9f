// The "Done when" of issue 13: the real server (server/index.ts, the entry that
// `npm start` runs: the production build when npm test has just built it and
// says so with TEST_SERVER_BUILD=build/node/index.js, else from source with
// --dev, since a build lying around may be older than the code) in a child process on this test
// file's database, a load of final submits, SIGKILL mid-load, a restart (the
// prospects whose submit got no answer submit again), and then: every
// acknowledged submit has its lead, and every lead got exactly one confirmation
// and one new-lead email per owner, none twice; the proposals the owner sent
// (double clicks, and again after the restart) are one version and one email
// each. The job lease is 2 s, so the jobs the killed server had claimed run
// again on the restarted one.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { complete } from "~/domain/intake/fixtures";
import { hashSecret, newSecret } from "~/models/intake-draft.server";
import { upsertOwner } from "~/models/user.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { intakeCookie } from "~/utils/intake-cookie.server";
import { closedPort } from "./helpers";

const root = path.resolve(import.meta.dirname, "../..");
const SUBMITS = 120;
const CONCURRENCY = 12;
/** Leads whose proposal the owner sends (double click) during the load: few, each renders a PDF. */
const SENDS = 2;
const children = new Set<ChildProcess>();

async function startServer(port: number): Promise<ChildProcess> {
  const built = process.env.TEST_SERVER_BUILD;
  const child = spawn(process.execPath, built ? [built] : ["--import", "tsx", "server/index.ts", "--dev"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: built ? "production" : "development",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      RATE_LIMIT_POST: "100000",
      MAX_CONCURRENT_REQUESTS: "100000",
      STRIPE_STANDIN: "0",
      PDF_WORKERS: "1",
      // No sample renders before listening: the two sends render their PDFs on a cold worker, which this test does not time.
      PDF_WARM_RENDERS: "0",
      JOBS_POLL_MS: "100",
      JOBS_LEASE_SECONDS: "2",
      SMTP_URL: "",
    },
    // Its stderr is kept and shown only if it does not start (a SIGKILL makes Vite's esbuild service print its goroutines).
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + String(chunk)).slice(-4000)));
  children.add(child);
  child.once("exit", () => children.delete(child));
  // A wait, not a budget: a busy machine starts a server slowly.
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      // The intake page (not /healthz): in --dev it has Vite compile the app before the load starts.
      if ((await fetch(`http://127.0.0.1:${port}/it/intake/about`, { redirect: "manual" })).status < 500) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function kill(child: ChildProcess): Promise<unknown> {
  const exited = child.exitCode !== null ? Promise.resolve() : once(child, "exit");
  child.kill("SIGKILL");
  return exited;
}

afterAll(async () => {
  await Promise.all([...children].map(kill));
});

/** The owner's "send" on a lead's review page, as seen with no version yet; the redirect's query ("sent=1", "already=1"), or null when the server died first. */
async function send(port: number, cookie: string, leadId: string): Promise<string | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/it/owner/proposals/${leadId}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: `http://127.0.0.1:${port}` },
      body: "intent=send&expectedVersion=0",
    });
    return response.status === 302 ? (response.headers.get("Location")?.split("?")[1] ?? null) : null;
  } catch {
    return null;
  }
}

/** Finished drafts waiting for their final submit, and the browser cookie of each. */
async function finishedDrafts(n: number) {
  const drafts: Array<{ email: string; cookie: string }> = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const key = newSecret();
    const email = `crash-${i}@hotel.example`;
    drafts.push({ email, cookie: (await intakeCookie.serialize(key)).split(";")[0]! });
    rows.push({ browserKeyHash: hashSecret(key), locale: "it", email, answers: JSON.stringify({ ...complete, about: { ...complete.about, email } }), currentStep: "review", expiresAt: new Date(Date.now() + 86_400_000) });
  }
  await prisma.intakeDraft.createMany({ data: rows });
  return drafts;
}

/** The final submit; the proposal link's token when the server acknowledged it, null when it did not (killed). */
async function submit(port: number, cookie: string): Promise<string | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/it/intake/review`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: "intent=next",
    });
    const match = /^\/it\/p\/([\w-]{22})\?received=1$/.exec(response.headers.get("Location") ?? "");
    return response.status === 302 && match ? match[1]! : null;
  } catch {
    return null; // the connection died with the server
  }
}

/** Submits every draft, CONCURRENCY at a time; calls `onAck` after each acknowledged one. */
async function load(port: number, drafts: Array<{ email: string; cookie: string }>, acked: Map<string, string>, onAck?: (count: number, token: string) => void) {
  let next = 0;
  const worker = async () => {
    while (next < drafts.length) {
      const draft = drafts[next++]!;
      const token = await submit(port, draft.cookie);
      if (token) {
        acked.set(draft.email, token);
        onAck?.(acked.size, token);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe("a server killed with SIGKILL during a load of submits", () => {
  it("loses no acknowledged lead and sends every lead's emails exactly once after the restart", { timeout: 120_000 }, async () => {
    const owners = ["titolare@studio.example", "socia@studio.example"];
    for (const email of owners) await upsertOwner({ email, name: "Owner", password: "owner-password-123" });
    const drafts = await finishedDrafts(SUBMITS);
    const acked = new Map<string, string>();
    const port = await closedPort();

    // The owner sends the first leads' proposals during the load, each with a double click
    // (their jobs render the PDF and email it while the server is killed, or after).
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: owners[0] } });
    const ownerCookie = (await createSessionCookie(owner.id, { userAgent: "crash test", ip: null })).split(";")[0]!;
    const sentTokens: string[] = [];
    const sends: Array<Promise<unknown>> = [];

    // First run: killed once about a third of the submits were answered, while the others are in flight.
    const first = await startServer(port);
    let killing: Promise<unknown> | undefined;
    await load(port, drafts, acked, (count, token) => {
      if (sentTokens.length < SENDS) {
        sentTokens.push(token);
        sends.push(prisma.lead.findUniqueOrThrow({ where: { token }, select: { id: true } }).then(({ id }) => Promise.all([send(port, ownerCookie, id), send(port, ownerCookie, id)])));
      }
      if (count >= SUBMITS / 3 && !killing) killing = kill(first);
    });
    await Promise.all([killing, ...sends]);
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeGreaterThanOrEqual(SUBMITS / 3);
    expect(ackedBeforeCrash).toBeLessThan(SUBMITS);

    // Every submit the client saw acknowledged is there, before any restart.
    const leadsAfterCrash = await prisma.lead.findMany({ select: { email: true, token: true } });
    const byEmail = new Map(leadsAfterCrash.map((l) => [l.email, l.token]));
    for (const [email, token] of acked) expect([email, byEmail.get(email)]).toEqual([email, token]);

    // Restart; the prospects left without an answer submit again.
    const second = await startServer(port);
    await load(port, drafts.filter((d) => !acked.has(d.email)), acked);
    expect(acked.size).toBe(SUBMITS);
    // The owner, unsure the sends went, clicks "send" again on the page still showing no version: nothing new.
    const sentLeads = await prisma.lead.findMany({ where: { token: { in: sentTokens } }, select: { id: true } });
    expect(sentLeads).toHaveLength(SENDS);
    for (const lead of sentLeads) expect(await send(port, ownerCookie, lead.id)).toMatch(/^(sent|already)=1$/);

    // The runner sends what is due, the jobs the killed server held included (2 s leases).
    const expected = SUBMITS * (1 + owners.length);
    const deadline = Date.now() + 45_000;
    let sent = 0;
    while (Date.now() < deadline) {
      sent = await prisma.emailMessage.count({ where: { kind: { in: ["intake_received", "new_lead"] } } });
      const proposals = await prisma.emailMessage.count({ where: { kind: "proposal_sent" } });
      if (sent >= expected && proposals >= SENDS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // A moment more: a duplicate would show up now.
    await new Promise((r) => setTimeout(r, 1500));
    await kill(second);

    const leads = await prisma.lead.findMany({ select: { id: true, email: true, token: true } });
    expect(leads).toHaveLength(SUBMITS);
    for (const lead of leads) expect(acked.get(lead.email)).toBe(lead.token);
    const emails = await prisma.emailMessage.findMany({ where: { kind: { in: ["intake_received", "new_lead"] } }, select: { kind: true, to: true, leadId: true } });
    const counts = new Map<string, number>();
    for (const e of emails) counts.set(`${e.leadId} ${e.kind} ${e.to}`, (counts.get(`${e.leadId} ${e.kind} ${e.to}`) ?? 0) + 1);
    const wanted = leads.flatMap((l) => [`${l.id} intake_received ${l.email}`, ...owners.map((o) => `${l.id} new_lead ${o}`)]);
    expect([...counts.keys()].sort()).toEqual(wanted.sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(emails).toHaveLength(expected);
    // Each proposal sent: one version, one timeline entry, one email with its PDF.
    for (const lead of sentLeads) {
      expect(await prisma.proposalVersion.count({ where: { proposal: { leadId: lead.id } } })).toBe(1);
      expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.sent" } })).toBe(1);
      const mails = await prisma.emailMessage.findMany({ where: { kind: "proposal_sent", leadId: lead.id }, select: { _count: { select: { attachments: true } } } });
      expect(mails).toEqual([{ _count: { attachments: 1 } }]);
    }
    console.log(`crash test: ${ackedBeforeCrash} of ${SUBMITS} submits acknowledged before SIGKILL; ${SUBMITS} leads, ${emails.length} intake emails and ${SENDS} proposals, none twice`);
  });
});
