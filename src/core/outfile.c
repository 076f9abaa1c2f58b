/*
 * outfile.c - writing an output file safely (outfile.h): a registry of the
 * files the process must not write over (the store and its companions,
 * the inputs it reads), and a temporary file renamed into place.
 *
 * Files are compared by device and inode, so a second name for the store
 * (a hard link, a symlink, "./a.db") is caught; a store's -wal and -shm
 * files may not exist yet when it is opened, so those are also compared by
 * name within the store's directory.  An entry whose path no longer names
 * the same inode (deleted, replaced) is stale and ignored: its inode number
 * may be reused by a new file.
 */
#include "core/dx.h"
#include "core/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROTECT_MAX 64

struct guarded {
	char *path;     /* as registered, to tell a stale entry */
	dev_t dev;
	ino_t ino;
	int store;
	dev_t dir_dev; /* the directory the store lies in */
	ino_t dir_ino;
	char base[256]; /* the store's file name */
};

static struct guarded guarded[PROTECT_MAX];
static size_t nguarded;
static atomic_flag lock = ATOMIC_FLAG_INIT;

static void guard_lock(void)
{
	while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
		;
}

static void guard_unlock(void)
{
	atomic_flag_clear_explicit(&lock, memory_order_release);
}

/* Split path into its directory (into dir, "." when none) and its last
 * component; 0, or DX_TOOBIG when dir does not fit. */
static int split(const char *path, char *dir, size_t size, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*base = path;
		return dx_snprintf(dir, size, ".");
	}
	*base = slash + 1;
	if (slash == path)
		return dx_snprintf(dir, size, "/");
	if ((size_t)(slash - path) >= size)
		return DX_TOOBIG;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return DX_OK;
}

void dx_outfile_protect(const char *path, int store)
{
	struct stat st, ds;
	struct guarded g;
	char dir[4096];
	const char *base;
	size_t i;

	if (!path || stat(path, &st))
		return;
	memset(&g, 0, sizeof(g));
	g.path = dx_xstrdup(path);
	g.dev = st.st_dev;
	g.ino = st.st_ino;
	g.store = store;
	if (store && !split(path, dir, sizeof(dir), &base) && !stat(dir, &ds)) {
		g.dir_dev = ds.st_dev;
		g.dir_ino = ds.st_ino;
		dx_strlcpy(g.base, base, sizeof(g.base));
	}
	guard_lock();
	for (i = 0; i < nguarded; i++)
		if (guarded[i].dev == g.dev && guarded[i].ino == g.ino)
			break;
	if (i < nguarded && !g.store) {
		free(g.path); /* known already */
	} else if (i < nguarded || nguarded == PROTECT_MAX) {
		/* an input opened again as a store; or, in a long-running
		 * process, the last slot turns over (the store, opened first,
		 * stays) */
		if (i == nguarded)
			i = PROTECT_MAX - 1;
		free(guarded[i].path);
		guarded[i] = g;
	} else {
		guarded[nguarded++] = g;
	}
	guard_unlock();
}

/* 1 when base is name + one of SQLite's companion suffixes. */
static int is_companion(const char *base, const char *name)
{
	static const char *const sfx[] = {"-wal", "-shm", "-journal"};
	size_t n = strlen(name);
	if (!n || strncmp(base, name, n))
		return 0;
	for (size_t i = 0; i < DX_ARRAY_SIZE(sfx); i++)
		if (!strcmp(base + n, sfx[i]))
			return 1;
	return 0;
}

/* 1 when path is a protected file or a store's companion. */
static int is_guarded(const char *path)
{
	struct stat st, ds, gs;
	char dir[4096];
	const char *base;
	int have = !stat(path, &st), have_dir = 0, hit = 0;

	if (!split(path, dir, sizeof(dir), &base))
		have_dir = !stat(dir, &ds);
	guard_lock();
	for (size_t i = 0; i < nguarded && !hit; i++) {
		const struct guarded *g = &guarded[i];
		if (stat(g->path, &gs) || gs.st_dev != g->dev || gs.st_ino != g->ino)
			continue; /* stale */
		if (have && g->dev == st.st_dev && g->ino == st.st_ino)
			hit = 1;
		else if (g->store && have_dir && g->dir_dev == ds.st_dev &&
			 g->dir_ino == ds.st_ino && is_companion(base, g->base))
			hit = 1;
	}
	guard_unlock();
	return hit;
}

/* Create a new temporary file beside path; its fd, or -1. */
static int make_temp(const char *path, char **name)
{
	static atomic_uint counter;
	char dir[4096];
	const char *base;
	struct timespec ts;

	if (split(path, dir, sizeof(dir), &base))
		return -1;
	for (int attempt = 0; attempt < 100; attempt++) {
		size_t n = strlen(path) + 64;
		char *t = dx_xmalloc(n);
		int fd;

		clock_gettime(CLOCK_REALTIME, &ts);
		dx_snprintf(t, n, "%s%s.%s.%ld.%u%05ld.tmp", dir, strcmp(dir, "/") ? "/" : "",
			    base, (long)getpid(), atomic_fetch_add(&counter, 1),
			    (long)(ts.tv_nsec % 100000));
		/* 0666 as fopen() would create it: the umask applies */
		fd = open(t, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0) {
			*name = t;
			return fd;
		}
		free(t);
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

int dx_outfile_open(struct dx_outfile *o, const char *path, unsigned flags)
{
	struct stat st;
	int fd = -1;

	memset(o, 0, sizeof(*o));
	if (!path || !*path)
		return dx_error(DX_IO, "no output file name");
	if (is_guarded(path))
		return dx_error(DX_EXISTS, "refusing to write '%s': it is the store or an input "
				"of this run", path);
	o->path = dx_xstrdup(path);
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		/* a device or a pipe: nothing to rename over */
		o->name = dx_xstrdup(path);
		if (flags & DX_OUTFILE_BY_NAME)
			return DX_OK;
		if ((o->f = fopen(path, "wb")))
			return DX_OK;
		dx_outfile_abort(o);
		return dx_error(DX_IO, "cannot open '%s' for writing", path);
	}
	if ((fd = make_temp(path, &o->name)) < 0) {
		dx_outfile_abort(o);
		return dx_error(DX_IO, "cannot create a temporary file beside '%s': %s", path,
				strerror(errno));
	}
	o->tmp = 1;
	/* an existing file keeps its permissions */
	if (!stat(path, &st))
		(void)fchmod(fd, st.st_mode & 07777);
	if (flags & DX_OUTFILE_BY_NAME) {
		close(fd);
		return DX_OK;
	}
	if (!(o->f = fdopen(fd, "wb"))) {
		close(fd);
		dx_outfile_abort(o);
		return dx_error(DX_IO, "cannot open a temporary file beside '%s'", path);
	}
	return DX_OK;
}

/* fsync the directory holding path, so the rename survives a crash. */
static int sync_dir(const char *path)
{
	char dir[4096];
	const char *base;
	int fd, rc = 0;

	if (split(path, dir, sizeof(dir), &base))
		return -1;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int dx_outfile_commit(struct dx_outfile *o)
{
	int rc = DX_OK, fd;

	if (!o->path)
		return dx_error(DX_IO, "output file not open");
	if (o->f) {
		/* ferror: a failed fwrite() may leave nothing for fflush() */
		int bad = fflush(o->f) != 0 || ferror(o->f);
		if (o->tmp && !bad)
			bad = fsync(fileno(o->f)) != 0;
		bad |= fclose(o->f) != 0;
		o->f = NULL;
		if (bad)
			rc = dx_error(DX_IO, "cannot write '%s': %s", o->path, strerror(errno));
	} else if (o->tmp) {
		/* written by name: sync what the writer left */
		if ((fd = open(o->name, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd))
			rc = dx_error(DX_IO, "cannot sync '%s': %s", o->path, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	if (!rc && o->tmp) {
		/* the store may have been opened after this file (not here, but
		 * check again: the rename is the point of no return) */
		if (is_guarded(o->path))
			rc = dx_error(DX_EXISTS, "refusing to write '%s': it is the store or "
				      "an input of this run", o->path);
		else if (rename(o->name, o->path))
			rc = dx_error(DX_IO, "cannot rename a temporary file to '%s': %s",
				      o->path, strerror(errno));
		else {
			o->tmp = 0;
			if (sync_dir(o->path))
				dx_log(DX_LOG_WARN, "cannot sync the directory of '%s'", o->path);
		}
	}
	dx_outfile_abort(o);
	return rc;
}

void dx_outfile_abort(struct dx_outfile *o)
{
	if (!o)
		return;
	if (o->f)
		fclose(o->f);
	if (o->tmp && o->name)
		unlink(o->name);
	free(o->path);
	free(o->name);
	memset(o, 0, sizeof(*o));
}

const char *dx_outfile_why(int rc)
{
	switch (rc) {
	case DX_EXISTS:
		return "输出文件不能是数据库文件或本次读取的输入文件，请换一个文件名";
	case DX_IO:
		return "无法写入输出文件（请检查目录是否存在、是否有写权限、磁盘是否已满）";
	default:
		return NULL;
	}
}
