// The app icons and the `.fotabatch` document icons (scripts/make-icons.mjs) are real PNG, ICO and
// ICNS files of the sizes the platforms use; electron-builder.yml points at them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (b: Buffer): [number, number] => [b.readUInt32BE(16), b.readUInt32BE(20)];

describe('app icons', () => {
  it('build/icon.png is a 1024 px PNG', () => {
    const png = readFileSync('build/icon.png');
    expect(png.subarray(0, 8).equals(PNG)).toBe(true);
    expect(pngSize(png)).toEqual([1024, 1024]);
  });

  it.each(['build/icon.ico', 'build/fotabatch.ico'])('%s holds PNG images from 16 to 256 px', (file) => {
    const ico = readFileSync(file);
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + 16 * i;
      const image = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(image.subarray(0, 8).equals(PNG)).toBe(true);
      sizes.push(pngSize(image)[0]);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it.each(['build/icon.icns', 'build/fotabatch.icns'])('%s holds the 1024 px (ic10) and 16 px (icp4) images', (file) => {
    const icns = readFileSync(file);
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types = new Map<string, Buffer>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.set(icns.toString('ascii', at, at + 4), icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
    expect(pngSize(types.get('ic10')!)).toEqual([1024, 1024]);
    expect(pngSize(types.get('icp4')!)).toEqual([16, 16]);
  });

  it('the batch file has its own picture, not the app icon', () => {
    expect(readFileSync('build/fotabatch.ico').equals(readFileSync('build/icon.ico'))).toBe(false);
    expect(readFileSync('build/fotabatch.icns').equals(readFileSync('build/icon.icns'))).toBe(false);
  });
});
