// Prints, as plain text, what a client reads in the proposal for one of the
// engine's fixture prospects: `npx tsx scripts/proposal-text.ts saas [en]`.
// A reading aid for reviewing the rules; the app renders the same view.
import { getT } from "~/i18n/i18n";
import { buildProposal } from "~/domain/strategy/engine";
import { ISSUED_ON, prospectAnswers, prospects, type ProspectName } from "~/domain/strategy/prospects.fixture";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { proposalView } from "~/domain/strategy/view";

const name = (process.argv[2] ?? "") as ProspectName;
const locale = process.argv[3] === "en" ? "en" : "it";
const prospect = prospects[name];
if (!prospect) {
  console.error(`Usage: npx tsx scripts/proposal-text.ts <${Object.keys(prospects).join("|")}> [it|en]`);
  process.exit(2);
}
const model = buildProposal({ answers: prospectAnswers(prospect), organisation: prospect.organisation, contactName: "contactName" in prospect ? prospect.contactName : "Referente", issuedOn: ISSUED_ON }, defaultOwnerSettings);
const t = getT(locale);
const v = proposalView(model, locale, (k, o) => t(k, o));
const out: string[] = [];
const h = (title: string) => out.push("", `## ${title}`);
const list = (items: string[], indent = "- ") => items.forEach((i) => out.push(`${indent}${i}`));
out.push(`# ${v.organisation}`);
h(v.partTitles.summary);
v.summary.forEach((s, i) => {
  out.push(`${i + 1}. ${s.text}`);
  list(s.reasons, "   · ");
});
h(v.partTitles.situation);
v.situation.rows.forEach((r) => out.push(`| ${r.channel} | ${r.status} | ${r.followers} | ${r.frequency} | ${r.runBy} |`));
list(v.situation.observations);
h(v.partTitles.audience);
list(v.audience.points);
if (v.audience.hypotheses) v.audience.hypotheses.personas.forEach((p) => out.push(`- ${p.name}: ${p.text}`));
h(v.partTitles.objectives);
v.objectives.forEach((o) => {
  out.push(`${o.rank} ${o.goal}`);
  list(o.kpis, "   · ");
  list(o.reasons, "     ");
});
h(v.partTitles.channels);
v.channels.forEach((c) => {
  out.push(`| ${c.channel} | ${c.priorityLabel} |`);
  list(c.reasons, "     ");
});
h(v.partTitles.content);
v.content.cadence.forEach((c) => out.push(`| ${c.channel} | ${c.posts} | ${c.formats} |`));
list(v.content.reasons);
list(v.content.languages ?? []);
(v.content.rules ?? []).forEach((r) => out.push(`- ${r.text} (${r.reasons.join(" ")})`));
h(v.partTitles.community);
out.push(v.community.business, v.community.outside);
list(v.community.reasons);
h(v.partTitles.crisis);
out.push(v.crisis.level);
list(v.crisis.story ?? []);
list(v.crisis.reasons);
v.crisis.severities.forEach((s) => out.push(`| ${s.level} | ${s.description} | ${s.response} |`));
list(v.crisis.escalation);
list(v.crisis.authorities ?? []);
h(v.partTitles.roles);
out.push(`${v.roles.approverLabel} / ${v.roles.spokespersonLabel}`);
list(v.roles.legend ?? []);
h(v.partTitles.roadmap);
v.roadmap.forEach((r) => {
  out.push(r.title);
  list(r.items, "   · ");
});
h(v.partTitles.workflow);
list(v.workflow.points);
v.workflow.seasons?.months.forEach((m) => out.push(`| ${m.month} | ${m.intensityLabel} | ${m.posts} | ${m.drivers} |`));
list(v.workflow.seasons?.reasons ?? []);
v.workflow.calendar.forEach((c) => out.push(`| ${c.day} | ${c.channel} | ${c.pillar} | ${c.format} |`));
h(v.partTitles.investment);
v.investment.packages.forEach((p) => {
  out.push(`${p.recommended ? "* " : ""}${p.name} ${p.monthly}`);
  list(p.includes, "   · ");
  list(p.reasons, "     ");
});
list(v.investment.gaps ?? []);
v.investment.addOns.filter((a) => a.suggested).forEach((a) => out.push(`+ ${a.name} ${a.price}: ${a.reasons.join(" ")}`));
h(v.partTitles.terms);
list(v.terms);
h(v.partTitles.measurement);
list(v.measurement.kpis);
list(v.measurement.sources ?? []);
console.log(out.join("\n"));
