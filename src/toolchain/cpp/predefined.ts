// Predefined macros: what riscv64-linux-gnu-gcc defines for the type model (lp64, unsigned
// char, little endian) plus ForkLab's own, and the dynamic ones (__FILE__, __LINE__, ...).
//
// Deliberate differences from gcc: no __GNUC__ (the compiler is not gcc, headers must not
// expect gcc builtins beyond the few ForkLab's compiler provides), no __linux__ (the lab kernel
// is not Linux), soft-float ABI macros (RV64IMAC, lp64), and __FORKLAB__ = 1. __DATE__ and
// __TIME__ are fixed ("Jan  1 1970", "00:00:00") so that the same sources always build the
// same bytes — ForkLab's runs must be reproducible.

import { copyToken, tokenize, type Token } from './lexer';
import type { Macro } from './macro';

export interface BuiltinContext {
  presumedFile(): string;
  includeLevel(): number;
  nextCounter(): number;
  base(): string;
}

export const FIXED_DATE = 'Jan  1 1970';
export const FIXED_TIME = '00:00:00';

/** name -> replacement text, in the order gcc lists them where they overlap. */
export const PREDEFINED: Record<string, string> = {
  __STDC__: '1',
  __STDC_VERSION__: '201112L',
  __STDC_HOSTED__: '1',
  __STDC_UTF_16__: '1',
  __STDC_UTF_32__: '1',
  __STDC_NO_ATOMICS__: '1',
  __STDC_NO_COMPLEX__: '1',
  __STDC_NO_THREADS__: '1',
  __STDC_NO_VLA__: '1',
  __FORKLAB__: '1',
  __riscv: '1',
  __riscv_xlen: '64',
  __riscv_mul: '1',
  __riscv_div: '1',
  __riscv_muldiv: '1',
  __riscv_atomic: '1',
  __riscv_float_abi_soft: '1',
  __riscv_cmodel_medlow: '1',
  __riscv_i: '2001000',
  __riscv_m: '2000000',
  __riscv_a: '2001000',
  __riscv_zicsr: '2000000',
  __riscv_zifencei: '2000000',
  __ELF__: '1',
  __LP64__: '1',
  _LP64: '1',
  __CHAR_BIT__: '8',
  __CHAR_UNSIGNED__: '1',
  __BYTE_ORDER__: '__ORDER_LITTLE_ENDIAN__',
  __ORDER_LITTLE_ENDIAN__: '1234',
  __ORDER_BIG_ENDIAN__: '4321',
  __ORDER_PDP_ENDIAN__: '3412',
  __SIZEOF_SHORT__: '2',
  __SIZEOF_INT__: '4',
  __SIZEOF_LONG__: '8',
  __SIZEOF_LONG_LONG__: '8',
  __SIZEOF_POINTER__: '8',
  __SIZEOF_FLOAT__: '4',
  __SIZEOF_DOUBLE__: '8',
  __SIZEOF_LONG_DOUBLE__: '16',
  __SIZEOF_SIZE_T__: '8',
  __SIZEOF_WCHAR_T__: '4',
  __SIZEOF_WINT_T__: '4',
  __SIZEOF_PTRDIFF_T__: '8',
  __SCHAR_MAX__: '0x7f',
  __SHRT_MAX__: '0x7fff',
  __INT_MAX__: '0x7fffffff',
  __LONG_MAX__: '0x7fffffffffffffffL',
  __LONG_LONG_MAX__: '0x7fffffffffffffffLL',
  __SIZE_MAX__: '0xffffffffffffffffUL',
  __PTRDIFF_MAX__: '0x7fffffffffffffffL',
  __INTMAX_MAX__: '0x7fffffffffffffffL',
  __UINTMAX_MAX__: '0xffffffffffffffffUL',
  __INTPTR_MAX__: '0x7fffffffffffffffL',
  __UINTPTR_MAX__: '0xffffffffffffffffUL',
  __WCHAR_MAX__: '0x7fffffff',
  __SIZE_TYPE__: 'long unsigned int',
  __PTRDIFF_TYPE__: 'long int',
  __WCHAR_TYPE__: 'int',
  __WINT_TYPE__: 'unsigned int',
  __INTMAX_TYPE__: 'long int',
  __UINTMAX_TYPE__: 'long unsigned int',
  __INTPTR_TYPE__: 'long int',
  __UINTPTR_TYPE__: 'long unsigned int',
  __INT8_TYPE__: 'signed char',
  __INT16_TYPE__: 'short int',
  __INT32_TYPE__: 'int',
  __INT64_TYPE__: 'long int',
  __UINT8_TYPE__: 'unsigned char',
  __UINT16_TYPE__: 'short unsigned int',
  __UINT32_TYPE__: 'unsigned int',
  __UINT64_TYPE__: 'long unsigned int',
  __CHAR16_TYPE__: 'short unsigned int',
  __CHAR32_TYPE__: 'unsigned int',
  __USER_LABEL_PREFIX__: '',
  __REGISTER_PREFIX__: '',
};

/** Builds the predefined macro table for one preprocessor run. */
export function predefinedMacros(ctx: BuiltinContext): Macro[] {
  const macros: Macro[] = [];
  for (const [name, text] of Object.entries(PREDEFINED)) {
    const body = tokenize('<built-in>', text, []).filter((t) => t.kind !== 'eof');
    if (body[0] !== undefined) body[0].space = false;
    macros.push({ name, variadic: false, vaName: '__VA_ARGS__', body });
  }
  const dynamic = (name: string, make: (at: Token) => Pick<Token, 'kind' | 'text'>): void => {
    macros.push({
      name,
      variadic: false,
      vaName: '__VA_ARGS__',
      body: [],
      builtin: (at) => copyToken(at, { ...make(at), hide: undefined, expanded: true, noExpand: true }),
    });
  };
  const str = (s: string): Pick<Token, 'kind' | 'text'> => ({ kind: 'string', text: `"${s.replace(/[\\"]/g, (c) => '\\' + c)}"` });
  dynamic('__FILE__', () => str(ctx.presumedFile()));
  dynamic('__BASE_FILE__', () => str(ctx.base()));
  dynamic('__LINE__', (at) => ({ kind: 'number', text: String(at.line) }));
  dynamic('__COUNTER__', () => ({ kind: 'number', text: String(ctx.nextCounter()) }));
  dynamic('__INCLUDE_LEVEL__', () => ({ kind: 'number', text: String(ctx.includeLevel()) }));
  dynamic('__DATE__', () => str(FIXED_DATE));
  dynamic('__TIME__', () => str(FIXED_TIME));
  // defined so that `#ifdef __has_include` works; the operator itself is evaluated in #if
  dynamic('__has_include', () => ({ kind: 'number', text: '0' }));
  return macros;
}
