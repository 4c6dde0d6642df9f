// The owner's PDF preview with the react-pdf viewer (pdf.js), loaded in the
// browser only; without JavaScript the page shows the PDF in an <object>.
// Pages are drawn when they come near the viewer's visible part (the first two
// at once): a proposal has fifteen pages or more, and drawing every canvas on
// opening kept a phone busy for seconds and held all of them in memory.
import { useEffect, useRef, useState, type RefObject } from "react";
import { Document, Page, pdfjs } from "react-pdf";

pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url).toString();

const WIDTH = 520;
/** Pages drawn on opening, before any scrolling. */
const EAGER_PAGES = 2;

function LazyPage({ pageNumber, label, scroller }: { pageNumber: number; label: string; scroller: RefObject<HTMLDivElement> }) {
  const figure = useRef<HTMLElement>(null);
  const [near, setNear] = useState(pageNumber <= EAGER_PAGES);
  useEffect(() => {
    const element = figure.current;
    if (near || !element) return;
    // Within a screen of the viewer's visible part: drawn by the time the reader scrolls to it.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { root: scroller.current, rootMargin: "100% 0px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, scroller]);
  return (
    <figure ref={figure} className="pdf-page">
      {near ? <Page pageNumber={pageNumber} width={WIDTH} renderTextLayer={false} renderAnnotationLayer={false} /> : <div className="pdf-page-placeholder" aria-hidden="true" />}
      <figcaption className="hint">{label}</figcaption>
    </figure>
  );
}

export default function PdfViewer({ url, title, loading, pageLabel }: { url: string; title: string; loading: string; pageLabel: (page: number, total: number) => string }) {
  const [pages, setPages] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  return (
    <div ref={scroller} className="pdf-viewer" role="document" aria-label={title} tabIndex={0}>
      <Document file={url} onLoadSuccess={({ numPages }) => setPages(numPages)} loading={<p className="hint">{loading}</p>}>
        {Array.from({ length: pages }, (_, i) => (
          <LazyPage key={i} pageNumber={i + 1} label={pageLabel(i + 1, pages)} scroller={scroller} />
        ))}
      </Document>
    </div>
  );
}
