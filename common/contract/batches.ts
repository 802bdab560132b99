// The batch channels: a draft from imported devices, its groups, exclusions and details, the
// firmware list, the dry run and the `.fotabatch` hand-off file.
import * as v from 'valibot';
import { MAX_HANDOFF_BYTES } from '../batch/handoff.ts';
import { MAX_BATCH_DEVICES } from '../batch/parse.ts';
import { normaliseModel, normaliseSalesCode } from '../efota/normalise.ts';
import { batchCreateRequest, batchDetailsChange, batchId, element, fileName, groupSetting, serial } from './batch-requests.ts';
import type { BatchCreatedView, BatchListView, BatchView, FirmwareChoicesView, HandoffFileView, HandoffImportedView, PreviewView } from './batch-views.ts';
import { channel, flag, list, none, obj, reply, text } from './schema.ts';

/** Serials of a batch, at most as many as a batch holds. */
export const batchSerials = list(serial, MAX_BATCH_DEVICES);

/** Devices with an open push to send anyway (the dry run's choice). */
const includeOpen = obj({ all: flag, serials: batchSerials });

/** The batch channels. */
export const batchChannels = {
  /** every stored batch, the active tenant's first */
  'batches:list': channel(none, reply<BatchListView>()),
  /** one batch as the builder shows it */
  'batches:get': channel(obj({ id: batchId }), reply<BatchView>()),
  /** a new draft batch from imported devices (main checks every device again) */
  'batches:create': channel(batchCreateRequest, reply<BatchCreatedView>()),
  /** the target, network and mode of one group */
  'batches:setGroup': channel(obj({ id: batchId, group: groupSetting }), reply<BatchView>()),
  /** name, notes and pilot */
  'batches:setDetails': channel(obj({ id: batchId, details: batchDetailsChange }), reply<BatchView>()),
  /** leaves devices out by hand, with the admin's reason */
  'batches:exclude': channel(obj({ id: batchId, serials: batchSerials, reason: text({ max: 200 }) }), reply<BatchView>()),
  /** takes devices back from Excluded */
  'batches:takeBack': channel(obj({ id: batchId, serials: batchSerials }), reply<BatchView>()),
  /** deletes a batch that is not being sent (its history is kept) */
  'batches:delete': channel(obj({ id: batchId }), reply<BatchListView>()),
  /** the firmware list of a model and sales code: cached, or fetched now (`refresh`) */
  'batches:firmware': channel(
    obj({ model: v.pipe(element('deviceModelName'), v.transform(normaliseModel)), salesCode: v.pipe(element('salesCode'), v.transform(normaliseSalesCode)), refresh: flag }),
    reply<FirmwareChoicesView>(),
  ),
  /** the dry run; `online` asks abnormalDeviceList first and excludes what it reports; `include` sends devices with an open push anyway */
  'batches:preview': channel(obj({ id: batchId, online: flag, include: v.exactOptional(includeOpen) }), reply<PreviewView>()),
  /** the batch as a `.fotabatch` hand-off file */
  'batches:export': channel(obj({ id: batchId }), reply<HandoffFileView>()),
  /** stores the batch of a `.fotabatch` file after checking it */
  'batches:import': channel(obj({ fileName, text: text({ max: MAX_HANDOFF_BYTES, singleLine: false, fileContent: true }) }), reply<HandoffImportedView>()),
} as const;
