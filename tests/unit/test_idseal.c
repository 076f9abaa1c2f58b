/*
 * test_idseal.c - sealing ID numbers (core/idseal.c, issue 13 "lost
 * laptop"): tokens are deterministic, hide the digits, open only with
 * the key that made them, detect tampering; key files and passphrases.
 */
#include "testutil.h"
#include "core/idseal.h"

#include <sodium.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static const char ID[] = "532399196501010019";

static void key_of(unsigned char fill, struct dx_idkey *k)
{
	unsigned char master[DX_IDKEY_BYTES];
	memset(master, fill, sizeof(master));
	assert_int_equal(dx_idkey_derive(master, k), DX_OK);
}

static void test_roundtrip(void **state)
{
	struct dx_idkey k;
	char t1[DX_IDSEAL_TOKEN_MAX], t2[DX_IDSEAL_TOKEN_MAX], out[32];
	(void)state;
	key_of(1, &k);
	assert_int_equal(dx_idseal(&k, ID, t1), DX_OK);
	assert_true(dx_idseal_is_token(t1));
	assert_int_equal(strlen(t1), 47);
	assert_null(strstr(t1, "0019")); /* no run of the number shows */
	assert_null(strstr(t1, "532399"));
	/* deterministic: the unique index and look-ups work on tokens */
	assert_int_equal(dx_idseal(&k, ID, t2), DX_OK);
	assert_string_equal(t1, t2);
	assert_int_equal(dx_idopen(&k, t1, out, sizeof(out)), DX_OK);
	assert_string_equal(out, ID);
	/* another number, another token */
	assert_int_equal(dx_idseal(&k, "532399196501010027", t2), DX_OK);
	assert_string_not_equal(t1, t2);
	/* "" stays "" */
	assert_int_equal(dx_idseal(&k, "", t2), DX_OK);
	assert_string_equal(t2, "");
	assert_false(dx_idseal_is_token(ID));
	/* too small an output buffer */
	assert_int_equal(dx_idopen(&k, t1, out, 10), DX_TOOBIG);
}

static void test_wrong_key_and_tamper(void **state)
{
	struct dx_idkey k, other;
	char t[DX_IDSEAL_TOKEN_MAX], out[32];
	char c1[DX_IDCHECK_LEN], c2[DX_IDCHECK_LEN];
	(void)state;
	key_of(1, &k);
	key_of(2, &other);
	assert_int_equal(dx_idseal(&k, ID, t), DX_OK);
	assert_int_equal(dx_idopen(&other, t, out, sizeof(out)), DX_INVALID);
	assert_string_equal(out, ""); /* never garbage */
	t[10] = t[10] == 'A' ? 'B' : 'A';
	assert_int_equal(dx_idopen(&k, t, out, sizeof(out)), DX_INVALID);
	assert_int_equal(dx_idopen(&k, "~", out, sizeof(out)), DX_INVALID);
	assert_int_equal(dx_idopen(&k, ID, out, sizeof(out)), DX_INVALID);
	dx_idkey_check(&k, c1);
	dx_idkey_check(&other, c2);
	assert_int_equal(strlen(c1), 32);
	assert_string_not_equal(c1, c2);
	dx_idkey_check(&k, c2);
	assert_string_equal(c1, c2);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_key_files(void **state)
{
	char dir[] = "/tmp/dx_idseal_XXXXXX", path[128], why[256], salt[DX_IDSALT_HEX];
	unsigned char m1[DX_IDKEY_BYTES], m2[DX_IDKEY_BYTES];
	struct stat sb;
	(void)state;
	assert_non_null(mkdtemp(dir));
	dx_snprintf(path, sizeof(path), "%s/new.key", dir);
	assert_int_equal(dx_idsecret_new_file(path), DX_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, 65);
	assert_int_equal(dx_idsecret_new_file(path), DX_EXISTS); /* never over a key */
	assert_int_equal(dx_idsecret_load(path, why, sizeof(why)), DX_OK);
	assert_false(dx_idsecret_is_passphrase());
	assert_int_equal(dx_idsecret_master("", 0, 0, m1), DX_OK);
	unlink(path);

	/* a passphrase: the same salt gives the same key, another salt not */
	dx_snprintf(path, sizeof(path), "%s/pass", dir);
	write_file(path, "correct horse battery staple\n");
	assert_int_equal(dx_idsecret_load(path, why, sizeof(why)), DX_OK);
	assert_true(dx_idsecret_is_passphrase());
	dx_idsecret_new_salt(salt);
	assert_int_equal(dx_idsecret_master(salt, crypto_pwhash_OPSLIMIT_MIN,
					    crypto_pwhash_MEMLIMIT_MIN, m1), DX_OK);
	assert_int_equal(dx_idsecret_master(salt, crypto_pwhash_OPSLIMIT_MIN,
					    crypto_pwhash_MEMLIMIT_MIN, m2), DX_OK);
	assert_memory_equal(m1, m2, sizeof(m1));
	dx_idsecret_new_salt(salt);
	assert_int_equal(dx_idsecret_master(salt, crypto_pwhash_OPSLIMIT_MIN,
					    crypto_pwhash_MEMLIMIT_MIN, m2), DX_OK);
	assert_memory_not_equal(m1, m2, sizeof(m1));
	assert_int_equal(dx_idsecret_master("zz", crypto_pwhash_OPSLIMIT_MIN,
					    crypto_pwhash_MEMLIMIT_MIN, m2), DX_INVALID);

	/* too short, missing: refused with a Chinese reason */
	write_file(path, "short\n");
	assert_int_equal(dx_idsecret_load(path, why, sizeof(why)), DX_INVALID);
	assert_non_null(strstr(why, "太短"));
	unlink(path);
	assert_int_equal(dx_idsecret_load(path, why, sizeof(why)), DX_IO);
	assert_non_null(strstr(why, "不存在"));
	rmdir(dir);

	dx_idsecret_clear();
	assert_false(dx_idsecret_loaded());
	assert_int_equal(dx_idsecret_master("", 0, 0, m1), DX_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_wrong_key_and_tamper),
		cmocka_unit_test(test_key_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
