import { createHash } from "node:crypto";
import { PDFDocument, PDFHexString, StandardFonts, degrees } from "pdf-lib";

/**
 * Real PDF files for the board pack tests: papers of a given length, rotated or US-letter pages,
 * and a password-protected one (pdf-lib cannot encrypt, so it is encrypted here by hand).
 */

/** A real PDF of `pages` pages, each saying which paper and page it is. */
export async function paperPdf(label: string, pages: number, options: { rotate?: number; letter?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage(options.letter ? [612, 792] : [595.28, 841.89]);
    page.drawText(`${label} - sheet ${i}`, { x: 60, y: 700, size: 14, font });
    if (options.rotate) page.setRotation(degrees(options.rotate));
  }
  return Buffer.from(await doc.save());
}

const PASSWORD_PADDING = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");
const pad = (pw: string) => Buffer.concat([Buffer.from(pw, "latin1"), PASSWORD_PADDING]).subarray(0, 32);

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = [...Array(256).keys()];
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, m = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    m = (m + s[i]!) & 255;
    [s[i], s[m]] = [s[m]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[m]!) & 255]!;
  }
  return out;
}

/** A PDF protected by a user password (standard security handler, revision 2): its trailer carries /Encrypt. */
export async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText("Commercial in confidence", { x: 50, y: 700, size: 14, font });
  const id = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
  const owner = rc4(createHash("md5").update(pad("owner")).digest().subarray(0, 5), pad("secret"));
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-44);
  const key = createHash("md5")
    .update(Buffer.concat([pad("secret"), owner, permissions, id]))
    .digest()
    .subarray(0, 5);
  const user = rc4(key, PASSWORD_PADDING);
  const encrypt = doc.context.obj({
    Filter: "Standard",
    V: 1,
    R: 2,
    O: PDFHexString.of(owner.toString("hex")),
    U: PDFHexString.of(user.toString("hex")),
    P: -44,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id.toString("hex")), PDFHexString.of(id.toString("hex"))]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A PDF cut off half way, as an interrupted upload leaves it. */
export async function truncatedPdf(): Promise<Buffer> {
  const whole = await paperPdf("Truncated", 3);
  return whole.subarray(0, Math.floor(whole.length / 2));
}
