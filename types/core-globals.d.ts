// The only runtime globals the pure core may use beyond ECMAScript: the WHATWG text codecs,
// present in every place the core runs (Node, Web Workers, Electron utility processes).
// Declared here, and included only by tsconfig.core.json, so `tsconfig.core.json` can type-check the core with no Node or DOM types.

interface TextDecodeOptions {
  stream?: boolean;
}
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
