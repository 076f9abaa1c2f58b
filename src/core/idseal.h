/*
 * idseal.h - ID numbers (身份证号) sealed at rest with libsodium: the
 * "lost laptop" protection of issue 13.
 *
 * A protected store holds, wherever it held an ID number, a token:
 *   "~" base64url(tag[16] || ciphertext)
 * tag = BLAKE2b-128 of the number keyed with the MAC subkey (the keyed
 * hash: look-up and uniqueness), ciphertext = XChaCha20 of the number
 * with the encryption subkey and nonce tag||0^8.  This is the SIV
 * construction (RFC 5297's idea): deterministic authenticated
 * encryption whose tag is both the nonce and the integrity check.  The
 * same number always gives the same token, so every unique index, join,
 * GROUP BY and `id_no = ?` look-up of the schema works unchanged on one
 * column; it reveals only which rows hold equal numbers, which a keyed
 * hash for look-up reveals anyway (a random nonce beside it would add
 * nothing).  Opening recomputes the tag, so a wrong key or an edited
 * token is detected, never decrypted into garbage.
 *
 * Keys: one 32-byte master key, from a key file holding 64 hex digits
 * (dx_idsecret_new_file makes one), or from a passphrase (any other key
 * file content) stretched with Argon2id and the store's salt.  The MAC,
 * encryption and check subkeys are derived from it with crypto_kdf.  The
 * key check value (a keyed hash of a constant) is kept in the store so a
 * wrong key is refused at open.  The key itself is never stored, logged
 * or passed to another process; the process holds it in guarded memory
 * (sodium_malloc) and wipes it at exit.
 */
#ifndef DX_CORE_IDSEAL_H
#define DX_CORE_IDSEAL_H

#include <stddef.h>

#define DX_IDKEY_BYTES 32
/* a token of an ID number (18 characters) is 47 characters; any text up
 * to DX_IDSEAL_MAX_PLAIN bytes is sealed in at most DX_IDSEAL_TOKEN_MAX-1 */
#define DX_IDSEAL_MAX_PLAIN 63
#define DX_IDSEAL_TOKEN_MAX 112
/* the key check value: 32 hex digits and NUL */
#define DX_IDCHECK_LEN 33
/* the Argon2id salt, hex, and NUL */
#define DX_IDSALT_HEX 33

struct dx_idkey {
	unsigned char mac[32], enc[32], check[32];
};

/* Derive the subkeys from a master key.  DX_NOMEM if libsodium cannot
 * start. */
int dx_idkey_derive(const unsigned char master[DX_IDKEY_BYTES], struct dx_idkey *k);

/* Seal plain ("" stays "": no number, nothing to hide) into out
 * (DX_IDSEAL_TOKEN_MAX bytes).  DX_TOOBIG if plain is longer than
 * DX_IDSEAL_MAX_PLAIN. */
int dx_idseal(const struct dx_idkey *k, const char *plain, char out[DX_IDSEAL_TOKEN_MAX]);

/* Open a token into out (size bytes).  DX_INVALID if it is not a token,
 * was made with another key or was altered (out is then ""); DX_TOOBIG
 * if out is too small. */
int dx_idopen(const struct dx_idkey *k, const char *token, char *out, size_t size);

/* 1 if s is a token (begins with '~': no ID number or ledger text does). */
int dx_idseal_is_token(const char *s);

/* The key check value of k (hex). */
void dx_idkey_check(const struct dx_idkey *k, char out[DX_IDCHECK_LEN]);

/* ---- the process's key (from --key-file or DIXIAN_KEY_FILE) ---- */

/* Read the key file at path: 64 hex digits (a key) or a passphrase of
 * at least 12 bytes (one trailing newline dropped).  Keeps it for
 * dx_idsecret_master.  DX_IO if unreadable, DX_INVALID if too short,
 * with a Chinese explanation in why (size bytes). */
int dx_idsecret_load(const char *path, char *why, size_t size);
/* 1 once a key file is loaded. */
int dx_idsecret_loaded(void);
/* 1 if the loaded secret is a passphrase (Argon2id), 0 a raw key. */
int dx_idsecret_is_passphrase(void);
/* The master key of the loaded secret: the key itself, or Argon2id of
 * the passphrase with salt_hex, opslimit, memlimit (remembered for the
 * last salt, so a server opening many connections stretches it once).
 * DX_NOT_FOUND if no key is loaded; DX_INVALID for a bad salt. */
int dx_idsecret_master(const char *salt_hex, unsigned long long ops, size_t mem,
		       unsigned char master[DX_IDKEY_BYTES]);
/* A fresh random salt, hex. */
void dx_idsecret_new_salt(char out[DX_IDSALT_HEX]);
/* The Argon2id limits a new protection records (interactive: 64 MiB). */
unsigned long long dx_idsecret_default_ops(void);
size_t dx_idsecret_default_mem(void);
/* Write a new random key to path, readable by its owner only; never
 * over an existing file (DX_EXISTS). */
int dx_idsecret_new_file(const char *path);
/* Forget the loaded secret (tests). */
void dx_idsecret_clear(void);

#endif
