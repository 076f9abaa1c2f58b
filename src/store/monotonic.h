/*
 * monotonic.h - timed waits on the monotonic clock, for the store's two
 * waiting rooms (pool.c: a free connection; wqueue.c: the write lock), so
 * that a wall-clock step never turns a bounded wait into an hour or into
 * none.
 */
#ifndef DX_MONOTONIC_H
#define DX_MONOTONIC_H

#include <pthread.h>
#include <time.h>

/* Initialise cv so that pthread_cond_timedwait reads CLOCK_MONOTONIC. */
static inline void dx_cond_init_monotonic(pthread_cond_t *cv)
{
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(cv, &ca);
	pthread_condattr_destroy(&ca);
}

/* The moment ms milliseconds from now, on CLOCK_MONOTONIC. */
static inline void dx_deadline_after_ms(struct timespec *until, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, until);
	until->tv_sec += ms / 1000;
	until->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until->tv_nsec >= 1000000000L) {
		until->tv_sec++;
		until->tv_nsec -= 1000000000L;
	}
}

#endif
