/*
 * testutil.h - small helpers shared by the unit tests (header-only, so each
 * test binary stays one file).
 */
#ifndef DX_TESTUTIL_H
#define DX_TESTUTIL_H

#include "core/dx.h"

#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

/* A fresh temporary store path; remove it (and -wal/-shm) with tu_rm(). */
static inline void tu_tmpdb(char path[64])
{
	int fd;
	dx_strlcpy(path, "/tmp/dixian-test-XXXXXX", 64);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
}

static inline void tu_rm(const char *path)
{
	char p[80];
	unlink(path);
	dx_snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	dx_snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

#endif
