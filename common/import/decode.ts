// Bytes of a text file → text. Excel writes UTF-8 with a BOM ("CSV UTF-8"), the Windows code page
// ("CSV"), or UTF-16 LE with a BOM ("Unicode text"); MDM consoles write UTF-8. We honour a BOM,
// recognise UTF-16 without one by its zero bytes, try strict UTF-8, and fall back to Windows-1252.
import { ImportError } from './failure.ts';
import { textDecoder } from './platform.ts';

/** Decoded text and the encoding it was read with. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  readonly bom: boolean;
}

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Guesses UTF-16 without a BOM: ASCII text in UTF-16 has a zero in every other byte. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Decodes a text file; refuses binary content (a NUL or many control characters). */
export function decodeText(bytes: Uint8Array): DecodedText {
  let decoded: DecodedText;
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
    decoded = { text: textDecoder('utf-8', false).decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  } else if (startsWith(bytes, 0xff, 0xfe)) {
    decoded = { text: textDecoder('utf-16le', false).decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  } else if (startsWith(bytes, 0xfe, 0xff)) {
    decoded = { text: textDecoder('utf-16be', false).decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  } else {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) {
      decoded = { text: textDecoder(utf16, false).decode(bytes), encoding: utf16, bom: false };
    } else {
      try {
        decoded = { text: textDecoder('utf-8', true).decode(bytes), encoding: 'utf-8', bom: false };
      } catch {
        decoded = { text: textDecoder('windows-1252', false).decode(bytes), encoding: 'windows-1252', bom: false };
      }
    }
  }
  refuseBinary(decoded.text);
  return decoded;
}

/** Refuses text that is really binary data (random bytes, an image, a renamed program). */
export function refuseBinary(text: string): void {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) controls += 1000;
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) controls++;
    else if (c === 0xfffd) controls++;
  }
  if (controls > 0 && controls * 20 > sample.length) {
    throw new ImportError('not-a-spreadsheet',
      'This file is not a spreadsheet: it is neither an Excel workbook (.xlsx) nor text such as CSV. Export the device list from Excel or your MDM as .xlsx or CSV and import that file.');
  }
}
