// The composition root: builds every service behind the contract for one data folder. Web mode and
// Electron main both use it; the app injects Chromium's per-profile fetch, the desktop integration
// (notifications) and the network-path test.
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock.ts';
import type { AppServices } from './app-services.ts';
import { openSecretStore } from '../auth/open-secret-store.ts';
import { connectStoredProfile, type ConnectOptions, type ProfileConnection, type ProfileTransportFactory } from '../auth/profile-connection.ts';
import { salesCodeMemory } from '../store/facts.ts';
import type { SecretStore } from '../auth/secret-store.ts';
import { EventBus } from './events.ts';
import { connectPractice } from '../practice/practice-connection.ts';
import { practiceIdentity, PRACTICE_PROFILE_ID } from '../practice/practice-profile.ts';
import { resetPracticeTenant } from '../practice/practice-tenant.ts';
import { demoSeed } from '../simulator/index.ts';
import { openSettings } from '../store/open-settings.ts';
import { onLockTakeover } from '../store/file-lock.ts';
import type { StoreEngineFactory } from '../store/key-value-store.ts';
import type { ProfileRecord } from '../store/profile-schema.ts';
import { Connections, type Connector } from './connections.ts';
import { EnrolmentService } from './enrolment.ts';
import { GroupsService, type GroupRecord } from './groups.ts';
import { ImportMappingsService } from './import-mappings.ts';
import { LicenseService } from './license.ts';
import { PreferencesService } from './preferences.ts';
import { ProfileDirectory, type PracticeIdentity } from './profile-directory.ts';
import { ProfilesService } from './profiles.ts';
import { TrackingService } from '../batches/track-service.ts';
import { currentActor } from './actor.ts';
import { appLog } from '../log/logger.ts';
import { noDesktop, type DesktopIntegration } from './desktop-integration.ts';
import { BatchStore } from '../store/batches/batch-store.ts';
import { BatchesService } from './batches.ts';
import { HistoryService } from './history.ts';
import { nodeNetworkSelfTest, type NetworkSelfTest } from './network-self-test.ts';
import { SendService } from './sending.ts';
import { PracticeTestControls } from './test-controls.ts';
import { PracticeClockService } from './practice-clock.ts';
import { ensurePrivateFolder, tightenDataFolder } from '../store/private-files.ts';

/** What the services are built from. */
export interface ComposeOptions {
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly transport: 'web' | 'electron';
  readonly version: string;
  readonly isPackaged: boolean;
  readonly clock?: Clock;
  /** default: the OS keychain (or the test-only memory store when the env asks and not packaged) */
  readonly secrets?: SecretStore;
  /** told about problems worth a log line (a practice state file moved aside…) */
  readonly log?: (message: string) => void;
  /** the fetch of a real profile (the app: Chromium's, per profile); default: undici */
  readonly profileTransport?: ProfileTransportFactory;
  /** notifications and other desktop integration (default: none, as in web mode) */
  readonly desktop?: DesktopIntegration;
  /** Settings › "Test the network path" (the app: Chromium's proxy resolution); default: Node's proxy variables */
  readonly networkSelfTest?: NetworkSelfTest;
  /** the settings engine (the app: electron-store; default: conf), on the same settings.json */
  readonly settingsEngine?: StoreEngineFactory;
  /** refresh tracked ids in the background while the services run (default true) */
  readonly backgroundRefresh?: boolean;
}

/** The label of the practice profile's base URL: its simulator picks a free port when it starts. */
export const PRACTICE_BASE_URL = 'https://127.0.0.1 (built-in simulator)';

/** Builds the services of one data folder. */
export function composeServices(options: ComposeOptions): AppServices {
  const clock = options.clock ?? systemClock;
  ensurePrivateFolder(options.dataDir);
  // Files an older version (or a copy) left readable by others are narrowed before anything is read.
  const tightened = tightenDataFolder(options.dataDir);
  if (tightened.refused.length > 0) options.log?.(`could not make ${tightened.refused.length} item(s) of the data folder private to this user (another owner?), e.g. ${tightened.refused[0] ?? ''}`);
  const events = new EventBus();
  const movedAside: string[] = [];
  const onMovedAside = (movedTo: string, problem: string): void => {
    movedAside.push(`A FOTA Desk file could not be read (${problem}); it was moved to ${movedTo} and started afresh.`);
  };
  const log = appLog(options.dataDir, options.env);
  // A lock left by a crash is taken over instead of wedging the window: logged, and shown in Settings.
  const stopLockNotices = onLockTakeover((takeover) => {
    if (path.relative(options.dataDir, takeover.lockPath).startsWith('..')) return;
    log.warn(takeover.message, { reason: takeover.reason });
    movedAside.push(takeover.message);
  });
  const settings = openSettings(options.dataDir, { clock }, options.settingsEngine);
  const secrets = options.secrets ?? openSecretStore({ env: options.env, isPackaged: options.isPackaged });

  const controls = new PracticeTestControls(options.env, options.isPackaged, clock);
  const connectOptions: ConnectOptions = { env: options.env, clock, log, ...(options.profileTransport ? { transport: options.profileTransport } : {}) };

  const identity = practiceIdentity();
  const practice = (): PracticeIdentity => ({ name: 'Practice (demo tenant)', baseUrl: PRACTICE_BASE_URL, ...identity });
  const directory = new ProfileDirectory(settings, practice);

  // Each connection remembers, in the shared settings, which sales-code element its serverInit reads.
  const remembering = (c: ProfileConnection): ProfileConnection => ({
    ...c,
    salesCodeMemory: salesCodeMemory(settings, c.profileId, () => clock.now(), (problem) => options.log?.(problem)),
  });
  const connect: Connector = (target) => {
    if (target.id === PRACTICE_PROFILE_ID) {
      return connectPractice(options.dataDir, { env: options.env, clock: controls.enabled ? controls.clock : clock, onNotice: (message) => options.log?.(`practice: ${message}`) }).then((c) => {
        controls.attach(c.tenant.simulator);
        return remembering(c);
      });
    }
    return directory.load().then(async (s) => {
      const record = s.profiles.find((p) => p.id === target.id) as ProfileRecord;
      return remembering(await connectStoredProfile(record, secrets, connectOptions));
    });
  };
  const connections = new Connections(connect, events, clock, log);

  // The practice tenant starts with the demo seed's groups, so its group list is not empty.
  const demoGroups = demoSeed().groups.filter((g) => g.mdmId.toUpperCase() === identity.mdmId.toUpperCase() && g.customerId === identity.customerId);
  const practiceGroups = (): readonly GroupRecord[] => {
    const now = new Date(clock.now()).toISOString();
    return demoGroups.map((g) => ({ groupId: g.groupId.toUpperCase(), license: g.license, source: 'entered', addedAt: now, registeredAt: null, licenceChangedAt: null, note: 'demo tenant' }));
  };

  const license = new LicenseService(directory, connections, events, clock);
  const notices = { list: () => movedAside, clear: () => void movedAside.splice(0) };
  const profiles = new ProfilesService(directory, secrets, connections, license, events, clock, notices, connectOptions);
  const groups = new GroupsService(options.dataDir, directory, connections, events, clock, onMovedAside, (id) => (id === PRACTICE_PROFILE_ID ? practiceGroups() : []));
  const enrolment = new EnrolmentService(directory, connections, clock);
  const preferences = new PreferencesService(options.dataDir, events, onMovedAside);
  const mappings = new ImportMappingsService(options.dataDir, clock, onMovedAside);

  const store = new BatchStore(options.dataDir, { clock });
  const tracking = new TrackingService({ dataDir: options.dataDir, clock, log, batches: store });
  const practiceClock = new PracticeClockService(tracking, clock, (message) => options.log?.(`practice: ${message}`));
  const actor = currentActor;
  const sending = new SendService({
    dataDir: options.dataDir,
    store,
    directory,
    connections,
    tracking,
    events,
    clock,
    actor,
    concurrency: async () => (await preferences.get()).concurrency,
    desktop: options.desktop ?? noDesktop,
    log,
  });
  const batches = new BatchesService({ store, directory, connections, tracking, events, clock, actor, sends: () => sending.open() });
  const history = new HistoryService({
    tracking,
    directory,
    connections,
    events,
    clock,
    actor,
    log,
    exportDelimiter: async () => (await preferences.get()).exportDelimiter,
    version: options.version,
    batchView: (id) => batches.get(id),
  });
  if (options.backgroundRefresh !== false) history.startScheduler();
  const selfTest = options.networkSelfTest ?? nodeNetworkSelfTest(options.env);

  // One method per channel, named after it; most only spread the checked request into a service call.
  return {
    events,
    'app:info': async () => ({ name: 'FOTA Desk', version: options.version, transport: options.transport, dataDir: options.dataDir, platform: process.platform }),

    'profiles:list': () => profiles.list(),
    'profiles:save': (r) => profiles.save(r.id, r.profile, r.secret, r.activate),
    'profiles:delete': (r) => profiles.remove(r.id),
    'profiles:activate': (r) => profiles.activate(r.id),
    'profiles:setSecret': (r) => profiles.setSecret(r.id, r.secret),
    'profiles:dismissNotices': () => profiles.dismissNotices(),
    'profiles:test': (r) => profiles.test(r.id),
    'profiles:testDraft': (r) => profiles.testDraft(r.id, r.profile, r.secret),
    'practice:reset': async () => {
      await connections.invalidate(PRACTICE_PROFILE_ID);
      await resetPracticeTenant(options.dataDir);
      await groups.reset(PRACTICE_PROFILE_ID);
      const view = await license.fetch(directory.practiceTarget());
      if ((await directory.active()).id === PRACTICE_PROFILE_ID) events.emit('license:changed', view);
      return view;
    },
    'status:get': async () => connections.status((await directory.active()).id),
    'license:get': (r) => license.get(r.refresh),
    'network:selfTest': async (r) => {
      const target = await directory.byId(r.id);
      const profile = { id: target.id, baseUrl: target.baseUrl, caPem: target.caPem, practice: target.practice };
      // The practice simulator is inside the app: no proxy or system route applies to it.
      return target.practice ? nodeNetworkSelfTest(options.env)(profile) : selfTest(profile);
    },

    'groups:list': () => groups.list(),
    'groups:register': (r) => groups.register(r.groupId, r.note),
    'groups:add': (r) => groups.add(r.groupId, r.license, r.note),
    'groups:forget': (r) => groups.forget(r.groupId),
    'groups:changeLicense': (r) => groups.changeLicense(r.groupId, r.newLicense),
    'devices:checkEnrolment': (r) => enrolment.check(r.serials),

    'preferences:get': () => preferences.get(),
    'preferences:update': (r) => preferences.update(r),
    'import:getMapping': (r) => mappings.get(r.headerKey),
    'import:saveMapping': (r) => mappings.save(r.headerKey, r.columns),

    'batches:list': () => batches.list(),
    'batches:get': (r) => batches.get(r.id),
    'batches:create': (r) => batches.create(r),
    'batches:setGroup': (r) => batches.setGroup(r.id, r.group),
    'batches:setDetails': (r) => batches.setDetails(r.id, r.details),
    'batches:exclude': (r) => batches.exclude(r.id, r.serials, r.reason),
    'batches:takeBack': (r) => batches.takeBack(r.id, r.serials),
    'batches:delete': (r) => batches.remove(r.id),
    'batches:firmware': (r) => batches.firmware(r.model, r.salesCode, r.refresh),
    'batches:preview': (r) => batches.preview(r.id, r.online, r.include ?? null),
    'batches:export': (r) => batches.exportHandoff(r.id),
    'batches:import': (r) => batches.importHandoff(r.fileName, r.text),

    'send:open': (r) => sending.begin(r.batchId, r.include ?? null),
    'send:get': async (r) => sending.get(r.batchId),
    'send:start': (r) => sending.start(r),
    'send:pause': async (r) => sending.pause(r.batchId),
    'send:resume': async (r) => sending.resume(r.batchId),
    'send:cancel': (r) => sending.cancel(r.batchId),
    'send:continuePilot': (r) => sending.continuePilot(r.batchId),
    'send:resend': (r) => sending.resend(r.batchId, r.callIds),
    'send:leave': (r) => sending.leave(r.batchId, r.callIds),
    'send:replan': (r) => sending.replan(r.batchId, r.callId),
    'send:close': async (r) => ({ closed: await sending.close(r.batchId) }),
    'send:repair': (r) => sending.repair(r.batchId),

    'history:list': () => history.list(),
    'history:get': (r) => history.get(r.batchId),
    'history:refresh': (r) => history.refresh(r.batchId),
    'history:search': (r) => history.search(r.serial),
    'history:export': (r) => history.exportCsv(r.batchId),
    'history:retry': (r) => history.retry(r.batchId, r.from, r.days, r.name),
    'diagnostics:get': async () => history.diagnostics(),

    'practice:testControls': async (r) => controls.change(r),
    'practice:clock': (r) => practiceClock.change(r),
    // Only the desktop shell asks anything of the page; main/app/index.ts puts its queue here.
    'shell:pendingRequests': async () => [],
    close: async () => {
      stopLockNotices();
      await history.stopScheduler();
      await sending.closeAll();
      await connections.closeAll();
    },
  };
}
