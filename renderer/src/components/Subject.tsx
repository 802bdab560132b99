// What a row's button acts on, for screen readers: the visible label stays the start of the
// accessible name ("Edit" → "Edit Contoso EU"), as WCAG 2.5.3 asks.

/** A visually hidden " <text>" after a button's visible label. */
export function Subject({ text }: { readonly text: string }) {
  return <span className="visually-hidden"> {text}</span>;
}
