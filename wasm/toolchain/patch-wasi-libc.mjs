// Patches the 2022 wasi-libc source tree (Debian's wasi-libc 0.0~git20220510.9886d3d source
// package) so that it builds with THREAD_MODEL=posix for wasm32-wasip1-threads.
//
// Every edit is an exact text replacement; if the expected text is missing (the Debian source
// moved), the script fails loudly instead of producing a subtly different libc.
// Usage: node patch-wasi-libc.mjs <fresh wasi-libc source dir> (not idempotent: setup.sh
// always patches a freshly extracted tree).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root || !existsSync(join(root, 'Makefile'))) {
  console.error(`patch-wasi-libc: expected a wasi-libc source tree, got ${root}`);
  process.exit(1);
}

const REENTRANT = 'defined(__wasilibc_unmodified_upstream) || defined(_REENTRANT)';

/** [relative path, [from, to] pairs]; `from` must occur, every occurrence is replaced. */
const edits = [
  // Warnings in third-party code must not stop a build with a newer clang than 2022's.
  ['Makefile', [
    ['CFLAGS += -Wall -Wextra -Werror \\', 'CFLAGS += -Wall -Wextra \\'],
    // musl's own stdio locks and internal lock, excluded by the single-threaded build.
    ['    $(filter-out %/flockfile.c %/funlockfile.c %/__lockfile.c %/ftrylockfile.c \\\n', '    $(LIBC_TOP_HALF_MUSL_SRC_DIR)/thread/__lock.c \\\n    $(filter-out \\\n'],
  ]],
  // The musl arch headers refuse threads; our own glue (wasm/threads) provides them.
  ['libc-top-half/musl/arch/wasm32/atomic_arch.h', [['#ifdef _REENTRANT\n#error "multiple threads not supported in musl yet"\n#endif\n', '']]],
  ['libc-top-half/musl/arch/wasm32/pthread_arch.h', [
    ['#ifdef _REENTRANT\n#error "multiple threads not supported in musl yet"\n#endif\n', ''],
    // The thread pointer is a thread-local set by drift's thread start (wasm/threads/pthread.c).
    ['static inline struct pthread *__pthread_self(void)\n{\n  return (struct pthread *)-1;\n}',
     'extern _Thread_local struct __pthread *__wasilibc_pthread_self;\nstatic inline struct __pthread *__pthread_self(void)\n{\n  return __wasilibc_pthread_self;\n}\nstatic inline uintptr_t __get_tp(void)\n{\n  return (uintptr_t)__wasilibc_pthread_self;\n}'],
  ]],
  // These bottom-half files only guard against threads; their state is set up once before
  // any thread starts (preopens) or is process-wide by design (cwd), as in later wasi-libc.
  ['libc-bottom-half/sources/chdir.c', [['#error "chdir doesn\'t yet support multiple threads"', '']]],
  ['libc-bottom-half/sources/getcwd.c', [['#error "getcwd doesn\'t yet support multiple threads"', '']]],
  ['libc-bottom-half/sources/preopens.c', [['#error "__wasilibc_register_preopened_fd doesn\'t yet support multiple threads"', '']]],
  ['libc-bottom-half/sources/getentropy.c', [['#error With threads support, getentropy is not intended to be a cancellation point.', '']]],
  ['libc-bottom-half/cloudlibc/src/libc/time/nanosleep.c', [['#include <time.h>', '#include <time.h>\n#include <_/cdefs.h>']]],
  // random()'s state lock was compiled out for single-threaded builds only.
  ['libc-top-half/musl/src/prng/random.c', [['#ifdef __wasilibc_unmodified_upstream\nstatic volatile int lock[1];\nvolatile int *const __random_lockptr = lock;\n#endif', 'static volatile int lock[1];\n#ifdef __wasilibc_unmodified_upstream\nvolatile int *const __random_lockptr = lock;\n#endif']]],
  // WASI cannot report CPUs; callers size pools explicitly (navigator.hardwareConcurrency).
  ['libc-top-half/musl/src/conf/sysconf.c', [[`\tcase JT_NPROCESSORS_ONLN & 255: ;\n#if ${REENTRANT}\n`, '\tcase JT_NPROCESSORS_ONLN & 255: ;\n#if defined(__wasilibc_unmodified_upstream)\n']]],
  // Locales stay process-wide: no per-thread `uselocale` (nothing in the engine uses it),
  // which keeps struct pthread out of the locale code.
  ['libc-top-half/musl/src/internal/locale_impl.h', [[`#if ${REENTRANT}\n#include "pthread_impl.h"`, '#if defined(__wasilibc_unmodified_upstream)\n#include "pthread_impl.h"'],
    [`#if ${REENTRANT}\n#define CURRENT_LOCALE (__pthread_self()->locale)`, '#if defined(__wasilibc_unmodified_upstream)\n#define CURRENT_LOCALE (__pthread_self()->locale)']]],
  ['libc-top-half/musl/src/internal/libc.h', [[`#if ${REENTRANT}\n#else\n\tstruct __locale_struct *current_locale;`, '#if defined(__wasilibc_unmodified_upstream)\n#else\n\tstruct __locale_struct *current_locale;']]],
  // pthread_impl.h: no Linux syscalls, futexes, signals or mmap on WASI; futex wait/wake
  // become memory.atomic.wait32 / memory.atomic.notify.
  ['libc-top-half/musl/src/internal/pthread_impl.h', [
    ['#include <signal.h>\n', '#ifdef __wasilibc_unmodified_upstream\n#include <signal.h>\n#endif\n'],
    ['#include <sys/mman.h>\n', '#ifdef __wasilibc_unmodified_upstream\n#include <sys/mman.h>\n#endif\n'],
    ['#include "syscall.h"\n', '#ifdef __wasilibc_unmodified_upstream\n#include "syscall.h"\n#endif\n'],
    ['#include "futex.h"\n', '#ifdef __wasilibc_unmodified_upstream\n#include "futex.h"\n#endif\n#include <locale.h>\n'],
    // No dynamic TLS vector on wasm. Dropping it gives struct pthread wasi-sdk's layout
    // (tid at offset 20, cancel at 32), which emnapi's thread pool reads directly.
    ['\tstruct pthread *self;\n#ifndef TLS_ABOVE_TP\n\tuintptr_t *dtv;\n#endif\n', '\tstruct pthread *self;\n#if !defined(TLS_ABOVE_TP) && defined(__wasilibc_unmodified_upstream)\n\tuintptr_t *dtv;\n#endif\n'],
    ['static inline void __wake(volatile void *addr, int cnt, int priv)\n{\n\tif (priv) priv = FUTEX_PRIVATE;\n\tif (cnt<0) cnt = INT_MAX;\n\t__syscall(SYS_futex, addr, FUTEX_WAKE|priv, cnt) != -ENOSYS ||\n\t__syscall(SYS_futex, addr, FUTEX_WAKE, cnt);\n}',
     'static inline void __wake(volatile void *addr, int cnt, int priv)\n{\n\t(void)priv;\n\t__builtin_wasm_memory_atomic_notify((int *)addr, cnt < 0 ? -1u : (unsigned)cnt);\n}'],
    ['static inline void __futexwait(volatile void *addr, int val, int priv)\n{\n\tif (priv) priv = FUTEX_PRIVATE;\n\t__syscall(SYS_futex, addr, FUTEX_WAIT|priv, val, 0) != -ENOSYS ||\n\t__syscall(SYS_futex, addr, FUTEX_WAIT, val, 0);\n}',
     'static inline void __futexwait(volatile void *addr, int val, int priv)\n{\n\t(void)priv;\n\t__builtin_wasm_memory_atomic_wait32((int *)addr, val, -1);\n}'],
  ]],
  // Public headers: code compiled with atomics but without -pthread (cc-rs does that) must
  // see the same pthread types and initializers as libc itself.
  ['libc-top-half/musl/include/pthread.h', [[`#if ${REENTRANT}`, '#if defined(__wasilibc_unmodified_upstream) || defined(_REENTRANT) || defined(__wasm_atomics__)']]],
  ['libc-top-half/musl/include/limits.h', [[`#if ${REENTRANT}`, '#if defined(__wasilibc_unmodified_upstream) || defined(_REENTRANT) || defined(__wasm_atomics__)']]],
  ['libc-top-half/musl/include/stdio.h', [[`#if ${REENTRANT}`, '#if defined(__wasilibc_unmodified_upstream) || defined(_REENTRANT) || defined(__wasm_atomics__)']]],
  // dlmalloc asks for more memory in steps of its granularity (by default one 64 KiB page).
  // Growing a shared memory interrupts every thread that shares it, so growing it page by
  // page slowed the first large allocations of a session (a call graph built after a reload:
  // 501 -> 582 ms with a 64 MiB initial memory). 4 MiB steps: at most 4 MiB unused at the end.
  // `__drift_heap_in_use` (bytes of the heap in blocks handed out) for the engine's memory
  // report: the linear memory only says how far the heap ever reached, not how much of it is
  // used. It walks every block under malloc's lock, so it is for diagnostics only.
  ['dlmalloc/src/dlmalloc.c', [
    ['#define MALLOC_ALIGNMENT 16\n', '#define MALLOC_ALIGNMENT 16\n#define DEFAULT_GRANULARITY ((size_t)4U * 1024U * 1024U)\n'],
    ['#define NO_MALLINFO 1\n', ''],
    ['// Export the public names.\n', 'size_t __drift_heap_in_use(void) {\n    return dlmallinfo().uordblks;\n}\n\n// Export the public names.\n'],
  ]],
  // musl's memcmp compares byte by byte. Rust compares every string and slice with it (`==`
  // on `str` is a length check and a `memcmp`), so in a profile of the call graph's build it
  // took 64 ms of CPU against a few natively (glibc's is vectorised). Eight bytes at a time
  // here (wasm loads need no alignment); the first differing word is ordered by its first
  // differing byte, which byte-swapping the little-endian words makes the most significant.
  ['libc-top-half/musl/src/string/memcmp.c', [[
    '#include <string.h>\n\nint memcmp(const void *vl, const void *vr, size_t n)\n{\n\tconst unsigned char *l=vl, *r=vr;\n\tfor (; n && *l == *r; n--, l++, r++);\n\treturn n ? *l-*r : 0;\n}\n',
    '#include <string.h>\n#include <stdint.h>\n\nint memcmp(const void *vl, const void *vr, size_t n)\n{\n\tconst unsigned char *l=vl, *r=vr;\n\tfor (; n >= 8; n -= 8, l += 8, r += 8) {\n\t\tuint64_t a, b;\n\t\t__builtin_memcpy(&a, l, 8);\n\t\t__builtin_memcpy(&b, r, 8);\n\t\tif (a != b) {\n\t\t\ta = __builtin_bswap64(a);\n\t\t\tb = __builtin_bswap64(b);\n\t\t\treturn a < b ? -1 : 1;\n\t\t}\n\t}\n\tif (n >= 4) {\n\t\tuint32_t a, b;\n\t\t__builtin_memcpy(&a, l, 4);\n\t\t__builtin_memcpy(&b, r, 4);\n\t\tif (a != b) {\n\t\t\ta = __builtin_bswap32(a);\n\t\t\tb = __builtin_bswap32(b);\n\t\t\treturn a < b ? -1 : 1;\n\t\t}\n\t\tn -= 4, l += 4, r += 4;\n\t}\n\tfor (; n && *l == *r; n--, l++, r++);\n\treturn n ? *l-*r : 0;\n}\n',
  ]]],
  // The 2022 command entry never calls constructors itself, so wasm-ld wraps every export
  // (wasi_thread_start included) in ctor/dtor calls; destructors then ran on thread entry.
  ['libc-bottom-half/crt/crt1-command.c', [['    int r = __original_main();\n', '    __wasm_call_ctors();\n    int r = __original_main();\n    __wasm_call_dtors();\n']]],
];

let changed = 0;
for (const [rel, pairs] of edits) {
  const path = join(root, rel);
  let text = readFileSync(path, 'utf8');
  for (const [from, to] of pairs) {
    if (!text.includes(from)) {
      console.error(`patch-wasi-libc: ${rel}: expected text not found (run on a fresh tree):\n${from}`);
      process.exit(1);
    }
    text = text.split(from).join(to);
    changed += 1;
  }
  writeFileSync(path, text);
}
console.log(`patch-wasi-libc: ${changed} edits applied`);
