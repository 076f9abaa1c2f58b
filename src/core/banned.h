/*
 * Functions that are too easy to misuse (git's banned.h).  Included in every
 * translation unit by the Makefile; use the checked helpers in src/core/.
 */
#ifndef DX_BANNED_H
#define DX_BANNED_H

#define DX_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) DX_BANNED(strcpy)
#undef strcat
#define strcat(x, y) DX_BANNED(strcat)
#undef sprintf
#define sprintf(...) DX_BANNED(sprintf)
#undef strtok
#define strtok(x, y) DX_BANNED(strtok)
#undef atoi
#define atoi(x) DX_BANNED(atoi)
#undef gmtime
#define gmtime(x) DX_BANNED(gmtime)
#undef localtime
#define localtime(x) DX_BANNED(localtime)

#endif
