/*
 * idseal.c - sealing ID numbers with libsodium and the process's key
 * (see idseal.h for the construction and why it is deterministic).
 */
#include "core/dx.h"
#include "core/idseal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <unistd.h>

#define TAG_BYTES 16
#define SALT_BYTES 16
#define SECRET_MAX 1024
static const char KDF_CTX[crypto_kdf_CONTEXTBYTES + 1] = "dixianid";
static const char CHECK_TEXT[] = "dixian: key check for sealed ID numbers";

int dx_idkey_derive(const unsigned char master[DX_IDKEY_BYTES], struct dx_idkey *k)
{
	if (sodium_init() < 0)
		return dx_error(DX_NOMEM, "libsodium failed to start");
	crypto_kdf_derive_from_key(k->mac, sizeof(k->mac), 1, KDF_CTX, master);
	crypto_kdf_derive_from_key(k->enc, sizeof(k->enc), 2, KDF_CTX, master);
	crypto_kdf_derive_from_key(k->check, sizeof(k->check), 3, KDF_CTX, master);
	return DX_OK;
}

int dx_idseal_is_token(const char *s)
{
	return s && s[0] == '~';
}

/* XOR of buf (n bytes) with the key stream of k->enc and nonce tag||0 */
static void stream_xor(const struct dx_idkey *k, const unsigned char tag[TAG_BYTES],
		       unsigned char *out, const unsigned char *in, size_t n)
{
	unsigned char nonce[crypto_stream_xchacha20_NONCEBYTES] = {0};
	memcpy(nonce, tag, TAG_BYTES);
	crypto_stream_xchacha20_xor(out, in, n, nonce, k->enc);
}

int dx_idseal(const struct dx_idkey *k, const char *plain, char out[DX_IDSEAL_TOKEN_MAX])
{
	unsigned char raw[TAG_BYTES + DX_IDSEAL_MAX_PLAIN];
	size_t n = strlen(plain);
	out[0] = '\0';
	if (!n)
		return DX_OK;
	if (n > DX_IDSEAL_MAX_PLAIN)
		return dx_error(DX_TOOBIG, "text to seal is %zu bytes, at most %d", n,
				DX_IDSEAL_MAX_PLAIN);
	crypto_generichash(raw, TAG_BYTES, (const unsigned char *)plain, n, k->mac,
			   sizeof(k->mac));
	stream_xor(k, raw, raw + TAG_BYTES, (const unsigned char *)plain, n);
	out[0] = '~';
	sodium_bin2base64(out + 1, DX_IDSEAL_TOKEN_MAX - 1, raw, TAG_BYTES + n,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return DX_OK;
}

int dx_idopen(const struct dx_idkey *k, const char *token, char *out, size_t size)
{
	unsigned char raw[TAG_BYTES + DX_IDSEAL_MAX_PLAIN], tag[TAG_BYTES];
	size_t len = 0, n;
	if (size)
		out[0] = '\0';
	if (!dx_idseal_is_token(token) ||
	    sodium_base642bin(raw, sizeof(raw), token + 1, strlen(token + 1), NULL, &len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    len <= TAG_BYTES)
		return DX_INVALID;
	n = len - TAG_BYTES;
	if (n + 1 > size)
		return DX_TOOBIG;
	stream_xor(k, raw, (unsigned char *)out, raw + TAG_BYTES, n);
	out[n] = '\0';
	crypto_generichash(tag, TAG_BYTES, (const unsigned char *)out, n, k->mac, sizeof(k->mac));
	if (sodium_memcmp(tag, raw, TAG_BYTES)) {
		sodium_memzero(out, n);
		return DX_INVALID;
	}
	return DX_OK;
}

void dx_idkey_check(const struct dx_idkey *k, char out[DX_IDCHECK_LEN])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)CHECK_TEXT, sizeof(CHECK_TEXT) - 1,
			   k->check, sizeof(k->check));
	sodium_bin2hex(out, DX_IDCHECK_LEN, h, sizeof(h));
}

/* ---- the process's key ---- */

/* The secret read from the key file and the master key last stretched
 * from it, in guarded memory; the mutex serialises a server's workers
 * opening stores at once. */
static struct secret {
	unsigned char text[SECRET_MAX];
	size_t len;
	int passphrase;
	char salt[DX_IDSALT_HEX]; /* the salt `master` was stretched with, "" none */
	unsigned long long ops;
	size_t mem;
	unsigned char master[DX_IDKEY_BYTES];
} *g_secret;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

void dx_idsecret_clear(void)
{
	pthread_mutex_lock(&g_lock);
	if (g_secret)
		sodium_free(g_secret); /* wipes it */
	g_secret = NULL;
	pthread_mutex_unlock(&g_lock);
}

static int all_hex(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
			return 0;
	return 1;
}

int dx_idsecret_load(const char *path, char *why, size_t size)
{
	static int hooked;
	struct secret *s;
	ssize_t got;
	size_t n = 0;
	int fd, err;
	why[0] = '\0';
	if (sodium_init() < 0)
		return dx_error(DX_NOMEM, "libsodium failed to start");
	if (!(s = sodium_malloc(sizeof(*s))))
		return DX_NOMEM;
	memset(s, 0, sizeof(*s));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		err = errno;
		dx_snprintf(why, size, "无法读取密钥文件 %s（%s）", path,
			    err == ENOENT ? "文件不存在" : err == EACCES ? "没有读取权限" : "读取失败");
		sodium_free(s);
		return DX_IO;
	}
	while (n < SECRET_MAX && (got = read(fd, s->text + n, SECRET_MAX - n)) > 0)
		n += (size_t)got;
	close(fd);
	if (n == SECRET_MAX) {
		dx_snprintf(why, size, "密钥文件 %s 太大（应为 64 位十六进制密钥或一行口令）", path);
		sodium_free(s);
		return DX_INVALID;
	}
	if (n && s->text[n - 1] == '\n')
		n--;
	if (n && s->text[n - 1] == '\r')
		n--;
	if (n == 2 * DX_IDKEY_BYTES && all_hex(s->text, n)) {
		unsigned char key[DX_IDKEY_BYTES];
		sodium_hex2bin(key, sizeof(key), (const char *)s->text, n, NULL, NULL, NULL);
		sodium_memzero(s->text, sizeof(s->text));
		memcpy(s->text, key, sizeof(key));
		sodium_memzero(key, sizeof(key));
		s->len = DX_IDKEY_BYTES;
	} else if (n < 12) {
		dx_snprintf(why, size,
			    "密钥文件 %s 的内容太短：应为 64 位十六进制密钥（dixian protect --new-key "
			    "生成），或至少 12 个字符的口令",
			    path);
		sodium_free(s);
		return DX_INVALID;
	} else {
		s->len = n;
		s->passphrase = 1;
	}
	dx_idsecret_clear();
	pthread_mutex_lock(&g_lock);
	g_secret = s;
	pthread_mutex_unlock(&g_lock);
	if (!hooked++)
		atexit(dx_idsecret_clear);
	return DX_OK;
}

int dx_idsecret_loaded(void)
{
	int yes;
	pthread_mutex_lock(&g_lock);
	yes = g_secret != NULL;
	pthread_mutex_unlock(&g_lock);
	return yes;
}

int dx_idsecret_is_passphrase(void)
{
	int yes;
	pthread_mutex_lock(&g_lock);
	yes = g_secret && g_secret->passphrase;
	pthread_mutex_unlock(&g_lock);
	return yes;
}

int dx_idsecret_master(const char *salt_hex, unsigned long long ops, size_t mem,
		       unsigned char master[DX_IDKEY_BYTES])
{
	unsigned char salt[SALT_BYTES];
	size_t len = 0;
	int rc = DX_OK;
	pthread_mutex_lock(&g_lock);
	if (!g_secret) {
		rc = DX_NOT_FOUND;
		goto out;
	}
	if (!g_secret->passphrase) {
		memcpy(master, g_secret->text, DX_IDKEY_BYTES);
		goto out;
	}
	if (g_secret->salt[0] && !strcmp(g_secret->salt, salt_hex) && g_secret->ops == ops &&
	    g_secret->mem == mem) {
		memcpy(master, g_secret->master, DX_IDKEY_BYTES);
		goto out;
	}
	if (sodium_hex2bin(salt, sizeof(salt), salt_hex, strlen(salt_hex), NULL, &len, NULL) ||
	    len != sizeof(salt) || ops < crypto_pwhash_OPSLIMIT_MIN ||
	    mem < crypto_pwhash_MEMLIMIT_MIN) {
		rc = dx_error(DX_INVALID, "the store's key derivation parameters are invalid");
		goto out;
	}
	if (crypto_pwhash(g_secret->master, DX_IDKEY_BYTES, (const char *)g_secret->text,
			  g_secret->len, salt, ops, mem, crypto_pwhash_ALG_ARGON2ID13)) {
		rc = dx_error(DX_NOMEM, "Argon2id ran out of memory");
		goto out;
	}
	dx_strlcpy(g_secret->salt, salt_hex, sizeof(g_secret->salt));
	g_secret->ops = ops;
	g_secret->mem = mem;
	memcpy(master, g_secret->master, DX_IDKEY_BYTES);
out:
	pthread_mutex_unlock(&g_lock);
	return rc;
}

void dx_idsecret_new_salt(char out[DX_IDSALT_HEX])
{
	unsigned char salt[SALT_BYTES];
	if (sodium_init() < 0)
		abort();
	randombytes_buf(salt, sizeof(salt));
	sodium_bin2hex(out, DX_IDSALT_HEX, salt, sizeof(salt));
}

unsigned long long dx_idsecret_default_ops(void)
{
	return crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

size_t dx_idsecret_default_mem(void)
{
	return crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int dx_idsecret_new_file(const char *path)
{
	unsigned char key[DX_IDKEY_BYTES];
	char hex[2 * DX_IDKEY_BYTES + 2];
	int fd, rc = DX_OK;
	if (sodium_init() < 0)
		return dx_error(DX_NOMEM, "libsodium failed to start");
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return errno == EEXIST ? DX_EXISTS : dx_error(DX_IO, "cannot create the key file");
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	hex[2 * DX_IDKEY_BYTES] = '\n';
	if (write(fd, hex, sizeof(hex) - 1) != (ssize_t)(sizeof(hex) - 1) || fsync(fd))
		rc = dx_error(DX_IO, "cannot write the key file");
	if (close(fd) && !rc)
		rc = dx_error(DX_IO, "cannot write the key file");
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	if (rc)
		unlink(path);
	return rc;
}
