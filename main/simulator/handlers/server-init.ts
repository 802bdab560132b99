// v1 serverInit: a scheduled update of a whole group inside a date and hour window (docs/efota-api.md §2.9).
import { daysBetween, parseCompactDay } from '../dates.ts';
import { FudError } from '../errors.ts';
import { networkType, requireCatalogue, requireIssued, requireLicense, resolveTarget, samePair, value, type Handler } from '../business.ts';

const HOUR_MS = 3_600_000;

/** serverInit: checks the group, licence, model, target and window, then records the schedule. */
export const serverInit: Handler = (request, ctx) => {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const groupId = value(request, 'groupId');
  const key = value(request, 'license');
  const model = value(request, 'deviceModelName');
  // carrierCode, or SI-SEAP's customerCode when the switch allows it (the rule table read either).
  const carrierCode = value(request, 'carrierCode');
  const target = value(request, 'targetFirmwareVersion');
  const [startDate, endDate, startHour, endHour] = ['deliveryStartDate', 'deliveryEndDate', 'dailyStartHour', 'dailyEndHour'].map((e) => value(request, e)) as [string, string, string, string];
  const { state, switches } = ctx;
  const network = networkType(request, ctx);

  requireIssued(ctx, mdmId, customerId);
  const group = state.group(mdmId, customerId, groupId);
  if (!group) throw new FudError('FUD_3011', `${mdmId}/${customerId}/${groupId} is not registered`);
  requireLicense(ctx, key, mdmId, customerId);
  if (group.license !== key) throw new FudError('FUD_3016', `group ${groupId} is registered with another licence`);
  const members = state.devices().filter((d) => d.state === 'enrolled' && d.corp && state.group(d.corp.mdmId, d.corp.customerId, d.corp.groupId) === group);
  if (members.length === 0) throw new FudError('FUD_3013', `group ${groupId} has no enrolled device`);
  const versions = requireCatalogue(ctx, model, carrierCode);
  const targets = members.filter((d) => samePair(ctx, d, model, carrierCode));
  if (targets.length === 0) throw new FudError('FUD_3014', `group ${groupId} has no ${model}/${carrierCode}`);
  const resolved = resolveTarget(ctx, versions, target);
  let serials = targets.map((d) => d.serialNumber);
  if (request.hasDeviceList) {
    const outside = request.serials.filter((s) => !serials.includes(s));
    if (outside.length > 0) throw new FudError('FUD_3031', `${outside.join(', ')} are not ${model}/${carrierCode} devices of group ${groupId}`);
    serials = [...request.serials];
  }

  const start = parseCompactDay(startDate) ?? 0;
  const end = parseCompactDay(endDate) ?? 0;
  if (end < start) throw new FudError('FUD_3001', 'deliveryEndDate is before deliveryStartDate');
  const days = daysBetween(start, end);
  if (days < switches.serverInitMinDays || days > switches.serverInitMaxDays) {
    throw new FudError('FUD_3002', `the window is ${days} days; ${switches.serverInitMinDays}–${switches.serverInitMaxDays} are allowed`);
  }
  const span = (Number(endHour) - Number(startHour) + 24) % 24;
  if (span === 0) throw new FudError('FUD_3003', 'dailyEndHour equals dailyStartHour');
  if (span > switches.serverInitMaxHours) throw new FudError('FUD_3004', `the daily window is ${span} hours; at most ${switches.serverInitMaxHours}`);
  if (start + Number(startHour) * HOUR_MS < ctx.clock.now()) throw new FudError('FUD_3005', 'the delivery start is in the past (GMT)');

  return {
    commit: () => {
      const schedule = { deliveryStartDate: startDate, deliveryEndDate: endDate, dailyStartHour: startHour, dailyEndHour: endHour };
      state.addSchedule({
        createdAt: ctx.clock.now(), mdmId: mdmId.toUpperCase(), customerId, groupId: group.groupId, license: key, model, carrierCode,
        requestedTarget: target, target: resolved.version, ...schedule, networkType: network ?? null, serials,
      });
      return { body: null, details: { mdmId: mdmId.toUpperCase(), customerId, groupId: group.groupId, license: key, model, salesCode: carrierCode, target, resolvedTarget: resolved.version, ...(network ? { networkType: network } : {}), serials, schedule } };
    },
  };
};
