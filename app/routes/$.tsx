import { ErrorPage } from "~/components/error-page";

// A path no other route matches (one starting with `//`, say): our 404 page, not
// Remix's own, whose page data spells out its internal message and "Unexpected
// Server Error". Unknown pages under /it and /en are $lang.$.tsx's.
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export default function NotFound() {
  return null;
}
