// The network-path test outside Electron names the route Node takes: the proxy from HTTPS_PROXY
// unless NO_PROXY lists the host, as undici applies them.
import { describe, expect, it } from 'vitest';
import { bypassesProxy, nodeRoute } from '../../../main/services/network-self-test.ts';

describe('Node’s route to E-FOTA', () => {
  const url = 'https://eu-api.samsungknox.com/b2bfota/v2/licenseInfo';

  it('is direct without proxy variables', () => {
    expect(nodeRoute(url, {})).toBe('DIRECT');
  });

  it('names the proxy of HTTPS_PROXY (either case), or of HTTP_PROXY', () => {
    expect(nodeRoute(url, { HTTPS_PROXY: 'http://proxy.corp.example:8080' })).toBe('PROXY proxy.corp.example:8080');
    expect(nodeRoute(url, { https_proxy: 'http://user@proxy.corp.example:3128' })).toBe('PROXY proxy.corp.example:3128');
    expect(nodeRoute(url, { HTTP_PROXY: 'http://p.example:80' })).toBe('PROXY p.example');
  });

  it('goes direct for hosts NO_PROXY lists (exact, suffix, *)', () => {
    expect(bypassesProxy('eu-api.samsungknox.com', 'localhost,.samsungknox.com')).toBe(true);
    expect(bypassesProxy('eu-api.samsungknox.com', 'samsungknox.com')).toBe(true);
    expect(bypassesProxy('eu-api.samsungknox.com', '*')).toBe(true);
    expect(bypassesProxy('eu-api.samsungknox.com', 'knox.com, example.org')).toBe(false);
    expect(bypassesProxy('eu-api.samsungknox.com', null)).toBe(false);
    expect(nodeRoute(url, { HTTPS_PROXY: 'http://proxy:8080', NO_PROXY: '.samsungknox.com' })).toBe('DIRECT');
  });
});
