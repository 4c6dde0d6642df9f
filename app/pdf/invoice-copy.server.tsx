// The courtesy copy of an invoice or credit note as a PDF, with the same
// renderer, fonts and branding as the proposal: the studio's logo and colour,
// both parties, the lines, the totals, how it was paid and the legal notes.
// Drawn from a CourtesyCopy (app/domain/invoice/courtesy-copy.ts), which holds
// every word already in the client's language.
import { Document, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { CourtesyCopy, CourtesyParty } from "~/domain/invoice/courtesy-copy";
import { readableBrand, readableOn } from "~/domain/brand";
import { pdfFontsFor, registerFonts } from "./fonts.server";
import type { PdfBranding } from "./full-proposal.server";
import { setLineBreakLanguage } from "./line-breaks.server";

const ink = "#1d232b";
const muted = "#55606e";
const line = "#d5dbe3";

function makeStyles(primary: string, accent: string, fonts: string[]) {
  return StyleSheet.create({
    page: { fontFamily: fonts, fontSize: 10, color: ink, paddingTop: 44, paddingBottom: 64, paddingHorizontal: 50 },
    header: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start", borderBottomWidth: 2, borderBottomColor: primary, paddingBottom: 12, marginBottom: 18 },
    logo: { height: 40, maxWidth: 170, objectFit: "contain" },
    studio: { fontSize: 13, fontWeight: 700, color: primary, maxWidth: 260 },
    titleBlock: { alignItems: "flex-end", maxWidth: 250 },
    title: { fontSize: 16, fontWeight: 700, color: primary, textAlign: "right" },
    kind: { fontSize: 8.5, fontWeight: 700, color: accent, letterSpacing: 0.8, marginTop: 3, textAlign: "right" },
    meta: { fontSize: 9.5, color: muted, marginTop: 3, textAlign: "right" },
    parties: { flexDirection: "row", gap: 18, marginBottom: 18 },
    party: { flex: 1, borderWidth: 1, borderColor: line, borderRadius: 3, padding: 9 },
    partyLabel: { fontSize: 7.5, fontWeight: 700, color: accent, letterSpacing: 0.6, marginBottom: 4 },
    partyName: { fontSize: 10.5, fontWeight: 700, marginBottom: 3 },
    partyLine: { fontSize: 9, lineHeight: 1.35, color: ink },
    table: { borderWidth: 1, borderColor: line },
    th: { flexDirection: "row", backgroundColor: "#eef2f7", borderBottomWidth: 1, borderBottomColor: line },
    tr: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#e6eaf0" },
    cell: { padding: 6, fontSize: 9.5, lineHeight: 1.3 },
    headCell: { padding: 6, fontSize: 8.5, fontWeight: 700 },
    totals: { alignSelf: "flex-end", width: 290, marginTop: 10 },
    totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2.5, fontSize: 10 },
    totalStrong: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 4, marginTop: 2, borderTopWidth: 1, borderTopColor: ink, fontSize: 11, fontWeight: 700 },
    payment: { marginTop: 16, fontSize: 10, lineHeight: 1.4 },
    notes: { marginTop: 12, paddingTop: 8, borderTopWidth: 1, borderTopColor: line },
    note: { fontSize: 8.5, lineHeight: 1.4, color: ink, marginBottom: 3 },
    disclaimer: { marginTop: 14, fontSize: 8, lineHeight: 1.4, color: muted },
    footer: { position: "absolute", bottom: 28, left: 50, right: 50, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: muted },
  });
}

type Styles = ReturnType<typeof makeStyles>;

function PartyBox({ s, label, party }: { s: Styles; label: string; party: CourtesyParty }) {
  return (
    <View style={s.party}>
      <Text style={s.partyLabel}>{label.toUpperCase()}</Text>
      <Text style={s.partyName}>{party.name}</Text>
      {party.lines.map((l, i) => (
        <Text key={i} style={s.partyLine}>
          {l}
        </Text>
      ))}
    </View>
  );
}

const widths = { description: "62%", vat: "18%", amount: "20%" } as const;

export function InvoiceCopyDocument({ copy, branding, studioName, createdAt }: { copy: CourtesyCopy; branding: PdfBranding; studioName: string; createdAt?: Date }) {
  const brand = readableBrand(branding);
  const s = makeStyles(brand.primaryColor, readableOn(brand.accentColor), pdfFontsFor(JSON.stringify(copy) + studioName));
  const logo = branding.logo;
  return (
    <Document title={`${copy.title} · ${copy.client.name}`} author={studioName} language={copy.locale} creator="Socialbrief" producer="Socialbrief" creationDate={createdAt} modificationDate={createdAt}>
      <Page size="A4" style={s.page}>
        <View style={s.header}>
          <View>{logo ? <Image style={s.logo} src={{ data: Buffer.from(logo.data), format: logo.format }} /> : <Text style={s.studio}>{studioName}</Text>}</View>
          <View style={s.titleBlock}>
            <Text style={s.title}>{copy.title}</Text>
            <Text style={s.kind}>{copy.kind.toUpperCase()}</Text>
            <Text style={s.meta}>{copy.issuedOn}</Text>
            {copy.reference ? <Text style={s.meta}>{copy.reference}</Text> : null}
          </View>
        </View>
        <View style={s.parties}>
          {copy.supplier ? <PartyBox s={s} label={copy.labels.from} party={copy.supplier} /> : null}
          <PartyBox s={s} label={copy.labels.to} party={copy.client} />
        </View>
        <View style={s.table}>
          <View style={s.th}>
            <Text style={[s.headCell, { width: widths.description }]}>{copy.head.description}</Text>
            <Text style={[s.headCell, { width: widths.vat }]}>{copy.head.vat}</Text>
            <Text style={[s.headCell, { width: widths.amount, textAlign: "right" }]}>{copy.head.amount}</Text>
          </View>
          {copy.rows.map((row, i) => (
            <View key={i} style={s.tr} wrap={false}>
              <Text style={[s.cell, { width: widths.description }]}>{row.description}</Text>
              <Text style={[s.cell, { width: widths.vat }]}>{row.vat}</Text>
              <Text style={[s.cell, { width: widths.amount, textAlign: "right" }]}>{row.amount}</Text>
            </View>
          ))}
        </View>
        <View style={s.totals} wrap={false}>
          {copy.totals.map((row, i) => (
            <View key={i} style={row.strong ? s.totalStrong : s.totalRow}>
              <Text>{row.label}</Text>
              <Text>{row.amount}</Text>
            </View>
          ))}
        </View>
        <Text style={s.payment}>{copy.payment}</Text>
        {copy.notes.length ? (
          <View style={s.notes} wrap={false}>
            {copy.notes.map((n, i) => (
              <Text key={i} style={s.note}>
                {n}
              </Text>
            ))}
          </View>
        ) : null}
        <Text style={s.disclaimer}>{copy.disclaimer}</Text>
        <View style={s.footer} fixed>
          <Text>
            {studioName} · {copy.title}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `${copy.labels.page} ${pageNumber}/${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

export async function renderInvoiceCopyPdf(copy: CourtesyCopy, branding: PdfBranding, studioName: string, options: { createdAt?: Date } = {}): Promise<Buffer> {
  registerFonts();
  setLineBreakLanguage(copy.locale);
  return renderToBuffer(<InvoiceCopyDocument copy={copy} branding={branding} studioName={studioName} createdAt={options.createdAt} />);
}
