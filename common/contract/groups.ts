// The group channels: the groups a profile registered or the admin entered, and the enrolment check
// of serials (both ask Samsung about the active licence).
import { element, serial } from './batch-requests.ts';
import { channel, list, none, obj, reply, text } from './schema.ts';
import * as v from 'valibot';
import type { EnrolmentCheckView, GroupsView } from './views.ts';

/** Most serials one enrolment check takes (100 calls of 100). */
export const MAX_ENROLMENT_SERIALS = 10_000;

const groupId = element('groupId');
const note = text({ max: 500 });

/** The group and enrolment channels. */
export const groupChannels = {
  /** the groups this profile registered or the admin entered */
  'groups:list': channel(none, reply<GroupsView>()),
  /** registers a group on the active licence (groupRegister) and keeps it */
  'groups:register': channel(obj({ groupId, note }), reply<GroupsView>()),
  /** keeps a group registered elsewhere (no call to Samsung) */
  'groups:add': channel(obj({ groupId, license: v.nullable(element('license')), note }), reply<GroupsView>()),
  /** forgets a group locally (Samsung has no call to unregister one) */
  'groups:forget': channel(obj({ groupId }), reply<GroupsView>()),
  /** moves a group to another licence (groupLicenseChange) */
  'groups:changeLicense': channel(obj({ groupId, newLicense: element('newLicense') }), reply<GroupsView>()),

  /** asks Samsung which of these serials cannot be updated (abnormalDeviceList), explained */
  'devices:checkEnrolment': channel(obj({ serials: list(serial, MAX_ENROLMENT_SERIALS) }), reply<EnrolmentCheckView>()),
} as const;
