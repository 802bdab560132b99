// The E-FOTA call a planned call becomes: forceUpdate for immediate calls, serverInit for a group's
// scheduled window. The client is whatever the sender was given (the real client, or a test's).
import type { PlannedCall } from '../../common/batch/plan.ts';
import type { AbnormalDeviceList, ForceUpdateRequest, ForceUpdateResult, ServerInitRequest } from '../efota/types.ts';

/** The state-changing calls a send makes, plus the abnormal check after FUD_3031. */
export interface CallClient {
  forceUpdate(request: ForceUpdateRequest): Promise<ForceUpdateResult>;
  serverInit(request: ServerInitRequest): Promise<void>;
  abnormalDeviceList(serials: readonly string[]): Promise<AbnormalDeviceList>;
}

/** Makes the call: its forceUpdateId for forceUpdate, null for serverInit (which has none). */
export async function invokeCall(client: CallClient, call: PlannedCall): Promise<{ forceUpdateId: string | null }> {
    if (call.operation === 'forceUpdate') {
      const answer = await client.forceUpdate({
        model: call.model,
        salesCode: call.salesCode,
        targetFirmwareVersion: call.target,
        ...(call.network ? { networkType: call.network } : {}),
        serials: call.serials,
      });
      return { forceUpdateId: answer.forceUpdateId };
    }
    const w = call.window;
    if (!w || !call.groupId) throw new Error(`serverInit call ${call.id} has no group or window`);
    await client.serverInit({
      groupId: call.groupId,
      model: call.model,
      salesCode: call.salesCode,
      targetFirmwareVersion: call.target,
      deliveryStartDate: w.startDate,
      deliveryEndDate: w.endDate,
      dailyStartHour: w.startHour,
      dailyEndHour: w.endHour,
    });
    return { forceUpdateId: null };
  }


