// The enrolment check: which pasted serials Samsung reports as abnormal (abnormalDeviceList, at
// most 100 serials per call), each category explained with what to do about it.
import type { Clock } from '../../common/clock.ts';
import type { EnrolmentCategoryView, EnrolmentCheckView } from '../../common/contract.ts';
import { normaliseSerial } from '../../common/efota/normalise.ts';
import { checkElement } from '../../common/efota/rules.ts';
import { MAX_SERIALS_PER_CALL } from '../../common/efota/serials.ts';
import type { Connections } from './connections.ts';
import type { ProfileDirectory } from './profile-directory.ts';

const LEAVE_OUT = 'Leave them out of force updates until then: one such serial makes Samsung reject the whole call (FUD_3031).';

const KNOWN: Readonly<Record<string, { readonly explanation: string; readonly remedy: string }>> = {
  'Not Enrolled': {
    explanation: 'Samsung has no E-FOTA enrolment for these devices: the MDM’s E-FOTA policy with a Corp ID of this tenant has not reached them (or the serial is mistyped).',
    remedy: `In the MDM, apply the E-FOTA policy with a group’s Corp ID to these devices and let them check in, then check again. ${LEAVE_OUT}`,
  },
  'Blocked, Insufficient License': {
    explanation: 'These devices tried to enrol but the licence had no free seat, so Samsung blocked them.',
    remedy: `Free seats, buy more, or move their group to a licence with free seats; then re-apply the E-FOTA policy from the MDM. ${LEAVE_OUT}`,
  },
};

/** What an unknown category means (Samsung may add titles; they are shown verbatim). */
export function explainCategory(title: string): { readonly explanation: string; readonly remedy: string } {
  return (
    KNOWN[title] ?? {
      explanation: `Samsung reports these devices as “${title}”, a category FOTA Desk does not know yet.`,
      remedy: `Look them up in the Knox E-FOTA console before updating them. ${LEAVE_OUT}`,
    }
  );
}

/** The enrolment check of the active profile. */
export class EnrolmentService {
  constructor(
    private readonly profiles: ProfileDirectory,
    private readonly connections: Connections,
    private readonly clock: Clock,
  ) {}

  /** Asks Samsung about the serials (in calls of at most 100) and explains the answer. */
  async check(given: readonly string[]): Promise<EnrolmentCheckView> {
    const invalid: { value: string; message: string }[] = [];
    const serials: string[] = [];
    const seen = new Set<string>();
    for (const value of given) {
      const serial = normaliseSerial(value);
      if (serial === '' || seen.has(serial)) continue;
      seen.add(serial);
      const error = checkElement('serialNumber', serial).find((f) => f.severity === 'error');
      if (error) invalid.push({ value, message: error.message });
      else serials.push(serial);
    }
    const byTitle = new Map<string, string[]>();
    if (serials.length > 0) {
      const client = await this.connections.client(await this.profiles.active());
      for (let i = 0; i < serials.length; i += MAX_SERIALS_PER_CALL) {
        const answer = await client.abnormalDeviceList(serials.slice(i, i + MAX_SERIALS_PER_CALL));
        for (const category of answer.categories) {
          const list = byTitle.get(category.title) ?? [];
          list.push(...category.serials.map(normaliseSerial));
          byTitle.set(category.title, list);
        }
      }
    }
    const listed = new Set([...byTitle.values()].flat());
    const categories: EnrolmentCategoryView[] = [...byTitle].map(([title, list]) => ({ title, serials: [...new Set(list)], ...explainCategory(title) }));
    return {
      checkedAt: new Date(this.clock.now()).toISOString(),
      checked: serials.length,
      healthy: serials.filter((s) => !listed.has(s)),
      categories,
      invalid,
    };
  }
}
