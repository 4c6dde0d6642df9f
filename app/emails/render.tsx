// Renders a message with the studio's branding into what is sent and stored:
// the HTML part by React Email from the layout, the plain-text part from the
// same blocks and branding (text.ts: React Email's own text conversion shouts
// headings and splits "Label: value" rows apart).
import { render } from "@react-email/render";
import type { EmailBrand } from "./brand";
import { EmailLayout } from "./layout";
import { plainText } from "./text";
import type { EmailContent } from "./templates";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export async function renderEmail({ subject, body }: EmailContent, brand: EmailBrand): Promise<RenderedEmail> {
  return { subject, text: plainText(body, brand), html: await render(<EmailLayout subject={subject} body={body} brand={brand} />) };
}
