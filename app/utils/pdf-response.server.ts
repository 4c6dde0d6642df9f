// A PDF download: private (never cached by anyone but the browser asking),
// named, with its length; `noindex` for a private link's (token) pages.
export function pdfDownload(pdf: Buffer, fileName: string, options: { noindex: boolean }): Response {
  // The name is ours (letters, digits, dashes), but a quote would end the header's value: drop any.
  const safe = fileName.replace(/["\\\r\n]/g, "");
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Cache-Control": "private, no-store",
      ...(options.noindex ? { "X-Robots-Tag": "noindex" } : {}),
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Content-Length": String(pdf.length),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
