// A small multipart/form-data parser: text fields as strings, file parts summarised (name and size).

/** What a file part becomes in the parameters: its file name and byte count (contents are not kept). */
export interface UploadedFile {
  filename: string;
  size: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function dispositionParam(disposition: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="([^"]*)"`, 'i').exec(disposition);
  return match?.[1];
}

/** Parses a multipart body; throws on a body that is not multipart with this boundary. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string | UploadedFile> {
  const fields = new Map<string, string | UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position === -1) throw new Error('multipart boundary not found');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') break;
    position += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf(HEADER_END, position);
    if (headerEnd === -1) throw new Error('multipart part without headers');
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + HEADER_END.length);
    if (next === -1) throw new Error('multipart part without closing boundary');
    const content = body.subarray(headerEnd + HEADER_END.length, next - 2); // drop the CRLF before the delimiter
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
    const name = dispositionParam(disposition, 'name');
    const filename = dispositionParam(disposition, 'filename');
    if (name !== undefined) {
      fields.set(
        name,
        filename === undefined ? content.toString('utf8') : { filename, size: content.length },
      );
    }
    position = next;
  }
  return Object.fromEntries(fields);
}
