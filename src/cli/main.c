#include "core/dx.h"
#include <stdio.h>
int main(void) { puts(dx_strerror(0)); return 0; }
