// The plain-text part, from the same blocks and the same branding as the HTML
// part: headings as written, details as "Label: value", every link as its
// address on a line of its own, and the signature after the "-- " delimiter
// mail clients recognise.
import { signOff, type EmailBrand } from "./brand";
import type { EmailBlock, EmailBody } from "./templates";

function blockText(block: EmailBlock): string {
  switch (block.type) {
    case "paragraph":
    case "note":
      return block.text;
    case "button":
      return `${block.label}:\n${block.url}`;
    case "details":
      return block.rows.map(({ label, value }) => (Array.isArray(value) ? `${label}:\n${value.map((v) => `- ${v}`).join("\n")}` : `${label}: ${value}`)).join("\n");
  }
}

export function plainText(body: EmailBody, brand: EmailBrand): string {
  const { signature, footer } = signOff(body.locale, brand);
  return `${[body.heading, ...body.blocks.map(blockText), `-- \n${signature.join("\n")}\n${footer}`].join("\n\n")}\n`;
}
