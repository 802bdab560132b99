// groupRegister, v1 serviceregister and groupLicenseChange (docs/efota-api.md §2.1, §2.2, §2.10).
import { FudError, type FudCode } from '../errors.ts';
import { requireIssued, requireLicense, value, type Handler } from '../business.ts';
import { xmlDocument } from '../xml.ts';

/** groupRegister (and its v1 alias serviceregister): ties a group ID to a licence. */
export const groupRegister: Handler = (request, ctx) => {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const groupId = value(request, 'groupId');
  const key = value(request, 'license');
  requireIssued(ctx, mdmId, customerId);
  requireLicense(ctx, key, mdmId, customerId);
  const existing = ctx.state.group(mdmId, customerId, groupId);
  if (existing && existing.license !== key) throw new FudError('FUD_3019', `${groupId} is registered with another licence`);
  if (existing && ctx.switches.groupRegisterAgain === 'FUD_3019') throw new FudError('FUD_3019', `${groupId} is already registered`);
  return {
    commit: () => {
      if (!existing) ctx.state.registerGroup(mdmId, customerId, groupId, key);
      return { body: null, details: { mdmId: mdmId.toUpperCase(), customerId, groupId: groupId.toUpperCase(), license: key, serials: [] } };
    },
  };
};

const NEW_LICENSE_CODES: Record<'expired' | 'cancelled' | 'terminated' | 'not-active', FudCode> = {
  expired: 'FUD_3032',
  cancelled: 'FUD_3034',
  terminated: 'FUD_3035',
  'not-active': 'FUD_3036',
};

/** groupLicenseChange: moves a registered group (and its devices' seats) to another licence. */
export const groupLicenseChange: Handler = (request, ctx) => {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const groupId = value(request, 'groupId');
  const key = value(request, 'license');
  const newKey = value(request, 'newLicense');
  requireIssued(ctx, mdmId, customerId);
  const group = ctx.state.group(mdmId, customerId, groupId);
  if (!group) throw new FudError('FUD_3011', `${mdmId}/${customerId}/${groupId} is not registered`);
  const current = requireLicense(ctx, key, mdmId, customerId);
  if (group.license !== key) throw new FudError('FUD_3033', `${groupId} is not registered with licence ${key}`);
  if (newKey !== key) {
    const next = ctx.state.license(newKey);
    if (!next || next.mdmId !== mdmId.toUpperCase() || next.customerId !== customerId) throw new FudError('FUD_3036', `new licence ${newKey} is not one of this MDM/customer`);
    const condition = ctx.state.condition(next);
    if (condition !== 'active') throw new FudError(NEW_LICENSE_CODES[condition], `new licence ${newKey} is ${condition}`);
    if (next.type !== current.type) throw new FudError('FUD_3039', `new licence is ${next.type}, the current one ${current.type}`);
    const inGroup = ctx.state.devices().filter((d) => d.state === 'enrolled' && d.corp && ctx.state.group(d.corp.mdmId, d.corp.customerId, d.corp.groupId) === group).length;
    const free = ctx.state.freeSeats(newKey);
    if (free !== null && free < inGroup) throw new FudError('FUD_3037', `new licence has ${free} free seats, the group uses ${inGroup}`);
  }
  return {
    commit: () => {
      ctx.state.registerGroup(mdmId, customerId, groupId, newKey);
      const body = ctx.switches.groupLicenseChangeBody === 'xml' ? xmlDocument('B2bGroupLicenseChangeVO', [['groupId', groupId.toUpperCase()], ['license', newKey]]) : null;
      return { body, details: { mdmId: mdmId.toUpperCase(), customerId, groupId: groupId.toUpperCase(), license: key, newLicense: newKey, serials: [] } };
    },
  };
};
