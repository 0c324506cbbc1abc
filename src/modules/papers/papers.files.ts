import type { PaperFormat } from "./papers.tables.ts";

const MAX_NAME_LENGTH = 150;

/** Control characters (line breaks included), DEL, C1 controls and Unicode line/paragraph separators become spaces. */
function withoutControls(value: string): string {
  return [...value]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ? " " : c;
    })
    .join("");
}

/**
 * A file name that is safe to store, show and send back in a Content-Disposition header: the last
 * path segment only (no "../"), without control characters, line breaks, quotes, backslashes or
 * bidirectional overrides, not hidden, bounded in length, and ending in the extension of the
 * format the content actually is (a PDF named "minutes.exe" is served as "minutes.exe.pdf").
 */
export function sanitiseFileName(raw: string, format: PaperFormat): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? "";
  let name = withoutControls(lastSegment.normalize("NFC"))
    // Bidirectional controls can make "evil\u202Efdp.exe" look like "evilexe.pdf".
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/["'`<>:*?|;%]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  const extension = `.${format}`;
  const stem = name.toLowerCase().endsWith(extension) ? name.slice(0, -extension.length).trim() : name;
  const boundedStem = [...stem]
    .slice(0, MAX_NAME_LENGTH - extension.length)
    .join("")
    .trim();
  name = `${boundedStem || "paper"}${extension}`;
  return name;
}

/** RFC 5987 percent-encoding of a header parameter value. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The Content-Disposition of a paper download: an attachment (never shown inline, so a paper can
 * never run as a page of this site), with an ASCII name for old clients and the UTF-8 name for
 * the rest. The name is sanitised again, whatever was stored.
 */
export function contentDisposition(fileName: string, format: PaperFormat): string {
  const safe = sanitiseFileName(fileName, format);
  const ascii = safe.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}
