import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

/** Renders a page component to a complete HTML document. */
export function renderDocument(element: ReactElement): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(element)}`;
}
