# Entry point of every thread created by drift's pthread_create (see pthread.c).
#
# The host (emnapi's wasi-threads in Node and in browsers) runs `wasi_thread_start(tid, arg)`
# on a fresh instance of the module over the same shared memory. That instance starts with
# the link-time globals, so `__stack_pointer` is still the main thread's and `__tls_base`
# is unset: no C code may run before both are fixed, which is why this part is assembly.
#
# `arg` points to `struct drift_thread` (pthread.c); its first three words are ABI here:
#   +0  stack top (16-byte aligned)
#   +4  TLS block (sized and aligned for __builtin_wasm_tls_size/align)
#   +8  `done`: set to 1 and notified after every line of C of this thread has returned,
#       so a joiner may free the block (and this stack) only from then on.

	.text

	.export_name	wasi_thread_start, wasi_thread_start

	.globaltype	__stack_pointer, i32
	.functype	__wasm_init_tls (i32) -> ()
	.functype	__drift_thread_main (i32, i32) -> ()

	.globl	wasi_thread_start
	.type	wasi_thread_start,@function

wasi_thread_start:
	.functype	wasi_thread_start (i32, i32) -> ()
	local.get	1
	i32.load	0
	global.set	__stack_pointer
	local.get	1
	i32.load	4
	call	__wasm_init_tls
	local.get	0
	local.get	1
	call	__drift_thread_main
	# The thread's C code is finished; from here on only wasm locals are used.
	local.get	1
	i32.const	1
	i32.atomic.store	8
	local.get	1
	i32.const	8
	i32.add
	i32.const	-1
	memory.atomic.notify	0
	drop
	end_function
