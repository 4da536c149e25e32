#define _DEFAULT_SOURCE /* madvise */
#include "large.h"

#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *large_alloc(size_t bytes) {
    if (bytes < HUGE_PAGE) return malloc(bytes ? bytes : 1);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes)) return NULL;
#ifdef MADV_HUGEPAGE
    /* may fail (no THP in this kernel): the pages are then ordinary */
    (void)madvise(p, bytes - bytes % HUGE_PAGE, MADV_HUGEPAGE);
#endif
    return p;
}
