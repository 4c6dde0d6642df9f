import { createServer, type AddressInfo } from "node:net";
import { resetEnvForTests } from "~/utils/env.server";
import type { RawAnswers } from "~/domain/intake/definition";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type Handler<A> = (args: A) => Promise<unknown>;

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** Calls a route's action or loader the way Remix does, and returns the Response it gave or threw. */
export async function call<A extends ActionFunctionArgs | LoaderFunctionArgs>(
  handler: Handler<A>,
  request: Request,
  params: Record<string, string>,
): Promise<Response> {
  try {
    const result = await handler({ request, params, context: {} } as A);
    if (result instanceof Response) return result;
    // `data(value, init)` from a loader: its status and headers, its value as JSON (dates as ISO strings).
    if (isDataWithInit(result)) return Response.json(result.data, result.init ?? undefined);
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A urlencoded form POST; pairs (`[["intent", "a"], ["intent", "b"]]`) send a name more than once. */
export function post(url: string, fields: Record<string, string> | string[][], headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

export function get(url: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, { headers });
}

/** The `name=value` part of a Set-Cookie header, to send back as Cookie. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get("Set-Cookie") ?? "";
  return header.split(";")[0] ?? "";
}

/** A valid public profile form (the settings page), before the first save (version 0: every test starts on empty tables). */
export const profileForm: Record<string, string> = {
  displayName: "Giulia Prova",
  headlineIt: "Social media manager",
  headlineEn: "Social media manager",
  bioIt: "Pianifico, misuro e gestisco le crisi.",
  bioEn: "I plan, measure and handle crises.",
  photoUrl: "/demo/profile.svg",
  email: "giulia@prova.example",
  phone: "+39 070 123 4567",
  city: "Cagliari",
  vatNumber: "IT 01234567897",
  audience_facebook: "115.000",
  audience_instagram: "23000",
  audience_x: "",
  version: "0",
};

/**
 * The hash of the password no staffSession test logs in with, made once per test process:
 * scrypt at its production cost takes 100-200 ms a call, and these accounts only need a
 * well-formed hash (the login tests hash their own passwords).
 */
let staffPasswordHash: Promise<string> | undefined;
export async function irrelevantPasswordHash(): Promise<string> {
  const { hashPassword } = await import("~/utils/password.server");
  staffPasswordHash ??= hashPassword("irrelevant-password-123");
  return staffPasswordHash;
}

/** A staff account of the given role with a live session, and the Cookie header that carries it. */
export async function staffSession(role: "owner" | "member" = "owner") {
  const { prisma } = await import("~/utils/db.server");
  const { createSessionCookie } = await import("~/utils/auth.server");
  const user = await prisma.user.create({ data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name: "Staff", role, passwordHash: await irrelevantPasswordHash() } });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

/** A lead that answered the whole questionnaire (the hotel fixture unless told otherwise), submitted in Italian. */
export async function submittedLead(email: string, answers?: RawAnswers) {
  const { complete } = await import("~/domain/intake/fixtures");
  const { createDraft } = await import("~/models/intake-draft.server");
  const { submitIntake } = await import("~/models/intake-submit.server");
  const { prisma } = await import("~/utils/db.server");
  const base = answers ?? complete;
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers: { ...base, about: { ...base.about, email } } }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  await runJobs();
  return prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
}

/** A lead from the full questionnaire (a fresh email) with version 1 sent by `ownerId` under the settings in force, without its PDF. */
export async function sentProposalLead(ownerId: string) {
  const { complete } = await import("~/domain/intake/fixtures");
  const { createDraft } = await import("~/models/intake-draft.server");
  const { submitIntake } = await import("~/models/intake-submit.server");
  const { sendProposal } = await import("~/models/proposal-versions.server");
  const { prisma } = await import("~/utils/db.server");
  const answers = { ...complete, about: { ...complete.about, email: `client-${Math.random().toString(36).slice(2)}@hotel.example` } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  const lead = await prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
  const { version } = await sendProposal(lead.id, ownerId, undefined, undefined, { attachPdf: false });
  return { lead, version, token: lead.token, params: { lang: "it", token: lead.token } };
}

/** The acceptance form of a business client (package, add-on, invoicing data, terms), as the browser posts it. */
export const businessAcceptance = {
  packageId: "crescita",
  addOnIds: "ads",
  fullName: "Giulia Bianchi",
  terms: "on",
  kind: "business",
  legalName: "Hotel Lago Blu S.r.l.",
  partitaIva: "IT 0123 4567 897",
  codiceDestinatario: "m5uxcr1",
  pec: "",
  codiceFiscale: "",
  address: "Via Roma 1",
  postalCode: "20121",
  city: "Milano",
  province: "mi",
};

/** Runs the jobs due now (the emails a submit enqueued), as the server's job runner would. */
export async function runJobs(): Promise<number> {
  const { runDueJobs } = await import("~/jobs/runner.server");
  return runDueJobs();
}

/** Runs the jobs due now and returns the email the job "proposal_sent" of a version stored (its PDF attached unless sent without). */
export async function proposalEmailOf(versionId: string) {
  await runJobs();
  const { prisma } = await import("~/utils/db.server");
  return prisma.emailMessage.findUniqueOrThrow({ where: { jobKey: `proposal_sent:${versionId}` }, select: { id: true, status: true } });
}

/** A port nothing listens on (bound, then released): an SMTP server there refuses every send at once. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Sets SMTP_URL (undefined: none, messages stay in the outbox) for the code under test. */
export function useSmtp(url: string | undefined) {
  if (url === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = url;
  resetEnvForTests();
}
