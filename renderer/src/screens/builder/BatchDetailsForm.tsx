// The batch's name, notes and pilot (none, the first N devices, or the first call of each group).
import { Field } from '../../components/Field.tsx';
import type { DetailsDraft } from './details-draft.ts';

/** Props of BatchDetailsForm. */
export interface BatchDetailsFormProps {
  readonly details: DetailsDraft;
  readonly disabled: boolean;
  readonly onChange: (details: DetailsDraft) => void;
}

/** The name, notes and pilot fields. */
export function BatchDetailsForm({ details, disabled, onChange }: BatchDetailsFormProps) {
  return (
    <fieldset className="details" disabled={disabled}>
      <legend className="visually-hidden">Name, notes and pilot</legend>
      <div className="form-row">
        <Field label="Batch name">{({ id }) => <input id={id} value={details.name} maxLength={100} onChange={(e) => onChange({ ...details, name: e.target.value })} />}</Field>
        <Field label="Notes">{({ id }) => <input id={id} value={details.notes} onChange={(e) => onChange({ ...details, notes: e.target.value })} />}</Field>
      </div>
      <fieldset className="radio-group">
        <legend>Pilot</legend>
        <label className="checkbox">
          <input type="radio" name="pilot" checked={details.pilot === 'none'} onChange={() => onChange({ ...details, pilot: 'none' })} />
          No pilot: send everything
        </label>
        <label className="checkbox">
          <input type="radio" name="pilot" checked={details.pilot === 'devices'} onChange={() => onChange({ ...details, pilot: 'devices' })} />
          Send the first
          <input className="inline-number" type="number" min={1} aria-label="Pilot devices" value={details.pilotCount} onChange={(e) => onChange({ ...details, pilot: 'devices', pilotCount: e.target.value })} />
          devices, then pause for review
        </label>
        <label className="checkbox">
          <input type="radio" name="pilot" checked={details.pilot === 'firstCallPerGroup'} onChange={() => onChange({ ...details, pilot: 'firstCallPerGroup' })} />
          Send the first call of each group, then pause for review
        </label>
      </fieldset>
    </fieldset>
  );
}
