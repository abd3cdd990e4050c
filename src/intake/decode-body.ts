// Turns fetched bytes into text: the charset from the BOM, Content-Type, <meta charset> or <?xml encoding?>, else UTF-8.
import { TextDecoder } from 'node:util';

/** How far into the body a <meta charset> or an XML declaration is looked for (HTML asks for the first 1,024 bytes). */
const SNIFF_BYTES = 4096;

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
  return (
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]
  );
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/** The body as text; bytes that are not valid in its charset become U+FFFD rather than an error. */
export function decodeBody(bytes: Uint8Array, headerCharset: string | undefined): string {
  const decoder =
    decoderFor(bomCharset(bytes)) ??
    decoderFor(headerCharset) ??
    decoderFor(declaredCharset(bytes)) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
