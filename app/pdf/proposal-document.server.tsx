import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ProposalText } from "~/domain/proposal-text";
import { registerFonts } from "./fonts.server";

const navy = "#1f3a5f";
const amber = "#b7791f";
const ink = "#1d232b";
const muted = "#55606e";

const styles = StyleSheet.create({
  page: { fontFamily: "Inter", fontSize: 10.5, color: ink, paddingTop: 56, paddingBottom: 64, paddingHorizontal: 56 },
  cover: { fontFamily: "Inter", color: "#ffffff", backgroundColor: navy, padding: 56, justifyContent: "space-between" },
  brand: { fontSize: 12, fontWeight: 700, letterSpacing: 1.5, color: "#f4b860" },
  coverTitle: { fontSize: 30, fontWeight: 700, lineHeight: 1.2, marginTop: 180 },
  coverFor: { fontSize: 14, marginTop: 18 },
  coverMeta: { fontSize: 10.5, color: "#d6dee8", marginTop: 4 },
  h2: { fontSize: 15, fontWeight: 700, color: navy, marginTop: 22, marginBottom: 8 },
  bulletRow: { flexDirection: "row", marginBottom: 5 },
  bullet: { width: 14, color: amber, fontWeight: 700 },
  bulletText: { flex: 1, fontSize: 10.5, lineHeight: 1.45 },
  goal: { fontSize: 13, fontWeight: 600 },
  table: { borderWidth: 1, borderColor: "#d5dbe3", borderRadius: 3 },
  th: { flexDirection: "row", backgroundColor: "#eef2f7", borderBottomWidth: 1, borderBottomColor: "#d5dbe3" },
  tr: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#e6eaf0" },
  cellName: { width: "28%", padding: 7, fontWeight: 600 },
  cellReason: { width: "72%", padding: 7, fontSize: 10.5, lineHeight: 1.4 },
  quote: { marginTop: 18, padding: 12, backgroundColor: "#fbf4e8", borderLeftWidth: 3, borderLeftColor: amber, fontWeight: 600 },
  footer: { position: "absolute", bottom: 28, left: 56, right: 56, flexDirection: "row", justifyContent: "space-between", fontSize: 8.5, color: muted },
  // lineHeight is set per text block: on the Page it hides absolutely placed footers (react-pdf 4.9).
  p: { fontSize: 10.5, lineHeight: 1.45 },
});

function Bullet({ children }: { children: string }) {
  return (
    <View style={styles.bulletRow}>
      <Text style={styles.bullet}>•</Text>
      <Text style={styles.bulletText}>{children}</Text>
    </View>
  );
}

export function ProposalDocument({ text, pageLabel, lang }: { text: ProposalText; pageLabel: (page: number, total: number) => string; lang: string }) {
  return (
    <Document title={`${text.title} · ${text.preparedFor}`} author="Socialbrief" language={lang} creator="Socialbrief" producer="Socialbrief">
      <Page size="A4" style={styles.cover}>
        <Text style={styles.brand}>SOCIALBRIEF</Text>
        <View>
          <Text style={styles.coverTitle}>{text.title}</Text>
          <Text style={styles.coverFor}>{text.preparedFor}</Text>
          <Text style={styles.coverMeta}>{text.date}</Text>
          <Text style={styles.coverMeta}>{text.validUntil}</Text>
        </View>
        <Text style={styles.coverMeta}>{text.belief}</Text>
      </Page>
      <Page size="A4" style={styles.page}>
        <View style={styles.footer} fixed>
          <Text>Socialbrief · {text.preparedFor}</Text>
          <Text render={({ pageNumber, totalPages }) => pageLabel(pageNumber, totalPages)} />
        </View>
        <Text style={styles.h2}>{text.summaryHeading}</Text>
        {text.summary.map((line) => (
          <Bullet key={line}>{line}</Bullet>
        ))}
        <Text style={styles.h2}>{text.goalHeading}</Text>
        <Text style={styles.goal}>{text.goal}</Text>
        <Text style={styles.h2}>{text.channelsHeading}</Text>
        <View style={styles.table}>
          <View style={styles.th} fixed>
            <Text style={styles.cellName}>{text.channelLabel}</Text>
            <Text style={[styles.cellReason, { fontWeight: 600 }]}>{text.whyLabel}</Text>
          </View>
          {text.channels.map((c) => (
            <View key={c.name} style={styles.tr} wrap={false}>
              <Text style={styles.cellName}>{c.name}</Text>
              <Text style={styles.cellReason}>{c.reason}</Text>
            </View>
          ))}
        </View>
        <Text style={styles.h2}>{text.kpiHeading}</Text>
        <Text style={styles.p}>{text.kpi}</Text>
        <Text style={styles.quote}>{text.belief}</Text>
        <Text style={styles.h2}>{text.nextHeading}</Text>
        <Text style={styles.p}>{text.nextSteps}</Text>
      </Page>
    </Document>
  );
}

export async function renderProposalPdf(text: ProposalText, pageLabel: (page: number, total: number) => string, lang: string): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(<ProposalDocument text={text} pageLabel={pageLabel} lang={lang} />);
}
