// Import: a spreadsheet or a pasted list → rows checked with Samsung's rules (in a Web Worker),
// shown in a virtualised table with filters, F8 to the next error, and the column-mapping dialog.
import { useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useImport } from '../state/import.ts';
import { CreateBatchForm } from './CreateBatch.tsx';
import { ImportDefaults } from './import/ImportDefaults.tsx';
import { ImportDropzone } from './import/ImportDropzone.tsx';
import { ImportedFileSummary } from './import/ImportedFileSummary.tsx';
import { ImportedRows } from './import/ImportedRows.tsx';
import { useImportSource } from './import/use-import-source.ts';
import { MappingDialog } from './MappingDialog.tsx';
import { PasteDialog } from './PasteDialog.tsx';

/** The import screen. */
export function ImportScreen() {
  const view = useImport((s) => s.view);
  const status = useImport((s) => s.status);
  const progress = useImport((s) => s.progress);
  const failure = useImport((s) => s.failure);
  const parsedIn = useImport((s) => s.parsedIn);
  const controls = useImportSource();
  const [creating, setCreating] = useState(false);

  return (
    <section aria-labelledby="import-title" data-parsed-in={parsedIn ?? undefined}>
      <h1 id="import-title" tabIndex={-1}>
        Import
      </h1>
      <p className="lead">Bring the device list your MDM or Excel exported. Every row is checked against Samsung’s rules before anything is sent.</p>
      <ImportDropzone controls={controls} />
      <ImportDefaults />

      {status === 'parsing' && progress && (
        <div className="progress">
          <progress aria-label="Import progress" max={Math.max(1, progress.total)} value={progress.done} />
          <span>
            {progress.phase}… {progress.total > 0 ? `${Math.floor((progress.done / progress.total) * 100)} %` : ''}
          </span>
        </div>
      )}
      {status === 'failed' && <ErrorNote error={{ code: 'INVALID_INPUT', message: failure ?? 'The file could not be read.', remedy: null }} title="The list was not imported:" />}

      {view && (
        <>
          <ImportedFileSummary view={view} onCreateBatch={() => setCreating(true)} />
          <ImportedRows view={view} onNextError={() => controls.jump(false)} onMapColumns={() => controls.setMappingOpen(true)} />
        </>
      )}

      <PasteDialog
        open={controls.pasteOpen}
        onClose={() => controls.setPasteOpen(false)}
        onImport={(text) => {
          controls.setPasteOpen(false);
          controls.openSource({ kind: 'paste', text });
        }}
      />
      {view && <MappingDialog open={controls.mappingOpen} view={view} onClose={() => controls.setMappingOpen(false)} />}
      <Dialog open={creating && view !== null} title="Create a batch" onClose={() => setCreating(false)}>
        {view && <CreateBatchForm view={view} onClose={() => setCreating(false)} />}
      </Dialog>
    </section>
  );
}
