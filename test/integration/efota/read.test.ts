// The documented sample answers (test/fixtures/efota, transcribed from Samsung's pages) read through
// the real client over HTTPS, plus the XML reader's own rules on small strings.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FudError } from '../../../main/efota/errors.ts';
import { readGeneric } from '../../../main/efota/responses.ts';
import { buildXml, readXml } from '../../../main/efota/xml.ts';
import { answer, startScriptedServer } from './helpers/scripted-server.ts';
import { clientFor, collectedErrors, failure, leaks, PLANTED_TOKEN } from './helpers/client.ts';

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../fixtures/efota', name), 'utf8');

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(() => expect(leaks(collectedErrors, PLANTED_TOKEN)).toEqual([]));

async function clientAnswering(status: number, body: string) {
  const server = await startScriptedServer(answer(status, body));
  open.push(server);
  const { client, transport } = clientFor(server.url);
  open.push(transport);
  return { client, server };
}

describe('documented sample answers', () => {
  it('reads the licenseInfo seed: Not Active, 770 remaining of 700, as sent', async () => {
    const { client, server } = await clientAnswering(200, fixture('license-info-seed.xml'));
    const info = await client.licenseInfo();
    expect(info).toEqual({
      activePeriod: '2018-03-08~2018-09-21',
      activeFrom: '2018-03-08',
      activeTo: '2018-09-21',
      licenseStatus: 'Not Active',
      licenseType: 'SA',
      purchasedQuantity: '700',
      remainingQuantity: '770',
      blockedDeviceCount: '20',
      purchased: 700,
      remaining: 770,
      blocked: 20,
    });
    const sent = server.requests[0];
    expect(sent?.url).toBe('/b2bfota/v2/licenseInfo');
    expect(sent?.headers['content-type']).toBe('application/xml');
    expect(sent?.headers.authorization).toBe(`Bearer ${PLANTED_TOKEN}`);
    const body = readXml(sent?.body ?? '');
    expect(body.ok && body.root.name).toBe('B2bLicenseInfoVO');
  });

  it('reads an EE licence: N/A counts kept as text, numbers null, unknown elements ignored', async () => {
    const { client } = await clientAnswering(200, fixture('license-info-ee.xml'));
    const info = await client.licenseInfo();
    expect(info).toMatchObject({ licenseType: 'EE', purchasedQuantity: 'N/A', remainingQuantity: 'N/A', purchased: null, remaining: null, blocked: 0 });
  });

  it('reads the forceUpdate seed answer', async () => {
    const { client, server } = await clientAnswering(200, fixture('force-update-seed.xml'));
    const result = await client.forceUpdate({ model: 'gt-s8500a', salesCode: 'qa4', targetFirmwareVersion: 'latest', networkType: 'ANY', serials: ['c08900518981610', 'C78987898789878'] });
    expect(result).toEqual({ forceUpdateId: '12310180309-JEA12345678' });
    // values are sent normalised: upper case where Samsung folds or compares it, `Latest` spelled as documented
    const sent = readXml(server.requests[0]?.body ?? '');
    if (!sent.ok) throw new Error('request body is not XML');
    const names = sent.root.children.map((c) => c.name);
    expect(names).toEqual(['mdmId', 'customerId', 'license', 'deviceModelName', 'salesCode', 'targetFirmwareVersion', 'networkType', 'deviceList']);
    const text = Object.fromEntries(sent.root.children.map((c) => [c.name, c.text]));
    expect(text).toMatchObject({ deviceModelName: 'GT-S8500A', salesCode: 'QA4', targetFirmwareVersion: 'Latest' });
    expect(sent.root.children.at(-1)?.children.map((c) => c.text)).toEqual(['C08900518981610', 'C78987898789878']);
  });

  it('reads forceUpdateId in another case spelling as a fallback', async () => {
    const { client } = await clientAnswering(200, '<B2bForceUpdateVO><forceUpdateID>48920200409-JEA35721223</forceUpdateID></B2bForceUpdateVO>');
    expect(await client.forceUpdate({ model: 'SM-T830', salesCode: 'XAR', targetFirmwareVersion: 'Latest', serials: ['R52M10ABCDE'] })).toEqual({
      forceUpdateId: '48920200409-JEA35721223',
    });
  });

  it.each([
    ['error-v2-seed.xml', 'FUD_1001', 400],
    ['error-err-sample.xml', 'FUD_3018', 400],
    ['error-v1-sample.xml', 'FUD_1001', 400],
    ['error-err-sample.xml', 'FUD_3018', 403],
  ])('maps %s to its catalogue entry (%s on HTTP %i)', async (file, code, status) => {
    const { client } = await clientAnswering(status, fixture(file));
    const error = await failure(client.licenseInfo());
    expect(error).toBeInstanceOf(FudError);
    const fud = error as FudError;
    expect(fud).toMatchObject({ code, httpStatus: status, operation: 'licenseInfo', local: false });
    expect(fud.fudCause.length).toBeGreaterThan(20);
    expect(fud.remedy.length).toBeGreaterThan(20);
    expect(fud.message).toContain(fud.remedy);
  });

  it('maps a FUD body on a 500 and on a 200 as well (the code is what counts)', async () => {
    const on500 = await clientAnswering(500, '<error><code>FUD_9001</code><message/><resource>x</resource></error>');
    expect(await failure(on500.client.licenseInfo())).toMatchObject({ type: 'fud', code: 'FUD_9001', httpStatus: 500, category: 'service' });
    const on200 = await clientAnswering(200, '<error><code>FUD_3012</code></error>');
    expect(await failure(on200.client.licenseInfo())).toMatchObject({ type: 'fud', code: 'FUD_3012', httpStatus: 200 });
  });

  it('explains a FUD code that is not in the catalogue rather than failing', async () => {
    const { client } = await clientAnswering(400, '<error><code>FUD_1024</code><message>bad id</message></error>');
    const error = (await failure(client.forceUpdateSummary('10720230614-JEA00042117'))) as FudError;
    expect(error).toMatchObject({ code: 'FUD_1024', serverMessage: 'bad id' });
    expect(error.remedy).not.toBe('');
  });

  it('reads the legacy firmware sample: utf8 prolog, trailing newlines trimmed, multi-line description kept', async () => {
    const { client } = await clientAnswering(200, fixture('firmware-list-legacy.xml'));
    const list = await client.firmwareList({ model: 'SM-G930F', salesCode: 'BTU', currentFirmwareVersion: 'G930FXXU1DQB3/G930FOXA1DQB1/G930FXXU1DQB1' });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      firmwareId: 'FW-20120308-37052',
      targetFirmwareVersion: 'G930FXXU1DQC2/G930FOXA1DQC1/G930FXXU1DQC2',
      description: 'FOTA-FUS UPDATE\nSecurity patch level March 2017',
      openedDate: '2017-03-08 11:22:53.0',
      samsungSecurityPatchDate: null,
    });
  });

  it('keeps None as a value when no current version was asked', async () => {
    const { client, server } = await clientAnswering(200, fixture('firmware-list-no-current.xml'));
    const list = await client.firmwareList({ model: 'SM-T830', salesCode: 'XAR' });
    expect(list.items[0]).toMatchObject({ firmwareId: 'None', currentFirmwareVersion: 'None', firmwareType: 'None', targetFirmwareVersion: 'T830XXU4BTB2.DM/T830OXM4BTB2/' });
    // an unknown current version is left out, not sent empty
    expect(server.requests[0]?.body).not.toMatch(/currentFirmwareVersion|languageCode/);
  });

  it('reads an empty firmware list', async () => {
    const { client } = await clientAnswering(200, '<B2bFirmwareInfoListVO><firmwareVersionList/></B2bFirmwareInfoListVO>');
    expect(await client.firmwareList({ model: 'SM-T830', salesCode: 'XAR' })).toEqual({ items: [] });
  });

  it('reads abnormal categories, keeping a title nobody has seen', async () => {
    const { client } = await clientAnswering(200, fixture('abnormal-sample.xml'));
    const result = await client.abnormalDeviceList(['R58N31ABCDE', 'R58N31ABCDF', 'R58N31ABCDG', 'R58N31ABCDH']);
    expect(result.categories).toEqual([
      { title: 'Blocked, Insufficient License', serials: ['R58N31ABCDE', 'R58N31ABCDF'] },
      { title: 'Not Enrolled', serials: ['R58N31ABCDG'] },
      { title: 'Some Future Category', serials: ['R58N31ABCDH'] },
    ]);
  });

  it('reads the tutorial root B2bDeviceUpdateStatusVO for abnormal devices too', async () => {
    const { client } = await clientAnswering(200, '<B2bDeviceUpdateStatusVO><abnormalCategoryList/></B2bDeviceUpdateStatusVO>');
    expect(await client.abnormalDeviceList(['R58N31ABCDE'])).toEqual({ categories: [] });
  });

  it('reads the summary counts', async () => {
    const { client } = await clientAnswering(200, fixture('summary-sample.xml'));
    expect(await client.forceUpdateSummary('10720230614-JEA00042117')).toMatchObject({
      targetFirmwareVersion: 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1',
      processingCount: 1,
      successCount: 1,
      failedCount: 0,
    });
  });

  it('reads a detail answer by shape and generically, and keeps the raw XML', async () => {
    const raw = fixture('detail-guess.xml');
    const { client } = await clientAnswering(200, raw);
    const detail = await client.forceUpdateDetail('10720230614-JEA00042117');
    expect(detail.understood).toBe(true);
    expect(detail.devices.map((d) => [d.serial, d.state, d.reason])).toEqual([
      ['R58N31ABCDE', 'processing', null],
      ['R58N31ABCDF', 'failed', 'Download failed: insufficient storage'],
      ['R58N31ABCDG', 'failed', 'Network timeout'],
    ]);
    const { devices: _devices, understood: _understood, note: _note, ...generic } = detail;
    expect(generic).toEqual({
      root: 'B2bForceUpdateDetailVO',
      scalars: { forceUpdateId: '10720230614-JEA00042117' },
      lists: {
        processingDeviceList: [{ serialNumber: 'R58N31ABCDE' }],
        failedDeviceList: [
          { serialNumber: 'R58N31ABCDF', failReason: 'Download failed: insufficient storage' },
          { serialNumber: 'R58N31ABCDG', failReason: 'Network timeout' },
        ],
      },
      raw,
    });
  });

  it('accepts an empty 200 where no body is promised, and any XML there too', async () => {
    const empty = await clientAnswering(200, '');
    await expect(empty.client.groupRegister('warehouse scanners')).resolves.toBeUndefined();
    expect(empty.server.requests[0]?.body).toContain('<groupId>WAREHOUSE SCANNERS</groupId>');
    const echo = await clientAnswering(200, '<B2bGroupLicenseChangeVO><groupId>X</groupId></B2bGroupLicenseChangeVO>');
    await expect(echo.client.groupLicenseChange('X', 'EFOTA1-z9y8x7-w6v5u4-t3s2')).resolves.toBeUndefined();
  });
});

describe('XML reading rules', () => {
  it('accepts any prolog, a BOM, comments, CDATA and namespace prefixes', () => {
    const read = readXml('\uFEFF<?xml version="1.0" encoding="utf8"?><!-- c --><ns2:B2bX xmlns:ns2="urn:x"><a><![CDATA[x<y]]></a><b>a &amp; b &#169;</b></ns2:B2bX>');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.root.name).toBe('B2bX');
    expect(read.root.children.map((c) => [c.name, c.text])).toEqual([
      ['a', 'x<y'],
      ['b', 'a & b ©'],
    ]);
  });

  it('keeps leading zeros and digit strings exactly', () => {
    const read = readXml('<r><serialNumber>01234567</serialNumber><n>1e3</n></r>');
    expect(read.ok && read.root.children.map((c) => c.text)).toEqual(['01234567', '1e3']);
  });

  it('refuses two roots, plain text, entity declarations and deep nesting', () => {
    expect(readXml('<a/><b/>')).toMatchObject({ ok: false, problem: 'not-xml' });
    expect(readXml('hello')).toMatchObject({ ok: false, problem: 'not-xml' });
    expect(readXml('<!ENTITY x "y"><a/>')).toMatchObject({ ok: false, problem: 'doctype' });
    expect(readXml(`${'<a>'.repeat(500)}${'</a>'.repeat(500)}`)).toMatchObject({ ok: false, problem: 'not-xml' });
  });

  it('builds requests with escaped text and repeated list items', () => {
    const xml = buildXml('B2bForceUpdateVO', [
      ['customerId', 'a<b&c'],
      ['deviceList', { item: 'serialNumber', values: ['A1', 'B2'] }],
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><B2bForceUpdateVO><customerId>a&lt;b&amp;c</customerId><deviceList><serialNumber>A1</serialNumber><serialNumber>B2</serialNumber></deviceList></B2bForceUpdateVO>',
    );
  });

  it('reads other detail shapes generically: records without a wrapper, nested records, repeated leaves', () => {
    const raw =
      '<D><total>3</total><device><serial>A</serial><state>failed</state><reason><code>E1</code><text>no space</text></reason></device>' +
      '<device><serial>B</serial><state>processing</state></device><serialNumber>C</serialNumber><serialNumber>D</serialNumber>' +
      '<summary><ok>1</ok><ko>2</ko></summary><failedDeviceList/><message/></D>';
    const read = readXml(raw);
    if (!read.ok) throw new Error(read.detail);
    expect(readGeneric(read.root, raw)).toEqual({
      root: 'D',
      scalars: { total: '3', message: '' },
      lists: {
        device: [
          { serial: 'A', state: 'failed', 'reason.code': 'E1', 'reason.text': 'no space' },
          { serial: 'B', state: 'processing' },
        ],
        serialNumber: [{ serialNumber: 'C' }, { serialNumber: 'D' }],
        summary: [{ ok: '1', ko: '2' }],
        failedDeviceList: [],
      },
      raw,
    });
  });
});
