// The profile channels: the tenants the admin keeps, their secrets (write-only), the licence and the
// connection state of the active one, and the network-path test.
import * as v from 'valibot';
import { checkBaseUrl } from '../efota/base-url.ts';
import { batchId, element } from './batch-requests.ts';
import { channel, none, obj, reply, text, flag, type Checked } from './schema.ts';
import type { ProxySelfTestResult } from './shell-views.ts';
import type { ConnectionStatus, LicenseView, PracticeClockView, ProfilesView } from './views.ts';

/** A change to the practice clock; null leaves that part alone (both null: just read it). */
const practiceClockChange = obj({
  /** how many times faster practice devices download: 1, 60 or 600 */
  speed: v.nullable(v.picklist([1, 60, 600] as const, '{field} must be 1, 60 or 600.')),
  /** a practice batch whose devices all reach their final state now */
  finishNow: v.nullable(batchId),
});

/** A profile id. */
const profileId = text({ min: 1, max: 200 });
// Real client secrets are 36 characters; the bound only keeps nonsense out.
const secret = text({ min: 1, max: 1_000 });

/** An E-FOTA base URL: https (http only for loopback), returned without a trailing slash. */
const baseUrl = v.pipe(
  text({ min: 1, max: 2_000 }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const checked = checkBaseUrl(dataset.value);
    if (checked.ok) return checked.url;
    addIssue({ message: checked.message });
    return NEVER;
  }),
);

/** What the admin types to create or edit a profile. */
const profileInput = obj({
  name: text({ min: 1, max: 80 }),
  baseUrl,
  mdmId: element('mdmId'),
  customerId: element('customerId'),
  license: element('license'),
  clientId: text({ min: 1, max: 200 }),
  /** PEM of an extra CA trusted for this profile only (added to the system roots), or null */
  extraCaPem: v.nullable(text({ max: 256 * 1024, singleLine: false })),
});
/** What the admin types to create or edit a profile. */
export type ProfileInput = Checked<typeof profileInput>;

/** The profile channels. */
export const profileChannels = {
  /** all profiles and the active one */
  'profiles:list': channel(none, reply<ProfilesView>()),
  /** creates (`id: null`) or edits a profile; `secret` (when given) replaces the stored client secret */
  'profiles:save': channel(obj({ id: v.nullable(profileId), profile: profileInput, secret: v.nullable(secret), activate: flag }), reply<ProfilesView>()),
  /** deletes a profile and its keychain entries (its history is kept) */
  'profiles:delete': channel(obj({ id: profileId }), reply<ProfilesView>()),
  /** makes a profile the active one */
  'profiles:activate': channel(obj({ id: profileId }), reply<ProfilesView>()),
  /** replaces the client secret of a saved profile; it can never be read back */
  'profiles:setSecret': channel(obj({ id: profileId, secret }), reply<ProfilesView>()),
  /** clears the notices about files that were moved aside (the admin has read them) */
  'profiles:dismissNotices': channel(none, reply<ProfilesView>()),
  /** fetches a token and the licence for a saved profile */
  'profiles:test': channel(obj({ id: profileId }), reply<LicenseView>()),
  /** the same for a profile being edited; `secret: null` uses the stored secret of `id` */
  'profiles:testDraft': channel(obj({ id: v.nullable(profileId), profile: profileInput, secret: v.nullable(secret) }), reply<LicenseView>()),

  /** restores the practice tenant to the demo seed */
  'practice:reset': channel(none, reply<LicenseView>()),
  /** the practice clock: read it, set its speed, or finish a practice batch now (practice tenant only) */
  'practice:clock': channel(practiceClockChange, reply<PracticeClockView>()),
  /** whether E-FOTA calls of the active profile work */
  'status:get': channel(none, reply<ConnectionStatus>()),
  /** the active profile's licence: last known (`refresh: false`) or fetched now */
  'license:get': channel(obj({ refresh: flag }), reply<LicenseView>()),
  /** tests the network path of a profile (proxy, PAC, 407) */
  'network:selfTest': channel(obj({ id: profileId }), reply<ProxySelfTestResult>()),
} as const;
