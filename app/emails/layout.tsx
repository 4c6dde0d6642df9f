// How every email looks: one layout (header with the studio's name or logo,
// heading, the message's blocks, signature, footer) drawn with React Email
// components. The studio's branding arrives as a prop, never patched into the
// output afterwards; React escapes every value. Tables and inline styles, which
// is what mail clients render reliably.
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Img } from "@react-email/img";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { CSSProperties } from "react";
import { getT, type Locale } from "~/i18n/i18n";
import { signOff, type EmailBrand } from "./brand";
import { checkedUrl, type EmailBlock, type EmailBody } from "./templates";

const INK = "#1d232b";
const MUTED = "#4f5a67";
const LINE = "#e3e8ef";
const FONT = "Inter, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const paragraph: CSSProperties = { margin: "0 0 16px", fontFamily: FONT, fontSize: "16px", lineHeight: "1.6", color: INK };
const small: CSSProperties = { ...paragraph, fontSize: "13px", lineHeight: "1.5", color: MUTED };

function Details({ rows }: { rows: Extract<EmailBlock, { type: "details" }>["rows"] }) {
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} border={0} width="100%" style={{ margin: "0 0 20px", borderCollapse: "collapse", fontFamily: FONT, fontSize: "15px", lineHeight: "1.5", backgroundColor: "#f6f8fb", borderRadius: "8px" }}>
      <tbody>
        {rows.map(({ label, value }, i) => (
          <tr key={i}>
            <th scope="row" align="left" style={{ width: "1%", padding: "10px 16px", verticalAlign: "top", fontWeight: 600, color: MUTED, whiteSpace: "nowrap", borderTop: i === 0 ? "none" : `1px solid ${LINE}` }}>
              {label}
            </th>
            <td style={{ padding: "10px 16px 10px 0", verticalAlign: "top", color: INK, wordBreak: "break-word", borderTop: i === 0 ? "none" : `1px solid ${LINE}` }}>
              {Array.isArray(value) ? (
                <ul style={{ margin: 0, paddingLeft: "18px" }}>
                  {value.map((v, j) => (
                    <li key={j}>{v}</li>
                  ))}
                </ul>
              ) : (
                value
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Block({ block, locale, color }: { block: EmailBlock; locale: Locale; color: string }) {
  switch (block.type) {
    case "paragraph":
      return <Text style={paragraph}>{block.text}</Text>;
    case "note":
      return <Text style={small}>{block.text}</Text>;
    case "button": {
      const href = checkedUrl(block.url);
      return (
        <>
          <Section style={{ margin: "8px 0 20px" }}>
            <Button href={href} style={{ backgroundColor: color, borderRadius: "8px", padding: "13px 24px", fontFamily: FONT, fontSize: "16px", fontWeight: 700, color: "#ffffff", textDecoration: "none" }}>
              {block.label}
            </Button>
          </Section>
          <Text style={small}>
            {getT(locale)("email.common.linkFallback")}
            <br />
            <Link href={href} style={{ color, wordBreak: "break-all" }}>
              {href}
            </Link>
          </Text>
        </>
      );
    }
    case "details":
      return <Details rows={block.rows} />;
  }
}

function Masthead({ brand, name }: { brand: EmailBrand; name: string }) {
  if (brand.logoUrl) {
    return <Img src={checkedUrl(brand.logoUrl)} alt={name} height={40} style={{ display: "block", height: "40px", width: "auto", maxWidth: "200px", border: 0, backgroundColor: "#ffffff", padding: "4px 6px", borderRadius: "4px" }} />;
  }
  return <Text style={{ margin: 0, fontFamily: FONT, fontSize: "18px", lineHeight: "1.3", fontWeight: 700, letterSpacing: "0.02em", color: "#ffffff" }}>{name}</Text>;
}

/** A whole message: what it says (`body`) drawn with the studio's branding (`brand`). */
export function EmailLayout({ subject, body, brand }: { subject: string; body: EmailBody; brand: EmailBrand }) {
  const { name, signature, footer } = signOff(body.locale, brand);
  const first = body.blocks.find((b) => b.type === "paragraph");
  return (
    <Html lang={body.locale}>
      <Head>
        <meta name="color-scheme" content="light" />
        <title>{subject}</title>
      </Head>
      <Body style={{ margin: 0, padding: "24px 12px", backgroundColor: "#f3f5f8" }}>
        {first ? <Preview>{first.text}</Preview> : null}
        <Container style={{ maxWidth: "560px", backgroundColor: "#ffffff", border: "1px solid #d5dbe3", borderRadius: "12px", overflow: "hidden" }}>
          <Section style={{ backgroundColor: brand.color, padding: "18px 28px" }}>
            <Masthead brand={brand} name={name} />
          </Section>
          <Section style={{ padding: "28px 28px 8px" }}>
            <Heading as="h1" style={{ margin: "0 0 18px", fontFamily: FONT, fontSize: "22px", lineHeight: "1.3", fontWeight: 700, color: brand.color }}>
              {body.heading}
            </Heading>
            {body.blocks.map((block, i) => (
              <Block key={i} block={block} locale={body.locale} color={brand.color} />
            ))}
            <Text style={{ ...paragraph, margin: "24px 0 20px" }}>
              {signature.map((line, i) => (
                <span key={i}>
                  {i > 0 ? <br /> : null}
                  {line}
                </span>
              ))}
            </Text>
          </Section>
          <Hr style={{ margin: 0, border: "none", borderTop: `1px solid ${LINE}` }} />
          <Section style={{ padding: "14px 28px 18px" }}>
            <Text style={{ margin: 0, fontFamily: FONT, fontSize: "12px", lineHeight: "1.5", color: MUTED }}>{footer}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
