// POSIX threads for wasm32-wasip1-threads on top of the 2022 wasi-libc (built with
// THREAD_MODEL=posix by wasm/toolchain/setup.sh), which predates wasi-threads and ships no
// pthread_create. This file supplies what Rust's std, emnapi's thread pool and libc's own
// stdio/malloc locking need: thread creation/join/detach, attributes, keys with destructors,
// mutexes, condition variables, once, semaphores, cancel-state stubs, and the thread pointer
// musl's internals read (`__pthread_self()->tid` in stdio locks).
//
// Design (why, not what):
// - One allocation per thread holds the header read by thread_start.s, musl's struct pthread,
//   the TLS block and the stack. It is freed only after thread_start.s has stored `done`,
//   i.e. after the thread's last C instruction, so a joiner never frees a stack in use.
// - Detached threads cannot free their own stack; finished ones go on a list that later
//   pthread_create/pthread_join calls reap.
// - All blocking uses memory.atomic.wait32/notify. Blocking is forbidden on a browser page's
//   main thread, so the engine instantiates its module in a dedicated Worker.
// - Thread churn is expensive for the host (a Web Worker per thread); the engine keeps
//   long-lived pools (rayon, emnapi's async work pool), see wasm/README.md.
//
// Compiled against musl's internal headers of the same tree so struct pthread, FILE and
// pthread_attr_t layouts are exactly libc's.

#include "pthread_impl.h"
#include "stdio_impl.h"
#include "libc.h"

#include <errno.h>
#include <limits.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// emnapi reads these fields of a pthread_t directly, at wasi-sdk's offsets.
_Static_assert(offsetof(struct pthread, tid) == 20, "emnapi reads the tid at wasi-sdk's offset");
_Static_assert(offsetof(struct pthread, cancel) == 32, "emnapi reads cancel at wasi-sdk's offset");

#define DRIFT_DEFAULT_STACK (1u << 20)
#ifndef SEM_VALUE_MAX
#define SEM_VALUE_MAX 0x7fffffff
#endif
#define DRIFT_STACK_CANARY 0x5d1f7c0du
#define DRIFT_MAIN_TID 0x3fffffff

__attribute__((import_module("wasi"), import_name("thread-spawn")))
int32_t __drift_wasi_thread_spawn(void *start_arg);

void __wasm_init_tls(void *);
void wasi_thread_start(int tid, void *start_arg);

// thread_start.s sits in its own archive member that nothing calls by name; this reference
// links it (and its `wasi_thread_start` export) into every program that creates threads.
void (*const volatile __drift_thread_entry)(int, void *) = wasi_thread_start;
hidden void __do_orphaned_stdio_locks(void);

struct drift_thread {
	// ABI with thread_start.s: offsets 0, 4, 8.
	uintptr_t stack_top;
	void *tls;
	volatile int done;
	volatile int state; // DT_JOINABLE, DT_DETACHED or DT_EXITED
	struct pthread pt;
	void *(*start)(void *);
	void *arg;
	void *allocation;         // what malloc returned; freed once `done` is set
	volatile uint32_t *canary; // lowest word of the stack region
	struct drift_thread *next_dead;
};

// ---------------------------------------------------------------------------------------
// Atomics and waiting.

static inline int cas(volatile int *p, int expected, int desired) {
	__atomic_compare_exchange_n((int *)p, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return expected;
}
static inline int xchg(volatile int *p, int v) { return __atomic_exchange_n((int *)p, v, __ATOMIC_SEQ_CST); }
static inline int load(volatile int *p) { return __atomic_load_n((int *)p, __ATOMIC_SEQ_CST); }
static inline void store(volatile int *p, int v) { __atomic_store_n((int *)p, v, __ATOMIC_SEQ_CST); }
static inline int fetch_add(volatile int *p, int v) { return __atomic_fetch_add((int *)p, v, __ATOMIC_SEQ_CST); }

// Returns 0 when woken, 1 when *p != expected, 2 on timeout (wait32's own codes).
static inline int wait32(volatile int *p, int expected, int64_t timeout_ns) {
	return __builtin_wasm_memory_atomic_wait32((int *)p, expected, timeout_ns);
}
static inline void wake(volatile int *p, unsigned count) {
	__builtin_wasm_memory_atomic_notify((int *)p, count);
}

// emnapi's wait helper (libemnapi-*-mt.a) links against this newer wasi-libc entry point.
// Returns 0, -EAGAIN (value already changed) or -ETIMEDOUT.
int __wasilibc_futex_wait_atomic_wait(volatile void *addr, int op, int val, int64_t max_wait_ns) {
	(void)op;
	int r = wait32((volatile int *)addr, val, max_wait_ns < 0 ? -1 : max_wait_ns);
	if (r == 1) return -EAGAIN;
	if (r == 2) return -ETIMEDOUT;
	return 0;
}

// Nanoseconds from now until an absolute deadline on `clock`; -1 means "no deadline".
static int64_t ns_until(clockid_t clock, const struct timespec *abstime) {
	if (!abstime) return -1;
	struct timespec now;
	if (clock_gettime(clock, &now)) return 0;
	int64_t ns = (int64_t)(abstime->tv_sec - now.tv_sec) * 1000000000 + (abstime->tv_nsec - now.tv_nsec);
	return ns < 0 ? 0 : ns;
}

// A plain 0 (free) / 1 (locked) / 2 (locked, maybe waiters) lock word.
static void word_lock(volatile int *w) {
	int c = cas(w, 0, 1);
	if (!c) return;
	if (c != 2) c = xchg(w, 2);
	while (c) {
		wait32(w, 2, -1);
		c = xchg(w, 2);
	}
}
static int word_timedlock(volatile int *w, clockid_t clock, const struct timespec *abstime) {
	int c = cas(w, 0, 1);
	if (!c) return 0;
	if (c != 2) c = xchg(w, 2);
	while (c) {
		int64_t ns = ns_until(clock, abstime);
		if (ns == 0) return ETIMEDOUT;
		wait32(w, 2, ns);
		c = xchg(w, 2);
	}
	return 0;
}
static void word_unlock(volatile int *w) {
	if (fetch_add(w, -1) != 1) {
		store(w, 0);
		wake(w, 1);
	}
}

// ---------------------------------------------------------------------------------------
// The thread pointer.

static struct drift_thread main_thread = {
	.state = DT_JOINABLE,
	.pt = { .tid = DRIFT_MAIN_TID, .detach_state = DT_JOINABLE },
};

// Read by musl's stdio locks through __pthread_self() (patched pthread_arch.h). The TLS
// template gives every new thread the main thread's value until __drift_thread_main sets it.
_Thread_local struct pthread *__wasilibc_pthread_self = &main_thread.pt;

static struct drift_thread *thread_of(pthread_t t) {
	return (struct drift_thread *)((char *)t - offsetof(struct drift_thread, pt));
}

pthread_t pthread_self(void) { return __wasilibc_pthread_self; }
int (pthread_equal)(pthread_t a, pthread_t b) { return a == b; }

// ---------------------------------------------------------------------------------------
// Keys: a global table of destructors; values live in each thread's TLS. A generation per
// key makes a deleted-and-recreated key read as NULL in threads that set the old one.

static volatile int keys_lock;
static void (*key_dtor[PTHREAD_KEYS_MAX])(void *);
static unsigned key_used[PTHREAD_KEYS_MAX];
static unsigned key_gen[PTHREAD_KEYS_MAX];
static _Thread_local void *tsd_value[PTHREAD_KEYS_MAX];
static _Thread_local unsigned tsd_gen[PTHREAD_KEYS_MAX];

static void no_dtor(void *p) { (void)p; }

int pthread_key_create(pthread_key_t *key, void (*dtor)(void *)) {
	word_lock(&keys_lock);
	for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (!key_used[k]) {
			key_used[k] = 1;
			key_gen[k] += 1;
			key_dtor[k] = dtor ? dtor : no_dtor;
			*key = k;
			word_unlock(&keys_lock);
			return 0;
		}
	}
	word_unlock(&keys_lock);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key) {
	if (key >= PTHREAD_KEYS_MAX) return EINVAL;
	word_lock(&keys_lock);
	key_used[key] = 0;
	key_dtor[key] = 0;
	word_unlock(&keys_lock);
	return 0;
}

void *pthread_getspecific(pthread_key_t key) {
	if (key >= PTHREAD_KEYS_MAX || tsd_gen[key] != __atomic_load_n(&key_gen[key], __ATOMIC_ACQUIRE)) return 0;
	return tsd_value[key];
}

int pthread_setspecific(pthread_key_t key, const void *value) {
	if (key >= PTHREAD_KEYS_MAX) return EINVAL;
	tsd_gen[key] = __atomic_load_n(&key_gen[key], __ATOMIC_ACQUIRE);
	tsd_value[key] = (void *)value;
	return 0;
}

// POSIX: call destructors of non-NULL values, repeating while destructors set new values.
static void run_key_destructors(void) {
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int ran = 0;
		for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void *v = pthread_getspecific(k);
			if (!v) continue;
			word_lock(&keys_lock);
			void (*dtor)(void *) = key_used[k] ? key_dtor[k] : 0;
			word_unlock(&keys_lock);
			tsd_value[k] = 0;
			if (dtor && dtor != no_dtor) {
				dtor(v);
				ran = 1;
			}
		}
		if (!ran) return;
	}
}

// ---------------------------------------------------------------------------------------
// Thread attributes (musl's 36-byte layout, which Rust's libc crate mirrors).

int pthread_attr_init(pthread_attr_t *a) {
	memset(a, 0, sizeof *a);
	a->_a_detach = PTHREAD_CREATE_JOINABLE;
	return 0;
}
int pthread_attr_destroy(pthread_attr_t *a) { (void)a; return 0; }
int pthread_attr_setstacksize(pthread_attr_t *a, size_t size) {
	if (size < PTHREAD_STACK_MIN) return EINVAL;
	a->_a_stacksize = size;
	return 0;
}
int pthread_attr_getstacksize(const pthread_attr_t *a, size_t *size) {
	*size = a->_a_stacksize ? a->_a_stacksize : DRIFT_DEFAULT_STACK;
	return 0;
}
int pthread_attr_setdetachstate(pthread_attr_t *a, int state) {
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED) return EINVAL;
	a->_a_detach = state;
	return 0;
}
int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state) {
	*state = a->_a_detach;
	return 0;
}
// Linear memory has no guard pages; the stack canary (checked at exit) stands in for them.
int pthread_attr_setguardsize(pthread_attr_t *a, size_t size) { a->_a_guardsize = size; return 0; }
int pthread_attr_getguardsize(const pthread_attr_t *a, size_t *size) { *size = a->_a_guardsize; return 0; }

// ---------------------------------------------------------------------------------------
// Creation, exit, join, detach.

static volatile int dead_lock;
static struct drift_thread *dead_list;

// Frees finished detached threads whose last instruction has run.
static void reap_dead(void) {
	word_lock(&dead_lock);
	struct drift_thread **link = &dead_list;
	while (*link) {
		struct drift_thread *t = *link;
		if (load(&t->done)) {
			*link = t->next_dead;
			free(t->allocation);
		} else {
			link = &t->next_dead;
		}
	}
	word_unlock(&dead_lock);
}

static void push_dead(struct drift_thread *t) {
	word_lock(&dead_lock);
	t->next_dead = dead_list;
	dead_list = t;
	word_unlock(&dead_lock);
}

// Once the first thread exists, libc's internal locks and stdio locks must engage, as musl
// does in pthread_create.
static void enable_locking(void) {
	static volatile int enabled;
	if (cas(&enabled, 0, 1)) return;
	FILE **head = __ofl_lock();
	for (FILE *f = *head; f; f = f->next)
		if (f->lock < 0) f->lock = 0;
	__ofl_unlock();
	if (__stdin_used->lock < 0) __stdin_used->lock = 0;
	if (__stdout_used->lock < 0) __stdout_used->lock = 0;
	if (__stderr_used->lock < 0) __stderr_used->lock = 0;
	libc.threaded = 1;
	libc.need_locks = 1;
}

// DRIFT_THREADS_TRACE=1 logs thread lifecycle events to stderr (for diagnosing hangs: the
// thread host cannot report anything while the main thread blocks).
static int tracing(void) {
	static volatile int on = -1;
	if (on < 0) on = getenv("DRIFT_THREADS_TRACE") != 0;
	return on;
}
static void trace(const char *what, int tid, int value) {
	if (!tracing()) return;
	char msg[96];
	int n = snprintf(msg, sizeof msg, "drift-threads: %s tid=%d %d\n", what, tid, value);
	write(2, msg, (size_t)n);
}

// Called by thread_start.s after the stack pointer and TLS are set up.
void __drift_thread_main(int tid, struct drift_thread *t) {
	t->pt.tid = tid;
	__wasilibc_pthread_self = &t->pt;
	trace("start", tid, 0);
	t->pt.result = t->start(t->arg);
	trace("returned", tid, 0);
	run_key_destructors();
	__do_orphaned_stdio_locks();
	if (*t->canary != DRIFT_STACK_CANARY) {
		static const char msg[] = "drift: a thread overflowed its stack; aborting\n";
		write(2, msg, sizeof msg - 1);
		abort();
	}
	int was = cas(&t->state, DT_JOINABLE, DT_EXITED);
	if (was == DT_DETACHED) push_dead(t);
	trace("exit", tid, was);
}

int pthread_create(pthread_t *restrict res, const pthread_attr_t *restrict attr,
                   void *(*entry)(void *), void *restrict arg) {
	reap_dead();
	size_t stack = attr && attr->_a_stacksize ? attr->_a_stacksize : DRIFT_DEFAULT_STACK;
	stack = (stack + 15) & ~(size_t)15;
	size_t tls_align = __builtin_wasm_tls_align();
	size_t tls_size = __builtin_wasm_tls_size();
	if (tls_align < 16) tls_align = 16;
	// [canary][stack ... top][struct drift_thread][pad][TLS]
	size_t header_at = 16 + stack;
	size_t tls_at = (header_at + sizeof(struct drift_thread) + tls_align - 1) & ~(tls_align - 1);
	size_t total = tls_at + tls_size;
	if (total < stack) return EAGAIN; // overflow
	char *raw = malloc(total + tls_align - 1);
	if (!raw) return EAGAIN;
	// Every part is placed from a base aligned for both the stack (16) and the TLS block.
	char *block = (char *)(((uintptr_t)raw + tls_align - 1) & ~(uintptr_t)(tls_align - 1));
	uintptr_t tls = (uintptr_t)block + tls_at;
	struct drift_thread *t = (struct drift_thread *)(block + header_at);
	memset(t, 0, sizeof *t);
	t->allocation = raw;
	t->canary = (volatile uint32_t *)block;
	*t->canary = DRIFT_STACK_CANARY;
	t->stack_top = (uintptr_t)(block + header_at) & ~(uintptr_t)15;
	t->tls = (void *)tls;
	t->start = entry;
	t->arg = arg;
	t->state = attr && attr->_a_detach == PTHREAD_CREATE_DETACHED ? DT_DETACHED : DT_JOINABLE;
	t->pt.self = &t->pt;
	t->pt.detach_state = t->state;
	enable_locking();
	int tid = __drift_wasi_thread_spawn(t);
	if (tid < 0) {
		free(t->allocation);
		return EAGAIN;
	}
	// Also stored by the thread itself; set here too because emnapi reads the tid of a
	// pthread_t (at wasi-sdk's offset 20) as soon as pthread_create returns.
	__atomic_store_n(&t->pt.tid, tid, __ATOMIC_SEQ_CST);
	trace("created", tid, t->state);
	*res = &t->pt;
	return 0;
}

int pthread_join(pthread_t th, void **result) {
	struct drift_thread *t = thread_of(th);
	if (t == &main_thread || th == pthread_self()) return EDEADLK;
	// Wait in slices so a join that never finishes says so on stderr instead of hanging
	// silently (the thread host cannot report anything while this thread blocks).
	for (int slices = 0; !load(&t->done); slices++) {
		if (wait32(&t->done, 0, 2000000000LL) == 2) {
			char msg[128];
			int n = snprintf(msg, sizeof msg, "drift: pthread_join: thread %d (state %d) still running after %d s\n",
			                 t->pt.tid, load(&t->state), 2 * (slices + 1));
			write(2, msg, (size_t)n);
		}
	}
	if (result) *result = t->pt.result;
	free(t->allocation);
	reap_dead();
	return 0;
}

int pthread_detach(pthread_t th) {
	struct drift_thread *t = thread_of(th);
	int prev = cas(&t->state, DT_JOINABLE, DT_DETACHED);
	trace("detach", t->pt.tid, prev);
	if (prev == DT_EXITED) push_dead(t); // already finished: free once `done` is set
	else if (prev != DT_JOINABLE) return EINVAL;
	return 0;
}

// Cancellation is not supported: these keep the state callers save and restore.
int pthread_setcancelstate(int state, int *old) {
	if ((unsigned)state > 1U) return EINVAL;
	struct pthread *self = __wasilibc_pthread_self;
	if (old) *old = self->canceldisable;
	self->canceldisable = state;
	return 0;
}
void pthread_testcancel(void) {}

// ---------------------------------------------------------------------------------------
// Mutexes: `_m_lock` is a 0/1/2 word; recursive and error-checking types record the owner.

int pthread_mutexattr_init(pthread_mutexattr_t *a) { a->__attr = 0; return 0; }
int pthread_mutexattr_destroy(pthread_mutexattr_t *a) { (void)a; return 0; }
int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type) {
	if ((unsigned)type > 2) return EINVAL;
	a->__attr = (a->__attr & ~3u) | (unsigned)type;
	return 0;
}
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict a, int *restrict type) {
	*type = a->__attr & 3;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a) {
	memset(m, 0, sizeof *m);
	if (a) m->_m_type = a->__attr & 3;
	return 0;
}
int pthread_mutex_destroy(pthread_mutex_t *m) { (void)m; return 0; }

static int mutex_acquire(pthread_mutex_t *m, const struct timespec *abstime) {
	int type = m->_m_type & 3;
	int self = __wasilibc_pthread_self->tid;
	if (type != PTHREAD_MUTEX_NORMAL && load(&m->_m_waiters) == self) {
		if (type == PTHREAD_MUTEX_ERRORCHECK) return EDEADLK;
		if (m->_m_count == INT_MAX) return EAGAIN;
		m->_m_count++;
		return 0;
	}
	int r = abstime ? word_timedlock(&m->_m_lock, CLOCK_REALTIME, abstime) : (word_lock(&m->_m_lock), 0);
	if (r) return r;
	if (type != PTHREAD_MUTEX_NORMAL) {
		store(&m->_m_waiters, self); // owner tid (the field is unused otherwise)
		m->_m_count = 1;
	}
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m) { return mutex_acquire(m, 0); }
int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict at) {
	return mutex_acquire(m, at);
}
int pthread_mutex_trylock(pthread_mutex_t *m) {
	int type = m->_m_type & 3;
	int self = __wasilibc_pthread_self->tid;
	if (type == PTHREAD_MUTEX_RECURSIVE && load(&m->_m_waiters) == self) {
		m->_m_count++;
		return 0;
	}
	if (cas(&m->_m_lock, 0, 1)) return EBUSY;
	if (type != PTHREAD_MUTEX_NORMAL) {
		store(&m->_m_waiters, self);
		m->_m_count = 1;
	}
	return 0;
}
int pthread_mutex_unlock(pthread_mutex_t *m) {
	int type = m->_m_type & 3;
	if (type != PTHREAD_MUTEX_NORMAL) {
		if (load(&m->_m_waiters) != __wasilibc_pthread_self->tid) return EPERM;
		if (--m->_m_count) return 0;
		store(&m->_m_waiters, 0);
	}
	word_unlock(&m->_m_lock);
	return 0;
}

// ---------------------------------------------------------------------------------------
// Condition variables: a sequence word bumped by every signal; waiters sleep on it.

int pthread_condattr_init(pthread_condattr_t *a) { a->__attr = 0; return 0; }
int pthread_condattr_destroy(pthread_condattr_t *a) { (void)a; return 0; }
int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clk) {
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC) return EINVAL;
	a->__attr = clk == CLOCK_MONOTONIC ? 1u : 0u;
	return 0;
}
int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a) {
	memset(c, 0, sizeof *c);
	if (a && (a->__attr & 1)) c->_c_clock = 1;
	return 0;
}
int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abstime) {
	int seq = load(&c->_c_seq);
	int type = m->_m_type & 3;
	int count = m->_m_count;
	if (type != PTHREAD_MUTEX_NORMAL) {
		m->_m_count = 1;
	}
	pthread_mutex_unlock(m);
	clockid_t clock = c->_c_clock ? CLOCK_MONOTONIC : CLOCK_REALTIME;
	int timed_out = 0;
	int64_t ns = ns_until(clock, abstime);
	if (ns == 0) timed_out = 1;
	else if (wait32(&c->_c_seq, seq, ns) == 2) timed_out = 1;
	// Relock as "maybe waiters": other threads may sleep on the mutex after a broadcast.
	int v = xchg(&m->_m_lock, 2);
	while (v) {
		wait32(&m->_m_lock, 2, -1);
		v = xchg(&m->_m_lock, 2);
	}
	if (type != PTHREAD_MUTEX_NORMAL) {
		store(&m->_m_waiters, __wasilibc_pthread_self->tid);
		m->_m_count = count;
	}
	return timed_out ? ETIMEDOUT : 0;
}
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m) {
	return pthread_cond_timedwait(c, m, 0);
}
int pthread_cond_signal(pthread_cond_t *c) {
	fetch_add(&c->_c_seq, 1);
	wake(&c->_c_seq, 1);
	return 0;
}
int pthread_cond_broadcast(pthread_cond_t *c) {
	fetch_add(&c->_c_seq, 1);
	wake(&c->_c_seq, -1u);
	return 0;
}

// ---------------------------------------------------------------------------------------
// Once: 0 = not run, 1 = running, 2 = done.

int pthread_once(pthread_once_t *once, void (*fn)(void)) {
	volatile int *w = (volatile int *)once;
	if (load(w) == 2) return 0;
	if (cas(w, 0, 1) == 0) {
		fn();
		store(w, 2);
		wake(w, -1u);
		return 0;
	}
	while (load(w) == 1) wait32(w, 1, -1);
	return 0;
}

// ---------------------------------------------------------------------------------------
// Semaphores: __val[0] is the count, __val[1] the number of sleepers.

int sem_init(sem_t *s, int pshared, unsigned value) {
	(void)pshared;
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(s, 0, sizeof *s);
	s->__val[0] = (int)value;
	return 0;
}
int sem_destroy(sem_t *s) { (void)s; return 0; }
int sem_trywait(sem_t *s) {
	int v = load(&s->__val[0]);
	while (v > 0) {
		int prev = cas(&s->__val[0], v, v - 1);
		if (prev == v) return 0;
		v = prev;
	}
	errno = EAGAIN;
	return -1;
}
int sem_timedwait(sem_t *restrict s, const struct timespec *restrict abstime) {
	for (;;) {
		if (sem_trywait(s) == 0) return 0;
		int64_t ns = ns_until(CLOCK_REALTIME, abstime);
		if (ns == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		fetch_add(&s->__val[1], 1);
		wait32(&s->__val[0], 0, ns);
		fetch_add(&s->__val[1], -1);
	}
}
int sem_wait(sem_t *s) { return sem_timedwait(s, 0); }
int sem_post(sem_t *s) {
	int v = fetch_add(&s->__val[0], 1);
	if (v == SEM_VALUE_MAX) {
		fetch_add(&s->__val[0], -1);
		errno = EOVERFLOW;
		return -1;
	}
	if (load(&s->__val[1]) > 0) wake(&s->__val[0], 1);
	return 0;
}
int sem_getvalue(sem_t *restrict s, int *restrict value) {
	*value = load(&s->__val[0]);
	return 0;
}
