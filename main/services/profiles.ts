// Profiles for the window: list, save (with the client secret going to the keychain only), delete,
// activate, and the connection test. Every change is announced to all windows.
import type { Clock } from '../../common/clock.ts';
import type { LicenseView, ProfileInput, ProfilesView, ProfileView } from '../../common/contract.ts';
import { KeychainUnavailableError } from '../auth/keychain-unavailable.ts';
import { MemorySecretStore } from '../auth/memory-secret-store.ts';
import { connectStoredProfile, type ConnectOptions } from '../auth/profile-connection.ts';
import { dropSecretOnRetarget, sameSecretTarget, SECRET_STAYS_WITH_ITS_SERVER } from '../auth/secret-binding.ts';
import { deleteProfileSecrets, type SecretStore } from '../auth/secret-store.ts';
import { createEfotaClient } from '../efota/client.ts';
import type { EventSink } from './events.ts';
import { withFailureLog } from '../efota/failure-log.ts';
import { buildProfile, PRACTICE_PROFILE_ID, ProfileInputError, type ProfileInput as StoreProfileInput, type ProfileRecord } from '../store/profile-schema.ts';
import { addProfile, dismissNotices, editProfile, ProfileNotFoundError, removeProfile, useProfile } from '../store/profiles.ts';
import type { Connections } from './connections.ts';
import { licenseInfoView, licenseView, type LicenseService } from './license.ts';
import { targetOf, type ProfileDirectory } from './profile-directory.ts';
import { ServiceError } from './service-error.ts';

/** Notices about other documents moved aside, as sentences, and how to clear them. */
export interface NoticeSource {
  list(): readonly string[];
  clear(): void;
}

function storeInput(p: ProfileInput): StoreProfileInput {
  return { name: p.name, baseUrl: p.baseUrl, mdmId: p.mdmId, customerId: p.customerId, license: p.license, clientId: p.clientId, caPem: p.extraCaPem ?? '' };
}

// The store's own errors become contract errors with their full explanation.
async function storeCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProfileInputError) throw new ServiceError(error.message.includes('practice profile') ? 'NOT_ALLOWED' : 'INVALID_INPUT', sentenceList(error.problems));
    if (error instanceof ProfileNotFoundError) throw new ServiceError('NOT_FOUND', error.message);
    throw error;
  }
}

function sentenceList(problems: readonly string[]): string {
  return problems.map((p) => `${p.charAt(0).toUpperCase()}${p.slice(1)}${/[.!?]$/.test(p) ? '' : '.'}`).join(' ');
}

/** Profile management for the window. */
export class ProfilesService {
  constructor(
    private readonly directory: ProfileDirectory,
    private readonly secrets: SecretStore,
    private readonly connections: Connections,
    private readonly license: LicenseService,
    private readonly events: EventSink,
    private readonly clock: Clock,
    private readonly notices: NoticeSource,
    /** how connections are made (proxy variables, the app's transport) */
    private readonly connectOptions: ConnectOptions,
  ) {}

  /** Every profile (practice first) and the active one. */
  async list(): Promise<ProfilesView> {
    const settings = await this.directory.load();
    let keychainProblem: string | null = null;
    const stored: ProfileView[] = [];
    for (const p of settings.profiles) {
      let secretStored: boolean | null = null;
      if (keychainProblem === null) {
        try {
          secretStored = (await this.secrets.get(p.id, 'clientSecret')) !== null;
        } catch (error) {
          if (!(error instanceof KeychainUnavailableError)) throw error;
          keychainProblem = error.message;
        }
      }
      const t = targetOf(p);
      stored.push({ id: t.id, name: t.name, practice: false, baseUrl: t.baseUrl, mdmId: t.mdmId, customerId: t.customerId, license: t.license, clientId: t.clientId ?? '', extraCaPem: t.caPem, secretStored });
    }
    const practice = this.directory.practiceTarget();
    const practiceView: ProfileView = {
      id: practice.id,
      name: practice.name,
      practice: true,
      baseUrl: practice.baseUrl,
      mdmId: practice.mdmId,
      customerId: practice.customerId,
      license: practice.license,
      clientId: practice.clientId ?? '',
      extraCaPem: null,
      secretStored: true,
    };
    const notices = [
      ...settings.notices.map((n) => `The settings file could not be read (${n.problem}); it was moved to ${n.movedTo} and defaults were loaded. Re-create your profiles or restore that file.`),
      ...this.notices.list(),
    ];
    const activeId = settings.profiles.some((p) => p.id === settings.activeProfileId) ? settings.activeProfileId : PRACTICE_PROFILE_ID;
    return { activeId, profiles: [practiceView, ...stored], notices, keychainProblem };
  }

  /** Creates or edits a profile; a given secret replaces the stored one. */
  async save(id: string | null, input: ProfileInput, secret: string | null, activate: boolean): Promise<ProfilesView> {
    const now = this.clock.now();
    let savedId: string;
    if (id === null) {
      savedId = (await storeCall(() => addProfile(this.directory.settings, storeInput(input), { use: activate, now }))).profile.id;
    } else {
      if (id === PRACTICE_PROFILE_ID) throw new ServiceError('NOT_ALLOWED', 'The practice profile is built in and cannot be changed.');
      const { existing, record } = await this.draft(id, input);
      // A new base URL or client ID: the old secret must never reach the new server, so it goes first.
      if (existing) await this.keychainCall(() => dropSecretOnRetarget(this.secrets, existing, record), 'The profile was not changed: its stored client secret could not be removed from the keychain first.');
      savedId = (await storeCall(() => editProfile(this.directory.settings, id, storeInput(input), now))).id;
      if (activate) await storeCall(() => useProfile(this.directory.settings, savedId));
    }
    if (secret !== null) await this.storeSecret(savedId, secret, id === null);
    await this.connections.invalidate(savedId);
    return this.changed();
  }

  /** Deletes a profile and its keychain entries; its history stays in the data folder. */
  async remove(id: string): Promise<ProfilesView> {
    if (id === PRACTICE_PROFILE_ID) throw new ServiceError('NOT_ALLOWED', 'The practice profile is built in and cannot be deleted.');
    const removed = await storeCall(() => removeProfile(this.directory.settings, id));
    await this.connections.invalidate(removed.profile.id);
    try {
      await deleteProfileSecrets(this.secrets, removed.profile.id);
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      throw new ServiceError('KEYCHAIN_UNAVAILABLE', `The profile was deleted, but its client secret could not be removed from the keychain: ${error.message} Remove the entry “FOTA Desk / ${removed.profile.id}:clientSecret” by hand.`);
    }
    return this.changed();
  }

  /** Makes a profile the active one. */
  async activate(id: string): Promise<ProfilesView> {
    await storeCall(() => useProfile(this.directory.settings, id));
    return this.changed();
  }

  /** Clears the notices once the admin has read them. */
  async dismissNotices(): Promise<ProfilesView> {
    await dismissNotices(this.directory.settings);
    this.notices.clear();
    return this.changed();
  }

  /** Replaces the client secret of a saved profile. */
  async setSecret(id: string, secret: string): Promise<ProfilesView> {
    if (id === PRACTICE_PROFILE_ID) throw new ServiceError('NOT_ALLOWED', 'The practice profile needs no client secret.');
    const target = await this.directory.byId(id);
    await this.storeSecret(target.id, secret, false);
    await this.connections.invalidate(target.id);
    return this.changed();
  }

  /** Fetches a token and the licence of a saved profile. */
  async test(id: string): Promise<LicenseView> {
    const target = await this.directory.byId(id);
    const view = await this.license.fetch(target);
    if ((await this.directory.active()).id === target.id) this.events.emit('license:changed', view);
    return view;
  }

  /**
   * Tests a profile being edited, with the typed secret or (when null) the one stored for `id` —
   * the stored one only while the draft keeps the saved base URL and client ID.
   */
  async testDraft(id: string | null, input: ProfileInput, secret: string | null): Promise<LicenseView> {
    const { existing, record } = await this.draft(id, input);
    if (secret === null && existing && !sameSecretTarget(existing, record)) throw new ServiceError('NO_CREDENTIALS', SECRET_STAYS_WITH_ITS_SERVER);
    const clientSecret = secret ?? (existing ? await this.secrets.get(existing.id, 'clientSecret') : null);
    if (clientSecret === null) throw new ServiceError('NO_CREDENTIALS', 'Enter the client secret to test the connection.');
    // The draft's secret lives in a throw-away store for this one test; it is never written anywhere.
    const scratch = new MemorySecretStore();
    await scratch.set(record.id, 'clientSecret', clientSecret);
    const connection = await connectStoredProfile(record, scratch, this.connectOptions);
    try {
      const client = withFailureLog(createEfotaClient({ baseUrl: connection.baseUrl, identity: connection.identity, tokens: connection.tokens, fetch: connection.fetch }), this.connectOptions.log, { profile: `${record.name} (draft)` });
      const info = await client.licenseInfo();
      const at = this.clock.now();
      return licenseView(targetOf(record), licenseInfoView(info), new Date(at).toISOString(), null, at);
    } finally {
      await connection.close();
    }
  }

  // The saved record of `id` (if any) and the record the input would make of it, checked.
  private async draft(id: string | null, input: ProfileInput): Promise<{ existing: ProfileRecord | undefined; record: ProfileRecord }> {
    const settings = await this.directory.load();
    const existing = id === null ? undefined : settings.profiles.find((p) => p.id === id);
    const record = await storeCall(async () =>
      buildProfile(storeInput(input), {
        otherNames: settings.profiles.filter((p) => p.id !== id).map((p) => p.name),
        now: this.clock.now(),
        ...(existing ? { existing } : {}),
      }),
    );
    return { existing, record };
  }

  private async keychainCall<T>(run: () => Promise<T>, context: string): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      throw new ServiceError('KEYCHAIN_UNAVAILABLE', `${context} ${error.message}`);
    }
  }

  private async storeSecret(profileId: string, secret: string, justCreated: boolean): Promise<void> {
    try {
      await this.secrets.set(profileId, 'clientSecret', secret.trim());
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      const saved = justCreated ? 'The profile was saved, but its client secret was NOT stored. ' : '';
      this.events.emit('profiles:changed', await this.list());
      throw new ServiceError('KEYCHAIN_UNAVAILABLE', `${saved}${error.message}`);
    }
  }

  private async changed(): Promise<ProfilesView> {
    const view = await this.list();
    this.events.emit('profiles:changed', view);
    return view;
  }
}
