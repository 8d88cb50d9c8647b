// The host's WebAssembly, typed here in the few members the emulator uses: the pure core is
// type-checked against ES2022 alone (tsconfig.core.json), which declares no WebAssembly.

export interface WasmMemory { readonly buffer: ArrayBuffer }
export interface WasmInstance { readonly exports: Record<string, unknown> }
export interface WasmTable { readonly length: number; grow(delta: number): number }
export interface WasmApi {
  Table: new (d: { element: 'anyfunc'; initial: number }) => WasmTable;
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
}

export const wasmApi: WasmApi | null = (globalThis as { WebAssembly?: WasmApi }).WebAssembly ?? null;
