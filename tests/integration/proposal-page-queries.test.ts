// How many SQL statements the prospect's page (/:lang/p/:token) costs, in each
// of its states, counted with Prisma's query event (tests/integration/query-count.ts).
// The ceilings are the counts of the loader as written; a change that adds a
// query to the page has to raise them here, on purpose.
// Before the page read its data in one place (app/models/prospect-page.server.ts,
// issue 12) it sent 9, 16, 14 (staff: 14), 15 and 13 (5 of them for the same lead).
import { describe, expect, it } from "vitest";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { sendProposal } from "~/models/proposal-versions.server";
import { prisma } from "~/utils/db.server";
import { sha256 } from "~/utils/storage.server";
import { call, get, post, staffSession, submittedLead } from "./helpers";
import { countQueries } from "./query-count";

const open = (token: string, headers: Record<string, string> = {}) => countQueries(() => call(pageLoader, get(`/it/p/${token}`, headers), { lang: "it", token }));

async function sentLead(email: string) {
  const lead = await submittedLead(email);
  const { user, cookie } = await staffSession("owner");
  const { version } = await sendProposal(lead.id, user.id);
  return { lead, version, cookie };
}

// accepted: one more since the monthly retainer (its Subscription row; its months come with the payments).
const CEILING = { pending: 5, firstOpen: 8, open: 6, staff: 6, expired: 9, accepted: 10 };

/** The count, with the statements themselves when it is over (to see which one came back). */
const within = (queries: string[], ceiling: number) => expect(queries.length, queries.join("\n")).toBeLessThanOrEqual(ceiling);

describe("the proposal page's queries", () => {
  it("before anything is sent", async () => {
    const lead = await submittedLead("pending@hotel.example");
    const { result, queries } = await open(lead.token);
    expect(result.status).toBe(200);
    expect(((await result.json()) as { pending: { organisation: string } }).pending.organisation).toBe("Hotel Lago Blu");
    within(queries, CEILING.pending);
  });

  it("a sent proposal: the first opening (recorded) and the next ones, and the owner looking", async () => {
    const { lead, cookie } = await sentLead("sent@hotel.example");
    const first = await open(lead.token);
    expect(first.result.status).toBe(200);
    expect(((await first.result.json()) as { canAccept: boolean }).canAccept).toBe(true);
    expect((await prisma.proposal.findUniqueOrThrow({ where: { leadId: lead.id } })).firstOpenedAt).not.toBeNull();
    within(first.queries, CEILING.firstOpen);
    const again = await open(lead.token);
    within(again.queries, CEILING.open);
    const staff = await open(lead.token, { Cookie: cookie });
    expect(staff.result.status).toBe(200);
    within(staff.queries, CEILING.staff);
  });

  it("an expired proposal, opened for the first time", async () => {
    const { lead, version } = await sentLead("expired@hotel.example");
    const old = JSON.parse(version.snapshot) as { issuedOn: string };
    old.issuedOn = "2025-01-10";
    const snapshot = JSON.stringify(old);
    await prisma.proposalVersion.update({ where: { id: version.id }, data: { snapshot, snapshotHash: sha256(snapshot), view: null } });
    const { result, queries } = await open(lead.token);
    expect(await result.json()).toMatchObject({ expired: true, renewalAsked: false, canAccept: false });
    within(queries, CEILING.expired);
  });

  it("an accepted proposal: the client area", async () => {
    const { lead, version } = await sentLead("accepted@hotel.example");
    const accepted = await call(
      acceptAction,
      post(`/it/p/${lead.token}/accept`, { versionHash: version.snapshotHash, packageId: "crescita", addOnIds: "ads", fullName: "Giulia Bianchi", terms: "on", kind: "business", legalName: "Hotel Lago Blu S.r.l.", partitaIva: "IT 0123 4567 897", codiceDestinatario: "m5uxcr1", pec: "", codiceFiscale: "", address: "Via Roma 1", postalCode: "20121", city: "Milano", province: "mi" }),
      { lang: "it", token: lead.token },
    );
    expect(accepted.status).toBe(302);
    const { result, queries } = await open(lead.token);
    const data = (await result.json()) as { portal: { packageName: string; state: string; invoicing: { legalName: string } } };
    expect(data.portal).toMatchObject({ packageName: "Crescita", state: "due", invoicing: { legalName: "Hotel Lago Blu S.r.l." } });
    within(queries, CEILING.accepted);
  });
});
