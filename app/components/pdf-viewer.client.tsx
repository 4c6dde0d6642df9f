// The owner's PDF preview with the react-pdf viewer (pdf.js), loaded in the
// browser only; without JavaScript the page shows the PDF in an <object>.
import { useState } from "react";
import { Document, Page, pdfjs } from "react-pdf";

pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url).toString();

export default function PdfViewer({ url, title, loading, pageLabel }: { url: string; title: string; loading: string; pageLabel: (page: number, total: number) => string }) {
  const [pages, setPages] = useState(0);
  return (
    <div className="pdf-viewer" role="document" aria-label={title} tabIndex={0}>
      <Document file={url} onLoadSuccess={({ numPages }) => setPages(numPages)} loading={<p className="hint">{loading}</p>}>
        {Array.from({ length: pages }, (_, i) => (
          <figure key={i} className="pdf-page">
            <Page pageNumber={i + 1} width={520} renderTextLayer={false} renderAnnotationLayer={false} />
            <figcaption className="hint">{pageLabel(i + 1, pages)}</figcaption>
          </figure>
        ))}
      </Document>
    </div>
  );
}
