// OLE compound files (`D0 CF 11 E0`): legacy Excel 97–2003 workbooks, and the container Office puts
// an encrypted (password-protected) .xlsx in. Neither can be read here, but the admin deserves to
// know which of the two it is, because the fix differs: save as .xlsx, or remove the password.
import { ImportError } from './failure.ts';

/** The OLE compound-file signature. */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** True when the bytes start with the OLE signature. */
export function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/** Finds an OLE directory entry name (stored as UTF-16 LE) anywhere in the file. */
function hasStream(bytes: Uint8Array, name: string): boolean {
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (bytes[i] !== needle[0]) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** True when a BIFF8 workbook-globals BOF record is directly followed by FILEPASS (an encrypted .xls). */
function hasFilePass(bytes: Uint8Array): boolean {
  // BOF: type 0x0809, length 16, BIFF8 version 0x0600, substream 0x0005 (workbook globals)
  for (let i = 0; i + 24 <= bytes.length; i++) {
    if (bytes[i] === 0x09 && bytes[i + 1] === 0x08 && bytes[i + 2] === 0x10 && bytes[i + 3] === 0x00 &&
        bytes[i + 4] === 0x00 && bytes[i + 5] === 0x06 && bytes[i + 6] === 0x05 && bytes[i + 7] === 0x00) {
      return bytes[i + 20] === 0x2f && bytes[i + 21] === 0x00;
    }
  }
  return false;
}

/** Always throws: the message says what kind of OLE file this is and what to do. */
export function refuseOle(bytes: Uint8Array): never {
  if (hasStream(bytes, 'EncryptedPackage') || hasStream(bytes, 'EncryptionInfo')) {
    throw new ImportError('encrypted',
      'This workbook is protected with a password, so it cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear the box), save it as .xlsx and import it again.');
  }
  if (hasStream(bytes, 'Workbook') || hasStream(bytes, 'Book')) {
    if (hasFilePass(bytes)) {
      throw new ImportError('encrypted',
        'This is a password-protected Excel 97–2003 workbook (.xls), which cannot be read. Open it in Excel, remove the password, save it as .xlsx or CSV and import that file.');
    }
    throw new ImportError('legacy-xls',
      'This is an Excel 97–2003 workbook (.xls), an old format FOTA Desk does not read. Open it in Excel or LibreOffice, save it as .xlsx (Excel Workbook) or CSV, and import that file.');
  }
  throw new ImportError('unsupported-format',
    'This is an old Microsoft Office file, not an Excel workbook FOTA Desk can read. Save the device list as .xlsx or CSV and import that file.');
}
