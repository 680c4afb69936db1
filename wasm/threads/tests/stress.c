// Stress test for drift's wasm pthreads (wasm/threads/pthread.c), run many times in Node and
// Chromium by wasm/threads/tests/*.mjs and e2e/. Every phase checks its own result and the
// program exits non-zero on the first wrong one.
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define THREADS 8
#define CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(1); } } while (0)

static uint32_t rng(uint32_t *s) { *s ^= *s << 13; *s ^= *s >> 17; *s ^= *s << 5; return *s; }

// 1. malloc/free of random sizes from all threads; each block is filled and verified.
static void *alloc_worker(void *arg) {
	uint32_t seed = (uint32_t)(uintptr_t)arg * 2654435761u + 1;
	enum { SLOTS = 64 };
	unsigned char *slot[SLOTS] = {0};
	size_t len[SLOTS] = {0};
	for (int i = 0; i < 20000; i++) {
		int k = rng(&seed) % SLOTS;
		if (slot[k]) {
			for (size_t j = 0; j < len[k]; j++) CHECK(slot[k][j] == (unsigned char)(k + len[k]), "heap block %d corrupted", k);
			free(slot[k]);
		}
		len[k] = 1 + rng(&seed) % 4096;
		slot[k] = malloc(len[k]);
		CHECK(slot[k], "malloc failed");
		memset(slot[k], (unsigned char)(k + len[k]), len[k]);
	}
	for (int k = 0; k < SLOTS; k++) free(slot[k]);
	return arg;
}

// 2. a counter under a normal mutex, and one under a recursive mutex taken twice.
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t recursive_lock;
static long counter, recursive_counter;
static void *count_worker(void *arg) {
	for (int i = 0; i < 50000; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		pthread_mutex_unlock(&counter_lock);
		pthread_mutex_lock(&recursive_lock);
		pthread_mutex_lock(&recursive_lock);
		recursive_counter++;
		pthread_mutex_unlock(&recursive_lock);
		pthread_mutex_unlock(&recursive_lock);
	}
	return arg;
}

// 3. a bounded queue with two condition variables.
enum { QCAP = 16, ITEMS = 20000 };
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_not_empty = PTHREAD_COND_INITIALIZER, q_not_full = PTHREAD_COND_INITIALIZER;
static int q_buf[QCAP], q_head, q_len;
static long long consumed_sum;
static void *producer(void *arg) {
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&q_lock);
		while (q_len == QCAP) pthread_cond_wait(&q_not_full, &q_lock);
		q_buf[(q_head + q_len++) % QCAP] = i;
		pthread_cond_signal(&q_not_empty);
		pthread_mutex_unlock(&q_lock);
	}
	return arg;
}
static void *consumer(void *arg) {
	for (int i = 0; i < ITEMS; i++) { // two producers and two consumers of ITEMS each
		pthread_mutex_lock(&q_lock);
		while (q_len == 0) pthread_cond_wait(&q_not_empty, &q_lock);
		consumed_sum += q_buf[q_head];
		q_head = (q_head + 1) % QCAP;
		q_len--;
		pthread_cond_signal(&q_not_full);
		pthread_mutex_unlock(&q_lock);
	}
	return arg;
}

// 4. keys with destructors, and thread-local storage.
static pthread_key_t key;
static atomic_int destructed;
static _Thread_local int tls_value = 7;
static void key_dtor(void *p) { atomic_fetch_add(&destructed, (int)(uintptr_t)p); }
static void *key_worker(void *arg) {
	CHECK(tls_value == 7, "TLS template not copied");
	tls_value = (int)(uintptr_t)arg;
	pthread_setspecific(key, arg);
	CHECK(pthread_getspecific(key) == arg, "getspecific");
	usleep(1000);
	CHECK(tls_value == (int)(uintptr_t)arg, "TLS shared between threads");
	return 0;
}

// 5. detached threads and join churn.
static atomic_int detached_done;
static void *detached_worker(void *arg) { (void)arg; atomic_fetch_add(&detached_done, 1); return 0; }
static void *short_worker(void *arg) { return (void *)((uintptr_t)arg + 1); }

// 6. once and semaphores.
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs;
static sem_t sem;
static void once_fn(void) { atomic_fetch_add(&once_runs, 1); }
static void *sem_worker(void *arg) {
	pthread_once(&once, once_fn);
	for (int i = 0; i < 1000; i++) sem_post(&sem);
	return arg;
}

static void run(void *(*fn)(void *), int n, const char *name) {
	pthread_t t[THREADS * 2];
	for (int i = 0; i < n; i++) CHECK(pthread_create(&t[i], 0, fn, (void *)(uintptr_t)(i + 1)) == 0, "%s: create", name);
	for (int i = 0; i < n; i++) {
		void *r;
		CHECK(pthread_join(t[i], &r) == 0, "%s: join", name);
	}
	printf("ok %s\n", name);
}

int main(void) {
	run(alloc_worker, THREADS, "malloc");

	pthread_mutexattr_t ma;
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&recursive_lock, &ma);
	run(count_worker, THREADS, "mutex");
	CHECK(counter == THREADS * 50000L && recursive_counter == THREADS * 50000L, "counters %ld %ld", counter, recursive_counter);

	pthread_t p[2], c[2];
	for (int i = 0; i < 2; i++) { pthread_create(&p[i], 0, producer, 0); pthread_create(&c[i], 0, consumer, 0); }
	for (int i = 0; i < 2; i++) { pthread_join(p[i], 0); pthread_join(c[i], 0); }
	CHECK(consumed_sum == 2LL * ITEMS * (ITEMS + 1) / 2, "queue sum %lld", consumed_sum);
	printf("ok condvar\n");

	CHECK(pthread_key_create(&key, key_dtor) == 0, "key_create");
	run(key_worker, THREADS, "keys");
	CHECK(destructed == THREADS * (THREADS + 1) / 2, "destructors ran for %d", destructed);

	pthread_attr_t da;
	pthread_attr_init(&da);
	pthread_attr_setdetachstate(&da, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&da, 64 * 1024);
	for (int i = 0; i < 40; i++) {
		pthread_t t;
		CHECK(pthread_create(&t, &da, detached_worker, 0) == 0, "detached create");
	}
	for (int i = 0; i < 40; i++) {
		pthread_t t;
		void *r;
		CHECK(pthread_create(&t, 0, short_worker, (void *)(uintptr_t)i) == 0, "churn create");
		if (i % 2) { CHECK(pthread_join(t, &r) == 0 && r == (void *)(uintptr_t)(i + 1), "churn join"); }
		else CHECK(pthread_detach(t) == 0, "churn detach");
	}
	for (int spins = 0; atomic_load(&detached_done) < 40 && spins < 10000; spins++) usleep(1000);
	CHECK(detached_done == 40, "detached threads finished: %d", detached_done);
	printf("ok detach-churn\n");

	sem_init(&sem, 0, 0);
	run(sem_worker, 4, "once-sem-post");
	for (int i = 0; i < 4000; i++) CHECK(sem_wait(&sem) == 0, "sem_wait");
	CHECK(sem_trywait(&sem) == -1 && once_runs == 1, "semaphore count or once");
	printf("ok once-sem\n");
	printf("all phases passed\n");
	return 0;
}
