// The full proposal as a PDF (@react-pdf/renderer), from the same resolved
// view as the web page: branded cover, contents, the fifteen parts with
// tables whose rows never split across pages, an audience chart drawn as
// vector bars, and page numbers.
import { Document, Image, Link, Page, Rect, StyleSheet, Svg, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { createContext, useContext, type ReactNode } from "react";
import type { PartId } from "~/domain/strategy/model";
import { onboardingRows, type ProposalView } from "~/domain/strategy/view";
import { readableBrand, readableOn } from "~/domain/brand";
import { priceWithVat, pricesNetNote, regimeOrRate } from "~/domain/strategy/price-with-vat";
import { pdfFontsFor, registerFonts } from "./fonts.server";
import { setLineBreakLanguage } from "./line-breaks.server";

const ink = "#1d232b";
const muted = "#55606e";
const line = "#d5dbe3";

/** The owner's logo for the cover (plain data: it crosses to a worker thread). */
export type PdfLogo = { data: Uint8Array; format: "png" | "jpg"; sha256: string };
export type PdfBranding = { primaryColor: string; accentColor: string; logo?: PdfLogo | null };

// `accent` is the accent as text on white (darkened if needed); `coverAccent` the accent itself, on the main colour.
// `fonts` is the document's font stack (fonts.server.ts).
function makeStyles(primary: string, accent: string, coverAccent: string, fonts: string[]) {
  return StyleSheet.create({
    page: { fontFamily: fonts, fontSize: 10, color: ink, paddingTop: 50, paddingBottom: 60, paddingHorizontal: 50 },
    cover: { fontFamily: fonts, color: "#ffffff", backgroundColor: primary, padding: 56, justifyContent: "space-between" },
    brand: { fontSize: 12, fontWeight: 700, letterSpacing: 1.5, color: coverAccent },
    coverLogo: { alignSelf: "flex-start", backgroundColor: "#ffffff", borderRadius: 4, padding: 6, marginBottom: 14 },
    coverLogoImage: { height: 48, maxWidth: 200, objectFit: "contain" },
    coverTitle: { fontSize: 30, fontWeight: 700, lineHeight: 1.2, marginTop: 160 },
    coverFor: { fontSize: 14, marginTop: 18 },
    coverMeta: { fontSize: 10.5, color: "#d6dee8", marginTop: 4 },
    h1: { fontSize: 17, fontWeight: 700, color: primary, marginBottom: 10 },
    h2: { fontSize: 15, fontWeight: 700, color: primary, marginTop: 18, marginBottom: 8 },
    h3: { fontSize: 11.5, fontWeight: 700, color: ink, marginTop: 10, marginBottom: 5 },
    p: { fontSize: 10, lineHeight: 1.45, marginBottom: 4 },
    bulletRow: { flexDirection: "row", marginBottom: 3 },
    bullet: { width: 12, color: accent, fontWeight: 700, fontSize: 10 },
    bulletText: { flex: 1, fontSize: 10, lineHeight: 1.4 },
    reasons: { backgroundColor: "#fbf4e8", borderLeftWidth: 2, borderLeftColor: accent, padding: 6, marginTop: 3, marginBottom: 6 },
    reasonsLabel: { fontSize: 7.5, fontWeight: 700, color: accent, letterSpacing: 0.6, marginBottom: 2 },
    reasonText: { fontSize: 9, lineHeight: 1.35, color: ink },
    table: { borderWidth: 1, borderColor: line, marginTop: 4, marginBottom: 6 },
    th: { flexDirection: "row", backgroundColor: "#eef2f7", borderBottomWidth: 1, borderBottomColor: line },
    tr: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#e6eaf0" },
    cell: { padding: 5, fontSize: 9, lineHeight: 1.3 },
    headCell: { padding: 5, fontSize: 8.5, fontWeight: 700, lineHeight: 1.3 },
    footer: { position: "absolute", bottom: 26, left: 50, right: 50, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: muted },
    tocRow: { flexDirection: "row", fontSize: 11, marginBottom: 6 },
    tocNum: { width: 24, color: accent, fontWeight: 700 },
    tocTitle: { flexGrow: 1, color: ink, textDecoration: "none" },
    tocPage: { width: 40, textAlign: "right", color: muted },
    edited: { fontSize: 10, lineHeight: 1.45, marginBottom: 6 },
    note: { fontSize: 8, color: muted, marginTop: 2 },
    packages: { flexDirection: "row", gap: 8, marginBottom: 6 },
    pkg: { flex: 1, borderWidth: 1, borderColor: line, borderRadius: 3, padding: 8 },
    pkgRecommended: { flex: 1, borderWidth: 2, borderColor: primary, borderRadius: 3, padding: 8 },
    price: { fontSize: 14, fontWeight: 700, marginVertical: 3 },
    badge: { fontSize: 7.5, fontWeight: 700, color: primary, marginBottom: 2 },
    invoiceRow: { flexDirection: "row", width: 220, justifyContent: "space-between", fontSize: 10, marginBottom: 2 },
  });
}

type Styles = ReturnType<typeof makeStyles>;

function Bullets({ items, s }: { items: string[]; s: Styles }) {
  return (
    <View>
      {items.map((item, i) => (
        <View key={i} style={s.bulletRow} wrap={false}>
          <Text style={s.bullet}>•</Text>
          <Text style={s.bulletText}>{item}</Text>
        </View>
      ))}
    </View>
  );
}

function Reasons({ reasons, label, s }: { reasons: string[]; label: string; s: Styles }) {
  if (!reasons.length) return null;
  return (
    <View style={s.reasons} wrap={false}>
      <Text style={s.reasonsLabel}>{label.toUpperCase()}</Text>
      {reasons.map((r, i) => (
        <Text key={i} style={s.reasonText}>
          {r}
        </Text>
      ))}
    </View>
  );
}

/**
 * A subheading that never ends a page alone: when less than `ahead` points of
 * what follows fit below it, it moves to the next page with it. (react-pdf
 * ignores minPresenceAhead on a container's first child, hence the empty view.)
 */
function H3({ s, children, ahead = 48 }: { s: Styles; children: ReactNode; ahead?: number }) {
  return (
    <>
      <View />
      <Text style={s.h3} minPresenceAhead={ahead}>
        {children}
      </Text>
    </>
  );
}

/**
 * A table whose header repeats on each page and whose rows never split across
 * a page break, with its title (a subheading) when given: the title and the
 * header stay with the first row, so neither ends a page alone.
 */
function Table({ head, rows, widths, s, title }: { head: string[]; rows: string[][]; widths: number[]; s: Styles; title?: string }) {
  return (
    <>
      {/* The view after this empty one moves the title, the header and the first row to the next page when they do not
          fit together (react-pdf ignores minPresenceAhead on a container's first child, hence this one). */}
      <View />
      <View minPresenceAhead={(title ? TITLE_HEIGHT : 0) + 22 + rowHeight(rows[0] ?? [], widths)} />
      {title ? <Text style={s.h3}>{title}</Text> : null}
      <View style={s.table}>
        <View style={s.th} fixed>
          {head.map((h, i) => (
            <Text key={i} style={[s.headCell, { width: `${widths[i]}%` }]}>
              {h}
            </Text>
          ))}
        </View>
        {rows.map((row, r) => (
          <View key={r} style={s.tr} wrap={false}>
            {row.map((cell, i) => (
              <Text key={i} style={[s.cell, { width: `${widths[i]}%` }, i === 0 ? { fontWeight: 600 } : {}]}>
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </>
  );
}

/** A subheading's height with its margins (11.5 pt on 1.2 lines, 10 + 5 pt around). */
const TITLE_HEIGHT = 30;

/** A row's height, roughly (9 pt text, about 100 characters across the page), for keeping it with its header. */
function rowHeight(row: string[], widths: number[]): number {
  const lines = Math.max(1, ...row.map((cell, i) => cell.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / Math.max(1, (widths[i] ?? 100) * 0.95))), 0)));
  return Math.min(160, 12 + lines * 12);
}

function Chart({ data, title, s, color }: { data: ProposalView["situation"]["chart"]; title: string; s: Styles; color: string }) {
  if (!data.length) return null;
  const max = Math.max(1, ...data.map((d) => d.followers));
  const barHeight = 14;
  const gap = 8;
  const width = 300;
  return (
    <View wrap={false} style={{ marginVertical: 6 }}>
      <Text style={s.h3}>{title}</Text>
      {data.map((d) => (
        <View key={d.channel} style={{ flexDirection: "row", alignItems: "center", marginBottom: gap }}>
          <Text style={{ width: 90, fontSize: 9 }}>{d.channel}</Text>
          <Svg width={width} height={barHeight}>
            <Rect x={0} y={0} width={width} height={barHeight} fill="#eef2f7" />
            <Rect x={0} y={0} width={Math.max(2, Math.round((d.followers / max) * width))} height={barHeight} fill={color} />
          </Svg>
          <Text style={{ marginLeft: 8, fontSize: 9, fontWeight: 700 }}>{d.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** A number the view wrote for people ("1.234,5" in Italian, "1,234.5" in English) back to a number. */
function viewNumber(text: string, locale: "it" | "en"): number {
  const [group, decimal] = locale === "it" ? [".", ","] : [",", "."];
  const n = Number(text.replace(/[^\d.,]/g, "").split(group).join("").replace(decimal, "."));
  return Number.isFinite(n) ? n : 0;
}

/**
 * Posts planned a week on each channel, from the cadence: vertical vector bars,
 * drawn for every prospect (the audience chart needs follower counts, which a
 * prospect with no social presence does not have).
 */
function CadenceChart({ view, title, s, color }: { view: ProposalView; title: string; s: Styles; color: string }) {
  const data = view.content.cadence.map((c) => ({ channel: c.channel, posts: c.postsPerWeek ?? viewNumber(c.posts, view.locale), label: c.posts })).filter((d) => d.posts > 0);
  if (!data.length) return null;
  const max = Math.max(1, ...data.map((d) => d.posts));
  const plot = 90;
  const bar = 26;
  const column = `${Math.min(100 / data.length, 20)}%`;
  return (
    <View wrap={false} style={{ marginTop: 8, marginBottom: 10 }}>
      <Text style={s.h3}>{title}</Text>
      <View style={{ flexDirection: "row", alignItems: "flex-end", borderBottomWidth: 1, borderBottomColor: line, height: plot + 16 }}>
        {data.map((d) => {
          const height = Math.max(2, Math.round((d.posts / max) * plot));
          return (
            <View key={d.channel} style={{ width: column, alignItems: "center" }}>
              <Text style={{ fontSize: 9, fontWeight: 700, marginBottom: 3 }}>{d.label}</Text>
              <Svg width={bar} height={height}>
                <Rect x={0} y={0} width={bar} height={height} fill={color} />
              </Svg>
            </View>
          );
        })}
      </View>
      <View style={{ flexDirection: "row", marginTop: 4 }}>
        {data.map((d) => (
          <Text key={d.channel} style={{ width: column, fontSize: 8.5, textAlign: "center", color: muted }}>
            {d.channel}
          </Text>
        ))}
      </View>
    </View>
  );
}

/** Where each part's heading landed, filled in while a render lays out its pages. */
type PartPages = Partial<Record<PartId, number>>;
const PageRecorder = createContext<PartPages>({});

function Part({ id, view, s, children, first }: { id: PartId; view: ProposalView; s: Styles; children: ReactNode; first?: boolean }) {
  const edited = view.edits[id];
  const seen = useContext(PageRecorder);
  return (
    <View break={!first && (id === "crisis" || id === "investment")}>
      {/* react-pdf ignores minPresenceAhead on a container's first child: this empty view
          makes the heading below move to the next page rather than end a page alone. */}
      <View />
      {/* bookmark (the PDF outline) works on any node; the types only declare it on Page. */}
      <View minPresenceAhead={140} id={`part-${id}`} {...({ bookmark: { title: view.partTitles[id], fit: true } } as Record<string, unknown>)}>
        {/* The heading notes the page it is drawn on. (A separate mark positioned absolutely did not
            move with the heading when minPresenceAhead pushed it to the next page: a wrong contents page.) */}
        <Text
          style={s.h2}
          render={({ pageNumber }) => {
            seen[id] = pageNumber;
            return view.partTitles[id];
          }}
        />
      </View>
      {edited ? (
        <View>
          {edited.split(/\n{2,}/).map((para, i) => (
            <Text key={i} style={s.edited}>
              {para}
            </Text>
          ))}
        </View>
      ) : (
        children
      )}
    </View>
  );
}

interface DocumentProps {
  view: ProposalView;
  branding: PdfBranding;
  studioName: string;
  /** The document's date (a sent version's sentAt): with it the bytes, /ID included, are reproducible. */
  createdAt?: Date;
}

function FullProposalDocument({ view, branding, studioName, createdAt }: DocumentProps) {
  const pages = useContext(PageRecorder);
  // Colours that pass the contrast checks (older settings may not); the accent darkened where it is text on white.
  const brand = readableBrand(branding);
  // Only the fallback fonts this document's characters need (the view holds every text it prints).
  const s = makeStyles(brand.primaryColor, readableOn(brand.accentColor), brand.accentColor, pdfFontsFor(JSON.stringify(view) + studioName));
  const L = view.label;
  const why = L.why ?? "";
  const ids = Object.keys(view.partTitles) as PartId[];
  return (
    <Document
      title={`${view.title} · ${view.organisation}`}
      author={studioName}
      language={view.locale}
      creator="Socialbrief"
      producer="Socialbrief"
      creationDate={createdAt}
      modificationDate={createdAt}
    >
      <Page size="A4" style={s.cover}>
        <View>
          {branding.logo ? (
            <View style={s.coverLogo}>
              <Image style={s.coverLogoImage} src={{ data: Buffer.from(branding.logo.data), format: branding.logo.format }} />
            </View>
          ) : null}
          <Text style={s.brand}>{studioName.toUpperCase()}</Text>
        </View>
        <View>
          <Text style={s.coverTitle}>{view.title}</Text>
          <Text style={s.coverFor}>{view.preparedFor}</Text>
          <Text style={s.coverMeta}>{view.issued}</Text>
          <Text style={s.coverMeta}>{view.validUntil}</Text>
        </View>
        <View />
      </Page>
      <Page size="A4" style={s.page}>
        <View style={s.footer} fixed>
          <Text>
            {studioName} · {view.organisation}
          </Text>
          <Text render={({ pageNumber, totalPages }) => (L.page ?? "{{page}}/{{total}}").replace("{{page}}", String(pageNumber)).replace("{{total}}", String(totalPages))} />
        </View>
        <Text style={s.h1}>{L.contents}</Text>
        {ids.map((id, i) => (
          <View key={id} style={s.tocRow}>
            <Text style={s.tocNum}>{i + 1}</Text>
            <Link src={`#part-${id}`} style={s.tocTitle}>
              {view.partTitles[id]}
            </Link>
            {/* Read at the end of pagination, when every heading has noted its page (see renderFullProposalPdf). */}
            <Text style={s.tocPage} render={() => String(pages[id] ?? "")} />
          </View>
        ))}
        <View break>
          <Part id="summary" view={view} s={s} first>
            {view.summary.map((l, i) => (
              <View key={i} wrap={false}>
                <Text style={[s.p, { fontWeight: 700 }]}>
                  {i + 1}. {l.text}
                </Text>
                <Reasons reasons={l.reasons} label={why} s={s} />
              </View>
            ))}
          </Part>
        </View>
        <Part id="situation" view={view} s={s}>
          {view.situation.rows.length ? (
            <Table
              s={s}
              widths={[18, 14, 20, 14, 18, 16]}
              head={[L.channel!, L.status!, L.handle!, L.followers!, L.frequency!, L.runBy!]}
              rows={view.situation.rows.map((r) => [r.channel, r.status, r.handle, r.followers, r.frequency, r.runBy])}
            />
          ) : null}
          <Chart data={view.situation.chart} title={L.audienceChart ?? ""} s={s} color={brand.primaryColor} />
          <Bullets items={view.situation.observations} s={s} />
        </Part>
        <Part id="audience" view={view} s={s}>
          <Bullets items={view.audience.points} s={s} />
          {view.audience.personas ? (
            <View wrap={false}>
              <H3 s={s}>{L.personas}</H3>
              <Text style={s.p}>{view.audience.personas}</Text>
            </View>
          ) : null}
          {view.audience.hypotheses ? (
            <View>
              <H3 s={s}>{view.audience.hypotheses.title}</H3>
              <Text style={s.p}>{view.audience.hypotheses.note}</Text>
              {view.audience.hypotheses.personas.map((p) => (
                <View key={p.name} wrap={false}>
                  <Text style={s.p}>
                    <Text style={{ fontWeight: 700 }}>{p.name}</Text> {p.text}
                  </Text>
                  <Reasons reasons={p.reasons} label={why} s={s} />
                </View>
              ))}
            </View>
          ) : null}
        </Part>
        <Part id="objectives" view={view} s={s}>
          {view.objectives.map((o) => (
            <View key={o.goal} wrap={false}>
              <Text style={s.h3}>
                {o.rank}: {o.goal}
              </Text>
              {o.target ? <Text style={s.p}>{`${L.target}: ${o.target}`}</Text> : null}
              <Bullets items={o.kpis} s={s} />
              <Reasons reasons={o.reasons} label={why} s={s} />
            </View>
          ))}
        </Part>
        <Part id="channels" view={view} s={s}>
          <Table
            s={s}
            widths={[18, 16, 66]}
            head={[L.channel!, L.priority!, why]}
            rows={view.channels.filter((c) => c.priority !== "leave" || c.reasons.length).map((c) => [c.channel, c.priorityLabel, c.reasons.join("\n")])}
          />
        </Part>
        <Part id="content" view={view} s={s}>
          <H3 s={s}>{L.pillars}</H3>
          <Bullets items={view.content.pillars} s={s} />
          <Table s={s} widths={[18, 16, 22, 44]} head={[L.channel!, L.postsPerWeek!, L.formats!, why]} rows={view.content.cadence.map((c) => [c.channel, c.posts, c.formats, (c.reasons ?? []).join(" ")])} />
          <Reasons reasons={view.content.reasons} label={why} s={s} />
          {view.content.languages?.length ? (
            <View wrap={false}>
              <H3 s={s}>{L.languagesTitle}</H3>
              <Bullets items={view.content.languages} s={s} />
            </View>
          ) : null}
          {view.content.rules?.length ? (
            <View>
              <H3 s={s}>{L.rulesTitle}</H3>
              <Bullets items={view.content.rules.map((r) => `${r.text} (${r.reasons.join(" ").replace(/\.$/, "")})`)} s={s} />
            </View>
          ) : null}
        </Part>
        {/* Outside the part: drawn even when the owner rewrote the part's text. */}
        <CadenceChart view={view} title={L.cadenceChart ?? L.postsPerWeek ?? ""} s={s} color={brand.primaryColor} />
        <Part id="community" view={view} s={s}>
          <Bullets items={[view.community.business, view.community.outside, view.community.tone, ...view.community.rules]} s={s} />
          <Reasons reasons={view.community.reasons} label={why} s={s} />
          {view.community.byChannel?.length ? (
            <View>
              <Table
                s={s}
                title={L.replyByChannel}
                widths={[16, 16, 18, 50]}
                head={[L.channel!, L.replyOffice!, L.replyOutside!, why]}
                rows={view.community.byChannel.map((c) => [c.channel, c.business, c.outside, c.reasons.join(" ")])}
              />
            </View>
          ) : null}
        </Part>
        <Part id="crisis" view={view} s={s}>
          <Text style={[s.p, { fontWeight: 700 }]}>{view.crisis.level}</Text>
          {view.crisis.story?.length ? (
            <View wrap={false}>
              <H3 s={s}>{L.storyTitle}</H3>
              <Bullets items={view.crisis.story} s={s} />
            </View>
          ) : null}
          <Reasons reasons={view.crisis.reasons} label={why} s={s} />
          <Table
            s={s}
            widths={[10, 32, 16, 42]}
            head={[L.level!, L.situation!, L.responseTime!, L.actions!]}
            rows={view.crisis.severities.map((c) => [c.level, c.description, c.response, c.actions])}
          />
          <H3 s={s}>{L.escalation}</H3>
          {view.crisis.escalation.map((e, i) => (
            <Text key={i} style={s.p}>
              {e}
            </Text>
          ))}
          {view.crisis.authorities ? (
            <View wrap={false}>
              <H3 s={s}>{L.authorities}</H3>
              <Bullets items={view.crisis.authorities} s={s} />
            </View>
          ) : null}
          {view.crisis.fakeNews ? (
            <View wrap={false}>
              <H3 s={s}>{L.fakeNews}</H3>
              <Bullets items={view.crisis.fakeNews} s={s} />
            </View>
          ) : null}
          <View wrap={false}>
            <H3 s={s}>{L.holding}</H3>
            <Bullets items={view.crisis.holding} s={s} />
          </View>
        </Part>
        <Part id="roles" view={view} s={s}>
          <Table
            s={s}
            widths={[40, 15, 22, 23]}
            head={[L.activity!, L.studio!, view.roles.approverLabel, view.roles.spokespersonLabel]}
            rows={view.roles.raci.map((r) => [r.activity, r.studio, r.approver, r.spokesperson])}
          />
          {view.roles.legend?.length ? <Bullets items={view.roles.legend} s={s} /> : null}
        </Part>
        <Part id="measurement" view={view} s={s}>
          <H3 s={s}>{L.kpis}</H3>
          <Bullets items={view.measurement.kpis} s={s} />
          <Bullets items={view.measurement.cadence} s={s} />
          {view.measurement.sources?.length ? (
            <View wrap={false}>
              <H3 s={s}>{L.sourcesTitle}</H3>
              {view.measurement.sources.map((x) => (
                <Text key={x} style={s.note}>
                  {x}
                </Text>
              ))}
            </View>
          ) : null}
        </Part>
        <Part id="roadmap" view={view} s={s}>
          {view.roadmap.map((step) => (
            <View key={step.title} wrap={false}>
              <H3 s={s}>{step.title}</H3>
              <Bullets items={step.items} s={s} />
            </View>
          ))}
        </Part>
        <Part id="workflow" view={view} s={s}>
          <Bullets items={view.workflow.points} s={s} />
          {view.workflow.seasons ? (
            <View>
              <Table
                s={s}
                title={L.seasonsTitle}
                widths={[20, 14, 14, 52]}
                head={[L.month!, L.intensityCol!, L.postsWeek!, L.drivers!]}
                rows={view.workflow.seasons.months.map((mo) => [mo.month, mo.intensityLabel, mo.posts, mo.drivers])}
              />
              <Reasons reasons={view.workflow.seasons.reasons} label={why} s={s} />
            </View>
          ) : null}
          <Table s={s} title={L.calendar} widths={[14, 18, 50, 18]} head={[L.day!, L.channel!, L.pillar!, L.format!]} rows={view.workflow.calendar.map((e) => [e.day, e.channel, e.pillar, e.format])} />
        </Part>
        <Part id="investment" view={view} s={s}>
          <View style={s.packages} wrap={false}>
            {view.investment.packages.map((p) => (
              <View key={p.id} style={p.recommended ? s.pkgRecommended : s.pkg}>
                {p.recommended ? <Text style={s.badge}>{(L.recommended ?? "").toUpperCase()}</Text> : null}
                <Text style={{ fontSize: 11, fontWeight: 700 }}>{p.name}</Text>
                <Text style={s.price}>
                  {p.monthly} <Text style={{ fontSize: 8, fontWeight: 400 }}>{priceWithVat(p.monthlyNetCents, regimeOrRate(view.investment.taxRegime, view.investment.vatRatePercent), view.locale, L).plusVat}</Text>
                </Text>
                <Text style={s.note}>{L.perMonth}</Text>
                <Text style={[s.note, { marginBottom: 4 }]}>{priceWithVat(p.monthlyNetCents, regimeOrRate(view.investment.taxRegime, view.investment.vatRatePercent), view.locale, L).withVat}</Text>
                <Bullets items={p.includes} s={s} />
              </View>
            ))}
          </View>
          {view.investment.packages
            .filter((p) => p.recommended)
            .map((p) => (
              <Reasons key={p.id} reasons={p.reasons} label={why} s={s} />
            ))}
          {view.investment.gaps?.length ? (
            <View wrap={false}>
              <H3 s={s}>{L.gapsTitle}</H3>
              <Text style={s.p}>{view.investment.gaps[0]}</Text>
              <Bullets items={view.investment.gaps.slice(1)} s={s} />
            </View>
          ) : null}
          <Table
            s={s}
            title={L.addOns}
            widths={[34, 22, 44]}
            head={[L.addOn!, L.price!, why]}
            rows={view.investment.addOns.map((a) => [a.suggested ? `${a.name} (${L.suggested})` : a.name, `${a.price} ${a.recurring ? L.perMonth : L.oneOff}`, a.reasons.join(" ")])}
          />
          <Text style={[s.note, { marginBottom: 6 }]}>{pricesNetNote(regimeOrRate(view.investment.taxRegime, view.investment.vatRatePercent), view.locale, L)}</Text>
          <View wrap={false}>
            <H3 s={s}>{L.onboarding}</H3>
            {onboardingRows(view.investment.onboarding, L.net ?? "").map((row) => (
              <View style={s.invoiceRow} key={row.label}>
                <Text>{row.label}</Text>
                <Text>{row.amount}</Text>
              </View>
            ))}
            <View style={[s.invoiceRow, { fontWeight: 700 }]}>
              <Text>{L.total}</Text>
              <Text>{view.investment.onboarding.total}</Text>
            </View>
            {(view.investment.onboarding.notes ?? []).map((note) => (
              <Text style={s.note} key={note}>
                {note}
              </Text>
            ))}
            <Text style={s.note}>{view.validUntil}</Text>
          </View>
        </Part>
        <Part id="terms" view={view} s={s}>
          <Bullets items={view.terms} s={s} />
        </Part>
        <Part id="nextSteps" view={view} s={s}>
          {view.nextSteps.map((step, i) => (
            <Text key={i} style={s.p}>
              {i + 1}. {step}
            </Text>
          ))}
        </Part>
      </Page>
    </Document>
  );
}

export async function renderFullProposalPdf(
  view: ProposalView,
  branding: PdfBranding,
  studioName: string,
  options: { createdAt?: Date } = {},
): Promise<Buffer> {
  registerFonts();
  setLineBreakLanguage(view.locale);
  // One pass. react-pdf paginates page by page, calling each render prop with
  // the page it is on (a part's heading notes its page in \`seen\`), then calls
  // every render prop once more, page after page, with the total known: by
  // then every heading has noted its page, so the contents (page 2) print
  // them. The contents' page column has a fixed width, so filling it moves
  // nothing. (Before, a first full render only found the pages: twice the work.)
  const seen: PartPages = {};
  // The date is the only thing pdfkit would take from the clock (CreationDate,
  // and the file /ID is a hash of it): fixed, the same view gives the same bytes.
  return renderToBuffer(
    <PageRecorder.Provider value={seen}>
      <FullProposalDocument view={view} branding={branding} studioName={studioName} createdAt={options.createdAt} />
    </PageRecorder.Provider>,
  );
}
