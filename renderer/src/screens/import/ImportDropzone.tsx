// Where a list comes in: drop a spreadsheet, choose a file, or paste a list.
import { useState, type DragEvent } from 'react';
import type { ImportSourceControls } from './use-import-source.ts';

/** The drop zone with "Choose a file…" and "Paste a list…". */
export function ImportDropzone({ controls }: { readonly controls: ImportSourceControls }) {
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) controls.openFile(file);
  };
  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="dropzone"
    >
      <p>
        <strong>Drop a spreadsheet here</strong> (.xlsx, .ods, .csv, .tsv, .txt), or:
      </p>
      <div className="actions" style={{ justifyContent: 'center' }}>
        <button type="button" onClick={() => controls.fileInput.current?.click()}>
          Choose a file… (Ctrl+O)
        </button>
        <button type="button" className="secondary" onClick={() => controls.setPasteOpen(true)}>
          Paste a list… (Ctrl+Shift+V)
        </button>
      </div>
      <input
        ref={controls.fileInput}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Spreadsheet file"
        accept=".xlsx,.ods,.csv,.tsv,.txt,.xls,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) controls.openFile(file);
          e.target.value = '';
        }}
      />
    </div>
  );
}
