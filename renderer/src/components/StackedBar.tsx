// Devices of a batch per state as one stacked bar (plain CSS, no chart library), with the numbers
// in its accessible name and in a legend, so colour is never the only carrier of meaning.
import type { StateCountsView } from '../../../common/contract.ts';

const SEGMENTS: readonly { readonly key: keyof StateCountsView; readonly label: string }[] = [
  { key: 'processing', label: 'processing' },
  { key: 'downloaded', label: 'downloaded' },
  { key: 'failed', label: 'failed' },
  { key: 'unknown', label: 'unknown' },
  { key: 'other', label: 'not sent / scheduled' },
];

/** The words of a bar: "3 processing, 10 downloaded, 1 failed, 0 unknown". */
export function describeCounts(counts: StateCountsView): string {
  return SEGMENTS.filter((s) => s.key !== 'other' || counts.other > 0)
    .map((s) => `${counts[s.key].toLocaleString()} ${s.label}`)
    .join(', ');
}

/** The stacked bar of one batch. */
export function StackedBar({ counts, legend = true }: { readonly counts: StateCountsView; readonly legend?: boolean }) {
  const total = SEGMENTS.reduce((n, s) => n + counts[s.key], 0);
  const words = describeCounts(counts);
  return (
    <div className="stacked">
      <div className="stacked-bar" role="img" aria-label={`Devices: ${words}`}>
        {total > 0 &&
          SEGMENTS.map((s) =>
            counts[s.key] > 0 ? <span key={s.key} className={`seg seg-${s.key}`} style={{ flexGrow: counts[s.key] }} /> : null,
          )}
      </div>
      {legend && (
        <p className="stacked-legend" aria-hidden="true">
          {SEGMENTS.filter((s) => s.key !== 'other' || counts.other > 0).map((s) => (
            <span key={s.key}>
              <i className={`swatch seg-${s.key}`} />
              {counts[s.key].toLocaleString()} {s.label}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
