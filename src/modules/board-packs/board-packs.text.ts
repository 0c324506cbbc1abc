import type { PDFFont } from "pdf-lib";

/** Readable stand-ins for characters the PDF standard fonts (WinAnsi) cannot show. */
const REPLACEMENTS: Record<string, string> = {
  "≥": ">=",
  "≤": "<=",
  "≠": "!=",
  "≈": "~",
  "→": "->",
  "←": "<-",
  "↔": "<->",
  "⇒": "=>",
  "−": "-",
  "‐": "-",
  "‑": "-",
  "‒": "-",
  "―": "—",
  "′": "'",
  "″": '"',
  "✓": "Yes",
  "✔": "Yes",
  "✗": "No",
  "✘": "No",
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  "\u00a0": " ",
  "\u2007": " ",
  "\u2009": " ",
  "\u202f": " ",
};

/** Emoji, their joiners and variation selectors: dropped, since there is nothing sensible to print instead. */
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const JOINERS = new Set([0x200d, 0xfe0e, 0xfe0f, 0x20e3]);
const isDropped = (ch: string, code: number) => PICTOGRAPHIC.test(ch) || JOINERS.has(code) || (code >= 0x1f3fb && code <= 0x1f3ff);
const COMBINING = /\p{M}/gu;

/**
 * Makes text printable in a standard PDF font. pdf-lib's StandardFonts encode WinAnsi only and
 * throw on anything else, so a paper titled "≥ 95% seen" or with an emoji would otherwise break the
 * whole pack: known symbols get readable stand-ins, accented letters outside WinAnsi lose their
 * accents, emoji are dropped and anything else becomes "?". Line breaks are kept (as "\n"); tabs become spaces.
 */
export function sanitiseForFont(text: string, font: Pick<PDFFont, "getCharacterSet">): string {
  const supported = charsetOf(font);
  let out = "";
  for (const ch of text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\v\f]/g, " ")) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || supported.has(code)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (isDropped(ch, code) || code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else {
      const bare = ch.normalize("NFKD").replace(COMBINING, "");
      out += bare !== "" && [...bare].every((c) => supported.has(c.codePointAt(0)!)) ? bare : "?";
    }
  }
  return out.replace(/ {2,}/g, " ");
}

const charsets = new WeakMap<object, Set<number>>();
function charsetOf(font: Pick<PDFFont, "getCharacterSet">): Set<number> {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  return set;
}

/** Splits already-sanitised text into lines no wider than `width` at this size, breaking long words where they must. */
export function wrapText(text: string, font: Pick<PDFFont, "widthOfTextAtSize">, size: number, width: number): string[] {
  const lines: string[] = [];
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ").filter((w) => w !== "")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      // A word longer than the line (a URL): break it across lines.
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
