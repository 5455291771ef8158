import { createHash } from 'node:crypto';

/**
 * A base64 `data:` URI (an icon, an image in HTML) as a snapshot shows it: its media type, size
 * and a short hash instead of the payload, which the token rule would otherwise cut into
 * `[token]` pieces. The hash still changes when the picture does.
 */
const DATA_URI = /\bdata:([a-z0-9.+-]+\/[a-z0-9.+-]+(?:;[a-z0-9.+-]+=[^;,\s"'<>]*)*)?;base64,([A-Za-z0-9+/]+=*)/gi;

function size(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

function describe(mediaType: string | undefined, payload: string): string {
  // Of the decoded bytes, so it is the first characters of `sha256sum` of the image file.
  const bytes = Buffer.from(payload, 'base64');
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return `data:${mediaType ?? ''};base64,… (${size(bytes.length)}, sha256 ${hash})`;
}

export function describeDataUris(text: string): string {
  return text.includes('data:')
    ? text.replace(DATA_URI, (_, mediaType: string | undefined, payload: string) => describe(mediaType, payload))
    : text;
}
