// Text as the server wrote it: the character set from the Content-Type header, else the XML
// declaration (or a BOM, or UTF-16's byte pattern); and lists read whole when they do not follow the
// documented wrapper. Fed by a scripted server, byte for byte.
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../main/efota/errors.ts';
import { clientFor, failure } from './helpers/client.ts';
import { reply, routes, startScriptedServer, type Reply } from './helpers/scripted-server.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function clientAnswering(path: string, answer: Reply) {
  const server = await startScriptedServer(routes({ [path]: answer }));
  open.push(server);
  const { client, transport } = clientFor(server.url);
  open.push(transport);
  return client;
}

const LICENSE = '/b2bfota/v2/licenseInfo';
const FIRMWARE = '/b2bfota/v2/firmwareList';
const license = (status: string, prolog = ''): string => `${prolog}<B2bLicenseInfoVO><licenseStatus>${status}</licenseStatus><licenseType>SA</licenseType></B2bLicenseInfoVO>`;

// windows-1252 puts typographic marks where ISO-8859-1 has control characters.
const CP1252: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '–': 0x96 };
function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => CP1252[c] ?? c.charCodeAt(0)));
}
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('character sets are honoured', () => {
  it.each([
    ['ISO-8859-1 named by the Content-Type', Buffer.from(license('Activée'), 'latin1'), 'application/xml; charset=ISO-8859-1'],
    ['ISO-8859-1 named by the XML declaration only', Buffer.from(license('Activée', '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1'), 'application/xml'],
    ['windows-1252 by the header', windows1252(license('Activée')), 'text/xml; charset="windows-1252"'],
    ['UTF-8 with a BOM and no charset', Buffer.from(`\uFEFF${license('Activée')}`, 'utf8'), 'application/xml'],
    ['UTF-16LE with a BOM', Buffer.from(`\uFEFF${license('Activée', '<?xml version="1.0" encoding="UTF-16"?>')}`, 'utf16le'), 'application/xml'],
    ['UTF-16BE with a BOM', utf16be(`\uFEFF${license('Activée', '<?xml version="1.0" encoding="UTF-16"?>')}`), 'application/xml'],
    ['UTF-16LE without a BOM, declared in the document', Buffer.from(license('Activée', '<?xml version="1.0" encoding="UTF-16"?>'), 'utf16le'), 'application/xml'],
    ['UTF-16BE without a BOM, charset=UTF-16 in the header', utf16be(license('Activée')), 'application/xml; charset=UTF-16'],
    ['UTF-16LE named by the header', Buffer.from(license('Activée'), 'utf16le'), 'application/xml; charset=utf-16le'],
  ])('%s', async (_name, bytes, type) => {
    const client = await clientAnswering(LICENSE, reply(200, bytes, { 'content-type': type }));
    expect((await client.licenseInfo()).licenseStatus).toBe('Activée');
  });

  it('windows-1252 typographic marks decode to their characters, not to control codes', async () => {
    const body = '<B2bFirmwareInfoListVO><firmwareVersionList><firmwareVersionItem><targetFirmwareVersion>G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1</targetFirmwareVersion>' +
      '<description>Security update – ‘critical’, €0</description></firmwareVersionItem></firmwareVersionList></B2bFirmwareInfoListVO>';
    const client = await clientAnswering(FIRMWARE, reply(200, windows1252(`<?xml version="1.0" encoding="windows-1252"?>${body}`), { 'content-type': 'application/xml' }));
    const list = await client.firmwareList({ model: 'SM-G991B', salesCode: 'BTU' });
    expect(list.items[0]?.description).toBe('Security update – ‘critical’, €0');
  });

  it('the header wins over the declaration; UTF-8 stays the default', async () => {
    const latin = await clientAnswering(LICENSE, reply(200, Buffer.from(license('Activée', '<?xml version="1.0" encoding="UTF-8"?>'), 'latin1'), { 'content-type': 'application/xml;charset=iso-8859-1' }));
    expect((await latin.licenseInfo()).licenseStatus).toBe('Activée');
    const plain = await clientAnswering(LICENSE, reply(200, Buffer.from(license('Activée'), 'utf8'), { 'content-type': 'application/xml' }));
    expect((await plain.licenseInfo()).licenseStatus).toBe('Activée');
  });

  it('a character set this runtime cannot read is refused, not guessed', async () => {
    const client = await clientAnswering(LICENSE, reply(200, Buffer.from(license('Activée'), 'latin1'), { 'content-type': 'application/xml; charset=x-klingon' }));
    const error = await failure(client.licenseInfo());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'charset', httpStatus: 200 });
    expect((error as Error).message).toMatch(/x-klingon/);
  });
});

describe('lists that do not follow the documented wrapper are read whole', () => {
  const item = (target: string): string => `<firmwareVersionItem><targetFirmwareVersion>${target}</targetFirmwareVersion></firmwareVersionItem>`;

  it('firmwareList: several wrappers, and an item without one, in document order', async () => {
    const body = `<B2bFirmwareInfoListVO><firmwareVersionList>${item('A1/A2/A3')}</firmwareVersionList><firmwareVersionList>${item('B1/B2/B3')}${item('C1/C2/C3')}</firmwareVersionList>${item('D1/D2/D3')}</B2bFirmwareInfoListVO>`;
    const client = await clientAnswering(FIRMWARE, reply(200, body));
    const list = await client.firmwareList({ model: 'SM-G991B', salesCode: 'BTU' });
    expect(list.items.map((i) => i.targetFirmwareVersion)).toEqual(['A1/A2/A3', 'B1/B2/B3', 'C1/C2/C3', 'D1/D2/D3']);
  });

  it('abnormalDeviceList: several category lists, a category without one, serials with several wrappers or none', async () => {
    const body =
      '<B2bAbnormalDeviceListVO>' +
      '<abnormalCategoryList><abnormalCategoryItem><abnormalCategoryTitle>Not Enrolled</abnormalCategoryTitle>' +
      '<abnormalDeviceList><serialNumber>R1</serialNumber></abnormalDeviceList><abnormalDeviceList><serialNumber>R2</serialNumber></abnormalDeviceList></abnormalCategoryItem></abnormalCategoryList>' +
      '<abnormalCategoryList><abnormalCategoryItem><abnormalCategoryTitle>Blocked, Insufficient License</abnormalCategoryTitle><serialNumber>R3</serialNumber><serialNumber>R4</serialNumber></abnormalCategoryItem></abnormalCategoryList>' +
      '<abnormalCategoryItem><abnormalCategoryTitle>Some Future Category</abnormalCategoryTitle><abnormalDeviceList><serialNumber>R5</serialNumber></abnormalDeviceList></abnormalCategoryItem>' +
      '</B2bAbnormalDeviceListVO>';
    const client = await clientAnswering('/b2bfota/v2/abnormalDeviceList', reply(200, body));
    const result = await client.abnormalDeviceList(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(result.categories).toEqual([
      { title: 'Not Enrolled', serials: ['R1', 'R2'] },
      { title: 'Blocked, Insufficient License', serials: ['R3', 'R4'] },
      { title: 'Some Future Category', serials: ['R5'] },
    ]);
  });
});
