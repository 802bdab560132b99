// How the import screen reads a list: open a file or a pasted text (announcing what was read), jump
// to the next or previous error (F8), and the shortcuts the shell posts (pick a file, paste, F8).
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { nextInSorted } from '../../components/virtual-range.ts';
import type { ImportSource } from '../../import/view.ts';
import { useApp } from '../../state/app.ts';
import { useImportCommands } from '../../state/import-commands.ts';
import { useImport } from '../../state/import.ts';
import { count } from '../../util/format.ts';

/** What the import screen's controls call. */
export interface ImportSourceControls {
  /** the hidden file input that "Choose a file…" and Ctrl+O click */
  readonly fileInput: RefObject<HTMLInputElement | null>;
  readonly pasteOpen: boolean;
  setPasteOpen(open: boolean): void;
  readonly mappingOpen: boolean;
  setMappingOpen(open: boolean): void;
  openSource(source: ImportSource): void;
  openFile(file: File): void;
  /** moves to the next (or previous) row with an error among those shown */
  jump(backwards: boolean): void;
}

/** The import screen's reading, jumping and shortcuts. */
export function useImportSource(): ImportSourceControls {
  const announce = useApp((s) => s.announce);
  const fileInput = useRef<HTMLInputElement>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(false);
  const pending = useImportCommands((s) => s.pending);
  const done = useImportCommands((s) => s.done);

  const openSource = useCallback(
    async (source: ImportSource) => {
      const name = source.kind === 'file' ? source.name : 'the pasted list';
      announce(`Reading ${name}…`);
      await useImport.getState().open(source);
      const after = useImport.getState();
      if (after.status === 'failed') announce(`${name} could not be read.`);
      else if (after.view) {
        const t = after.view.totals;
        announce(`${after.view.fileName}: ${count(t.read, 'row')} read, ${t.valid.toLocaleString()} valid, ${t.warnings.toLocaleString()} with warnings, ${t.rejected.toLocaleString()} rejected.`);
        if (after.view.mappingProblems.length > 0) setMappingOpen(true);
      }
    },
    [announce],
  );

  const openFile = useCallback(
    async (file: File) => {
      await openSource({ kind: 'file', name: file.name, bytes: await file.arrayBuffer() });
    },
    [openSource],
  );

  const jump = useCallback(
    (backwards: boolean) => {
      const s = useImport.getState();
      const next = nextInSorted(s.errorPositions, s.current ?? (backwards ? 0 : -1), backwards);
      if (next === null) {
        announce(s.view ? 'No errors in the rows shown.' : 'Import a file first.');
        return;
      }
      s.setCurrent(next);
      const row = s.view?.rows[s.shown[next]!];
      const index = s.errorPositions.indexOf(next) + 1;
      announce(`Error ${index} of ${s.errorPositions.length}, row ${row?.row ?? ''}: ${row?.messages ?? ''}`);
    },
    [announce],
  );

  // Keyboard shortcuts posted by the shell.
  useEffect(() => {
    if (!pending) return;
    done(pending.id);
    if (pending.command === 'pick-file') fileInput.current?.click();
    if (pending.command === 'paste') setPasteOpen(true);
    if (pending.command === 'next-error') jump(false);
    if (pending.command === 'previous-error') jump(true);
  }, [pending, done, jump]);

  return {
    fileInput,
    pasteOpen,
    setPasteOpen,
    mappingOpen,
    setMappingOpen,
    openSource: (source) => void openSource(source),
    openFile: (file) => void openFile(file),
    jump,
  };
}
