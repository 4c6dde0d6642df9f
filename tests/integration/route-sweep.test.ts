// Issue 11: every route module of the Remix build, classified in ROUTES below
// (a new route fails here until it is), and through the real Express app:
// - signed out, every staff route's loader and action sends to the login page
//   (or answers 401/403), and nothing in the database changes;
// - a signed-in member gets 403 from every owner-only loader and action (the
//   routes that call requireRole(…, "owner"), read from their source), and
//   nothing changes; a member reaches every other staff page;
// - private pages answer with Cache-Control: no-store, and token links with
//   X-Robots-Tag: noindex.
// Real rows (a lead with a sent proposal, a payment, an email with its
// attachment, an invitation, a reset link) so loaders get past their 404 to
// the check that matters. roles.test.ts and private-headers.test.ts test what
// members may do and the headers of single-fetch (.data) answers in detail.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareRowsBetweenTests } from "./db-isolation";
import type { ServerBuild } from "@remix-run/node";
import { invoiceInput } from "~/domain/invoice/fixtures";
import { buildInvoice } from "~/domain/invoice/invoice";
import { createInvite, requestPasswordReset } from "~/models/account.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { prisma } from "~/utils/db.server";
import { snapshot } from "./db-rules";
import { runJobs, staffSession, submittedLead } from "./helpers";
import { loadBuild, startApp, stopApps, type RunningApp } from "./server-app";

// The fixtures made in beforeAll (a lead, a sent proposal, a payment, tokens) serve every test.
shareRowsBetweenTests();

type Access = "public" | "staff" | "owner";
/** What caches and crawlers are told: nothing, never store it, or never store nor index it. */
type Privacy = "none" | "no-store" | "noindex";

/**
 * Every route of the app. `access`: who may use it (staff = any signed-in team
 * member, owner = requireRole(…, "owner")). `form`: a plausible post for its
 * action, so a refusal is tested on a request that would otherwise work.
 */
const ROUTES: Record<string, { access: Access; privacy: Privacy; form?: Record<string, string> }> = {
  root: { access: "public", privacy: "none" },
  "routes/_index": { access: "public", privacy: "none" },
  "routes/$": { access: "public", privacy: "none" },
  "routes/brand.logo": { access: "public", privacy: "none" },
  "routes/healthz": { access: "public", privacy: "none" },
  // The words a page adds on a client navigation (app/i18n/parts.ts): the same as in every public page.
  "routes/i18n.$lang": { access: "public", privacy: "none" },
  "routes/stripe.webhook": { access: "public", privacy: "none" },
  "routes/$lang": { access: "public", privacy: "none" },
  "routes/$lang._index": { access: "public", privacy: "none" },
  "routes/$lang.$": { access: "public", privacy: "none" },
  "routes/$lang.privacy": { access: "public", privacy: "none" },
  "routes/$lang.login": { access: "public", privacy: "none" },
  "routes/$lang.logout": { access: "public", privacy: "none" },
  "routes/$lang.forgot": { access: "public", privacy: "none" },
  "routes/$lang.intake._index": { access: "public", privacy: "no-store" },
  "routes/$lang.intake.$step": { access: "public", privacy: "no-store" },
  "routes/$lang.intake.resume.$token": { access: "public", privacy: "noindex" },
  "routes/$lang.invite.$token": { access: "public", privacy: "noindex" },
  "routes/$lang.reset.$token": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token.pdf": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.accept": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.pay": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.renew": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.retainer": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.retainer_.cancel": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.checkout.$outcome": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.receipt.$paymentId": { access: "public", privacy: "noindex" },
  "routes/$lang.p.$token_.invoice.$invoiceId": { access: "public", privacy: "noindex" },
  "routes/$lang.owner._index": { access: "staff", privacy: "no-store", form: { intent: "remind", draftId: "x" } },
  "routes/$lang.owner.account": { access: "staff", privacy: "no-store", form: { intent: "revoke-others" } },
  "routes/$lang.owner.dashboard": { access: "staff", privacy: "no-store" },
  "routes/$lang.owner.leads.$leadId": { access: "staff", privacy: "no-store", form: { intent: "note", body: "Signed-out note" } },
  "routes/$lang.owner.leads[.csv]": { access: "owner", privacy: "no-store" },
  "routes/$lang.owner.invoices_.$invoiceId.pdf": { access: "staff", privacy: "no-store" },
  "routes/$lang.owner.invoices": { access: "owner", privacy: "no-store", form: { intent: "uploaded", invoiceId: "sweep-no-such-invoice" } },
  "routes/$lang.owner.invoices_.$invoiceId.xml": { access: "owner", privacy: "no-store" },
  "routes/$lang.owner.invoices_.zip.$month": { access: "owner", privacy: "no-store" },
  "routes/$lang.owner.jobs": { access: "owner", privacy: "no-store", form: { intent: "retry-job", jobId: "sweep-no-such-job" } },
  "routes/$lang.owner.outbox": { access: "staff", privacy: "no-store" },
  "routes/$lang.owner.outbox.$id": { access: "staff", privacy: "no-store" },
  "routes/$lang.owner.outbox.attachments.$attachmentId": { access: "staff", privacy: "no-store" },
  "routes/$lang.owner.payments.$leadId": { access: "staff", privacy: "no-store", form: { intent: "manual", amount: "250,00", paidOn: "2026-12-01" } },
  "routes/$lang.owner.privacy-requests": { access: "owner", privacy: "no-store", form: { email: "sweep@hotel.example", confirm: "sweep@hotel.example" } },
  "routes/$lang.owner.privacy-requests.export": { access: "owner", privacy: "no-store" },
  "routes/$lang.owner.proposals.$leadId": { access: "staff", privacy: "no-store", form: { intent: "send" } },
  "routes/$lang.owner.proposals.$leadId.preview[.pdf]": { access: "staff", privacy: "no-store" },
  "routes/$lang.owner.proposals.$leadId_.blocks": { access: "staff", privacy: "no-store", form: { intent: "save", path: "summary", text: "Signed out" } },
  "routes/$lang.owner.settings": { access: "owner", privacy: "no-store", form: { displayName: "Hacked", headlineIt: "x", headlineEn: "x", bioIt: "x", bioEn: "x" } },
  "routes/$lang.owner.settings_.logo": { access: "owner", privacy: "no-store", form: { intent: "remove" } },
  "routes/$lang.owner.settings_.invoicing": { access: "owner", privacy: "no-store", form: { firstName: "Hacked" } },
  "routes/$lang.owner.settings_.proposals": { access: "owner", privacy: "no-store", form: { onboardingFee: "0" } },
  "routes/$lang.owner.team": { access: "owner", privacy: "no-store", form: { intent: "invite", email: "friend@example.com", name: "Friend", role: "owner" } },
};

let app: RunningApp;
let build: ServerBuild;
let owner: Awaited<ReturnType<typeof staffSession>>;
let member: Awaited<ReturnType<typeof staffSession>>;
/** Real values for every route parameter, by route (tokens differ by kind of link). */
let params: (routeId: string) => Record<string, string>;

/** The route's full path pattern (":lang/owner/leads/:leadId"), its parents' paths included. */
function pattern(id: string): string {
  const parts: string[] = [];
  for (let route = build.routes[id]; route; route = route.parentId ? build.routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  return parts.join("/");
}

function urlOf(id: string): string {
  const values = params(id);
  return `/${pattern(id)
    .split("/")
    .map((segment) => (segment.startsWith(":") ? values[segment.slice(1)]! : segment === "*" ? "no-such-page" : segment))
    .join("/")}`.replace(/\/+$/, "") || "/";
}

const fetchRoute = (id: string, method: "GET" | "POST", cookie?: string) =>
  fetch(`${app.url}${urlOf(id)}`, {
    method,
    redirect: "manual",
    headers: cookie ? { Cookie: cookie } : {},
    body: method === "POST" ? new URLSearchParams(ROUTES[id]?.form ?? {}) : undefined,
  });

/** GET when the route has a loader, POST when it has an action. */
const methods = (id: string) => {
  const { loader, action } = build.routes[id]!.module;
  return [...(loader ? (["GET"] as const) : []), ...(action ? (["POST"] as const) : [])];
};

const toLogin = (response: Response): boolean => response.status === 302 && /^\/(it|en)\/login\?redirectTo=/.test(response.headers.get("Location") ?? "");

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_POST: 100_000 });
  build = await loadBuild();
  owner = await staffSession("owner");
  member = await staffSession("member");
  const lead = await submittedLead("sweep@hotel.example");
  await sendProposal(lead.id, owner.user.id);
  await runJobs(); // its email, with the PDF attached
  const payment = await prisma.payment.create({ data: { leadId: lead.id, provider: "manual", status: "paid", amountCents: 1000, expectedCents: 1000, paidAt: new Date() } });
  // Its invoice, for the courtesy copies' routes (the XML routes get an unknown id).
  const frozen = buildInvoice(invoiceInput());
  const invoice = await prisma.invoice.create({ data: { year: 2026, number: 1, documentType: "TD01", paymentId: payment.id, leadId: lead.id, issuedOn: new Date("2026-12-02T00:00:00Z"), totalCents: frozen.document.grossCents, dueCents: frozen.document.dueCents, data: JSON.stringify(frozen) } });
  const attachment = await prisma.emailAttachment.findFirstOrThrow({ include: { message: true } });
  await createInvite({ email: "sweep.invitee@example.com", name: "Sweep", role: "member", invitedBy: { id: owner.user.id, name: owner.user.name }, locale: "it" });
  await requestPasswordReset({ email: owner.user.email });
  await runJobs();
  const link = async (kind: string, path: RegExp) => (await prisma.emailMessage.findFirstOrThrow({ where: { kind }, orderBy: { createdAt: "desc" } })).text.match(path)![1]!;
  const invite = await link("invite", /\/invite\/([\w-]+)/);
  const reset = await link("password_reset", /\/reset\/([\w-]+)/);
  params = (id) => ({
    lang: "it",
    step: "about",
    leadId: lead.id,
    id: attachment.message.id,
    attachmentId: attachment.id,
    paymentId: payment.id,
    outcome: "success",
    invoiceId: id.endsWith(".pdf") || id.includes("p.$token_.invoice") ? invoice.id : "sweep-no-such-invoice",
    month: "2026-12",
    token: id.includes("invite") ? invite : id.includes("reset") ? reset : id.includes("resume") ? "not-a-resume-token-0123456789" : lead.token,
  });
});
afterAll(stopApps);

describe("the route table", () => {
  it("classifies every route of the build, and only those", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(build.routes).sort());
  });

  it("calls exactly the routes that require the owner role owner-only", () => {
    const requiresOwner = Object.keys(build.routes).filter((id) => {
      // Route ids are the module's path under app/ without its extension (every route is a .tsx).
      return /requireRole\([^)]*"owner"\)/.test(readFileSync(`app/${id}.tsx`, "utf8"));
    });
    expect(requiresOwner.sort()).toEqual(Object.keys(ROUTES).filter((id) => ROUTES[id]!.access === "owner").sort());
  });

  it("puts every route under /:lang/owner in the staff area, and none elsewhere", () => {
    for (const id of Object.keys(build.routes)) expect([id, ROUTES[id]?.access !== "public"]).toEqual([id, pattern(id).startsWith(":lang/owner")]);
  });
});

describe("signed out", () => {
  it("every staff loader and action sends to the login page and changes nothing", async () => {
    const staff = Object.keys(ROUTES).filter((id) => ROUTES[id]!.access !== "public");
    const before = await snapshot();
    for (const id of staff) {
      for (const method of methods(id)) {
        for (const cookie of [undefined, "sb_session=not-a-session", "sb_session=%zz"]) {
          const response = await fetchRoute(id, method, cookie);
          await response.arrayBuffer();
          expect([id, method, cookie, toLogin(response) || response.status === 401 || response.status === 403]).toEqual([id, method, cookie, true]);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("a signed-in member", () => {
  it("gets 403 from every owner-only loader and action, and nothing changes", async () => {
    const ownerOnly = Object.keys(ROUTES).filter((id) => ROUTES[id]!.access === "owner");
    expect(ownerOnly.length).toBeGreaterThan(0);
    const before = await snapshot();
    for (const id of ownerOnly) {
      for (const method of methods(id)) {
        const response = await fetchRoute(id, method, member.cookie);
        await response.arrayBuffer();
        expect([id, method, response.status]).toEqual([id, method, 403]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("reaches every other staff page", async () => {
    for (const id of Object.keys(ROUTES).filter((id) => ROUTES[id]!.access === "staff" && build.routes[id]!.module.loader)) {
      const response = await fetchRoute(id, "GET", member.cookie);
      await response.arrayBuffer();
      expect([id, response.status < 400 && !toLogin(response)]).toEqual([id, true]);
    }
  });
});

describe("private pages", () => {
  it("carry Cache-Control: no-store, and token links X-Robots-Tag: noindex, on pages and action answers", async () => {
    for (const [id, { access, privacy }] of Object.entries(ROUTES)) {
      if (privacy === "none") continue;
      const { loader, action } = build.routes[id]!.module;
      // Pages signed in (as the owner) and out; actions signed out only (the owner's would change things).
      const requests: Array<["GET" | "POST", string | undefined]> = [
        ...(loader ? (access === "public" ? [undefined] : [owner.cookie, undefined]).map((c) => ["GET", c] as ["GET", string | undefined]) : []),
        ...(action ? [["POST", undefined] as ["POST", undefined]] : []),
      ];
      for (const [method, cookie] of requests) {
        const response = await fetchRoute(id, method, cookie);
        await response.arrayBuffer();
        const what = `${method} ${id} ${cookie ? "signed in" : "signed out"} (${response.status})`;
        expect(response.status, what).toBeLessThan(500);
        expect(response.headers.get("cache-control") ?? "", what).toContain("no-store");
        expect(response.headers.get("x-robots-tag"), what).toBe(privacy === "noindex" ? "noindex" : null);
      }
    }
  });
});
