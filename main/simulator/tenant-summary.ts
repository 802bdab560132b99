// What `fota simulator` and practice mode print about the tenant: the identities to connect with and a
// handful of enrolled devices. Read from the tenant state only; nothing here changes it.
import type { SeedData } from './seed.ts';
import type { TenantState } from './state.ts';

/** The identities `fota simulator` prints. */
export interface TenantSummary {
  mdmId: string;
  customerId: string;
  license: string;
  licenseType: 'SA' | 'EE';
  /** a registered group (or, in a tenant without groups, one to register) */
  groupId: string;
  groupRegistered: boolean;
  clientId: string;
  clientSecret: string;
  /** a handful of enrolled devices */
  devices: Array<{ serialNumber: string; model: string; salesCode: string; groupId: string; firmware: string }>;
}

/** The identities to print: the seed's `tenant`, else the first licence with a registered group. */
export function tenantSummary(state: TenantState, seedTenant: SeedData['tenant'], client: { clientId: string; clientSecret: string }): TenantSummary {
  const chosen = seedTenant ?? defaultTenant(state);
  const license = chosen ? state.license(chosen.license) : undefined;
  const groupId = chosen?.groupId.toUpperCase() ?? '';
  const registered = chosen ? state.group(chosen.mdmId, chosen.customerId, groupId) !== undefined : false;
  const devices = license
    ? state.devices()
        .filter((d) => d.state === 'enrolled' && state.deviceLicense(d) === license.license)
        .sort((a, b) => (a.corp?.groupId === groupId ? 0 : 1) - (b.corp?.groupId === groupId ? 0 : 1))
        .slice(0, 6)
        .map((d) => ({ serialNumber: d.serialNumber, model: d.model, salesCode: d.salesCode, groupId: d.corp?.groupId ?? '', firmware: state.currentFirmware(d.serialNumber) ?? d.firmware }))
    : [];
  return {
    mdmId: chosen?.mdmId ?? '',
    customerId: chosen?.customerId ?? '',
    license: chosen?.license ?? '',
    licenseType: license?.type ?? 'SA',
    groupId,
    groupRegistered: registered,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    devices,
  };
}

/** Without a seed tenant: the first registered group's, else the first licence's with a made-up group. */
function defaultTenant(state: TenantState): SeedData['tenant'] {
  const withGroup = state.groups()[0];
  if (withGroup) return { mdmId: withGroup.mdmId, customerId: withGroup.customerId, license: withGroup.license, groupId: withGroup.groupId };
  const first = state.licenses()[0];
  return first ? { mdmId: first.mdmId, customerId: first.customerId, license: first.license, groupId: 'EMMGID12312323' } : undefined;
}
