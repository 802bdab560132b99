// One (model, sales code) group of a batch: its target (`Latest`, a firmware from Samsung's list, or
// typed — with the model-prefix warning explained), network, and immediate or scheduled push. A
// scheduled group shows its real scope in words and its window in GMT with the local equivalent, and
// every broken window rule is explained here, before anything is saved or sent.
import { useId } from 'react';
import type { BatchGroupView, FirmwareChoicesView } from '../../../common/contract.ts';
import { modelStem } from '../../../common/batch/target.ts';
import { count, dateTime } from '../util/format.ts';
import { draftFindings, draftScope, draftWindowText, HOURS, type GroupDraft, type TargetChoice } from './group-draft.ts';
import { FindingList } from './FindingList.tsx';

/** Props of GroupEditor. */
export interface GroupEditorProps {
  readonly group: BatchGroupView;
  readonly draft: GroupDraft;
  readonly onChange: (draft: GroupDraft) => void;
  readonly firmware: FirmwareChoicesView | null;
  readonly onFetchFirmware: () => void;
  readonly fetching: boolean;
  /** registered groups known to this profile, offered for a scheduled push */
  readonly knownGroups: readonly string[];
  readonly disabled: boolean;
}

/** The editor of one group. */
export function GroupEditor({ group, draft, onChange, firmware, onFetchFirmware, fetching, knownGroups, disabled }: GroupEditorProps) {
  const id = useId();
  const set = (patch: Partial<GroupDraft>): void => onChange({ ...draft, ...patch });
  const findings = draftFindings(draft, group);
  const window = draft.scheduled ? draftWindowText(draft) : null;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const items = firmware?.items ?? [];
  const title = `${group.model} / ${group.salesCode}`;
  return (
    <fieldset className="group-card" data-testid={`group-${group.key}`} aria-describedby={`${id}-scope`} disabled={disabled}>
      <legend>
        <strong>{title}</strong> — {count(group.devices, 'device')}
        {group.excluded > 0 ? `, ${group.excluded.toLocaleString()} excluded` : ''}
        {errors > 0 && <span className="badge badge-error"> {count(errors, 'error')}</span>}
      </legend>
      <p className="scope" id={`${id}-scope`}>
        Reaches: <strong>{draftScope(draft, group)}</strong>
      </p>

      <div className="form-row">
        <fieldset className="radio-group">
          <legend>Target firmware of {title}</legend>
          {(
            [
              ['latest', 'Latest (the newest Samsung offers when each call arrives)'],
              ['list', 'A firmware from Samsung’s list'],
              ['typed', 'Type a firmware (AP/CSC/CP)'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="checkbox">
              <input type="radio" name={`${id}-choice`} value={value} checked={draft.choice === value} onChange={() => set({ choice: value as TargetChoice })} />
              {label}
            </label>
          ))}
          {draft.choice === 'list' && (
            <div className="field">
              <label htmlFor={`${id}-listed`}>Firmware for {title}</label>
              <select id={`${id}-listed`} value={draft.listed} onChange={(e) => set({ listed: e.target.value })}>
                <option value="">{items.length === 0 ? 'No list yet: fetch it first' : 'Choose…'}</option>
                {items.map((f) => (
                  <option key={f.version} value={f.version}>
                    {f.version}
                    {f.osVersion ? ` — ${f.osVersion}` : ''}
                    {f.description ? `, ${f.description.split('\n')[0]}` : ''}
                    {f.openedDate ? ` (${f.openedDate.slice(0, 10)})` : ''}
                  </option>
                ))}
              </select>
              <p className="hint">
                {firmware?.fetchedAt ? `List fetched ${dateTime(firmware.fetchedAt)}.` : 'The list of this model and sales code was never fetched.'}{' '}
                <button type="button" className="link" onClick={onFetchFirmware} disabled={fetching}>
                  {fetching ? 'Fetching…' : `Fetch the firmware list of ${title} now`}
                </button>
              </p>
            </div>
          )}
          {draft.choice === 'typed' && (
            <div className="field">
              <label htmlFor={`${id}-typed`}>Typed firmware for {title}</label>
              <input id={`${id}-typed`} value={draft.typed} spellCheck={false} placeholder={`e.g. ${modelStem(group.model)}XXU1AAA1/${modelStem(group.model)}OXM1AAA1/${modelStem(group.model)}XXU1AAA1`} aria-describedby={`${id}-typed-hint`} onChange={(e) => set({ typed: e.target.value })} />
              <p className="hint" id={`${id}-typed-hint`}>
                Samsung names firmware AP/CSC/CP. The AP part of a firmware for {group.model} starts with <code>{modelStem(group.model)}</code> (the model without its
                SM-/GT- prefix); a target that does not is probably for another model and gets a warning, not an error — Samsung decides.
              </p>
            </div>
          )}
        </fieldset>

        <fieldset className="radio-group">
          <legend>How {title} is updated</legend>
          <label className="checkbox">
            <input type="radio" name={`${id}-mode`} checked={!draft.scheduled} onChange={() => set({ scheduled: false })} />
            Now: these serials (forceUpdate)
          </label>
          <label className="checkbox">
            <input type="radio" name={`${id}-mode`} checked={draft.scheduled} onChange={() => set({ scheduled: true })} />
            Scheduled: a whole registered group in a delivery window (serverInit)
          </label>
          {!draft.scheduled && (
            <fieldset className="radio-group nested">
              <legend>Network for {title}</legend>
              <label className="checkbox">
                <input type="radio" name={`${id}-net`} checked={draft.network === 'WIFIONLY'} onChange={() => set({ network: 'WIFIONLY' })} />
                Wi-Fi only (waits for Wi-Fi)
              </label>
              <label className="checkbox">
                <input type="radio" name={`${id}-net`} checked={draft.network === 'ANY'} onChange={() => set({ network: 'ANY' })} />
                Any network (mobile data too)
              </label>
            </fieldset>
          )}
        </fieldset>
      </div>

      {draft.scheduled && (
        <div className="schedule">
          <p className="note note-info">
            A scheduled push has no device list: Samsung updates <strong>every device enrolled in the group</strong> with this model and carrier code inside the window,
            not only the {group.devices.toLocaleString()} imported serials, and returns no forceUpdateId to follow.
          </p>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-gid`}>Registered group for {title}</label>
              <input id={`${id}-gid`} list={`${id}-groups`} value={draft.groupId} spellCheck={false} onChange={(e) => set({ groupId: e.target.value })} />
              <datalist id={`${id}-groups`}>
                {knownGroups.map((g) => (
                  <option key={g} value={g} />
                ))}
              </datalist>
            </div>
            <div className="field">
              <label htmlFor={`${id}-sd`}>First day (GMT) for {title}</label>
              <input id={`${id}-sd`} type="date" value={draft.startDate} onChange={(e) => set({ startDate: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-ed`}>Last day (GMT) for {title}</label>
              <input id={`${id}-ed`} type="date" value={draft.endDate} onChange={(e) => set({ endDate: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-sh`}>Daily from (GMT hour) for {title}</label>
              <select id={`${id}-sh`} value={draft.startHour} onChange={(e) => set({ startHour: e.target.value })}>
                {HOURS.map((h) => (
                  <option key={h} value={h}>
                    {h}:00
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-eh`}>Daily until (GMT hour) for {title}</label>
              <select id={`${id}-eh`} value={draft.endHour} onChange={(e) => set({ endHour: e.target.value })}>
                {HOURS.map((h) => (
                  <option key={h} value={h}>
                    {h}:00
                  </option>
                ))}
              </select>
            </div>
          </div>
          {window && (
            <p className="window-text" data-testid={`window-${group.key}`}>
              <strong>GMT:</strong> {window.gmt}
              <br />
              <strong>Your time:</strong> {window.local}
            </p>
          )}
          <p className="hint">Samsung’s rules: the window starts in the future, lasts at most 7 days (3 or more is safest), and each daily slot is at most 12 hours.</p>
        </div>
      )}
      <FindingList findings={findings} label={`Checks of ${title}`} testId={`findings-${group.key}`} />
    </fieldset>
  );
}
