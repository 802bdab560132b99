// Web-platform APIs the importer needs that exist in Node 20, Workers and Chromium alike, but whose
// types are not in common/'s ES-only lib. Declaring the few members we use keeps common/ free of
// DOM and Node type packages while still type-checking every call.

/** The part of TextDecoder the importer uses. */
export interface TextDecoderLike {
  decode(input: Uint8Array): string;
}

type TextDecoderCtor = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

interface StreamWriter {
  readonly ready: Promise<void>;
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

/** The part of DecompressionStream the importer uses. */
export interface DecompressionStreamLike {
  readonly readable: { getReader(): StreamReader };
  readonly writable: { getWriter(): StreamWriter };
}

type DecompressionStreamCtor = new (format: 'deflate-raw') => DecompressionStreamLike;

const platform = globalThis as unknown as { TextDecoder?: TextDecoderCtor; DecompressionStream?: DecompressionStreamCtor };

/** A TextDecoder for `label` (BOM kept, so the caller decides); `fatal` throws on malformed input. */
export function textDecoder(label: string, fatal: boolean): TextDecoderLike {
  if (!platform.TextDecoder) throw new Error('TextDecoder is not available in this environment');
  return new platform.TextDecoder(label, { fatal, ignoreBOM: true });
}

/** A raw-DEFLATE DecompressionStream (Node ≥ 20.12, Chromium ≥ 123, their Workers). */
export function deflateRawStream(): DecompressionStreamLike {
  if (!platform.DecompressionStream) throw new Error('DecompressionStream is not available in this environment');
  return new platform.DecompressionStream('deflate-raw');
}
