// What the batch screens exchange with main: building a batch from imported devices, editing its
// groups, the dry run and the hand-off file. Plain JSON; the batch model itself (common/batch) is
// reused where the window shows it as it is.
import type { BatchFinding } from '../batch/check.ts';
import type { AbnormalCheck, BatchSource, ExcludedDevice, HandoffOrigin, Pilot, Stamp, TargetSource } from '../batch/model.ts';
import type { Preview } from '../batch/preview.ts';
import type { ContractError } from './result.ts';
import type { NetworkType, ScheduleSetting } from './batch-requests.ts';

// Requests live with their schemas; the importer's code names DeviceInput from here.
export type { DeviceInput } from './batch-requests.ts';

/** Whether and how a batch was sent, for the list. */
export type BatchSendState = 'draft' | 'sending' | 'unfinished' | 'sent';

/** One batch in the list. */
export interface BatchSummaryView {
  readonly id: string;
  readonly name: string;
  readonly customerId: string;
  /** prepared for the active profile's tenant (only those can be previewed and sent here) */
  readonly activeTenant: boolean;
  readonly practice: boolean;
  readonly created: Stamp;
  readonly edited: Stamp;
  readonly devices: number;
  readonly excluded: number;
  readonly groups: number;
  readonly handoff: HandoffOrigin | null;
  readonly sendState: BatchSendState;
  /** ISO time of the last accepted call, when sent */
  readonly lastSentAt: string | null;
}

/** The batch list. */
export interface BatchListView {
  readonly batches: readonly BatchSummaryView[];
  /** batch files that could not be read (moved aside) */
  readonly problems: readonly string[];
}

/** One (model, sales code) group of a batch in the builder. */
export interface BatchGroupView {
  readonly key: string;
  readonly model: string;
  readonly salesCode: string;
  /** devices of the group in the batch, excluded ones included */
  readonly devices: number;
  readonly excluded: number;
  readonly target: string;
  readonly targetSource: TargetSource;
  readonly pinnedTarget: string | null;
  readonly network: NetworkType;
  readonly schedule: ScheduleSetting | null;
  /** the real scope of the group in words */
  readonly scope: string;
  /** a few serials, to recognise the group */
  readonly sample: readonly string[];
}

/** Most excluded devices a batch view carries (the count says how many there are). */
export const MAX_EXCLUDED_SHOWN = 5_000;

/** A batch as the builder shows it. */
export interface BatchView {
  readonly id: string;
  readonly name: string;
  readonly notes: string;
  readonly customerId: string;
  readonly activeTenant: boolean;
  readonly practice: boolean;
  readonly created: Stamp;
  readonly edited: Stamp;
  readonly sources: readonly BatchSource[];
  readonly handoff: HandoffOrigin | null;
  readonly devices: number;
  readonly groups: readonly BatchGroupView[];
  readonly pilot: Pilot | null;
  readonly excluded: readonly ExcludedDevice[];
  readonly excludedTotal: number;
  readonly abnormalCheck: AbnormalCheck | null;
  /** the E-FOTA rules applied to the batch as it stands (errors block sending) */
  readonly findings: readonly BatchFinding[];
  readonly sendState: BatchSendState;
}

/** What a new batch made of an import, besides the batch. */
export interface BatchCreatedView {
  readonly batch: BatchView;
  /** the same serial with the same model in two files: kept once */
  readonly repeated: number;
  /** serials seen with two models or sales codes: left out */
  readonly conflicts: readonly { readonly serial: string; readonly seenAs: readonly string[] }[];
}

/** One firmware a model and sales code can be sent to. */
export interface FirmwareChoice {
  readonly version: string;
  readonly description: string | null;
  readonly osVersion: string | null;
  readonly openedDate: string | null;
}

/** The firmware list of a model and sales code: cached, or fetched now. */
export interface FirmwareChoicesView {
  readonly model: string;
  readonly salesCode: string;
  /** newest first */
  readonly items: readonly FirmwareChoice[];
  /** ISO time of the list shown; null when it was never fetched */
  readonly fetchedAt: string | null;
  /** why fetching it now failed (the cached list, if any, is shown) */
  readonly error: ContractError | null;
}

/** The dry run: the preview, and the batch after the abnormal-device check. */
export interface PreviewView {
  readonly preview: Preview;
  readonly batch: BatchView;
  /** devices that moved to Excluded with this check */
  readonly newlyExcluded: number;
  /** devices an earlier check excluded that came back */
  readonly restored: number;
}

/** A `.fotabatch` file to save. */
export interface HandoffFileView {
  readonly fileName: string;
  readonly text: string;
  readonly sha256: string;
}

/** A `.fotabatch` file that was accepted and stored. */
export interface HandoffImportedView {
  readonly batch: BatchView;
  /** who exported it, where and when */
  readonly prepared: Stamp;
  /** the practice line of a practice file, else null */
  readonly practice: string | null;
  /** true when the same batch was already stored (nothing changed) */
  readonly alreadyPresent: boolean;
}
