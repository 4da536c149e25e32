/*
 * large.h — allocating the per-consumer arrays, which at 10^8 consumers
 * are gigabytes: on 2 MiB pages where the system offers them.
 *
 * With 4 KiB pages, a friend asked about its device anywhere in a 10^8
 * population misses the TLB as well as the caches, and the page walk (two
 * levels of it in a virtual machine) was most of the wait. Linux's
 * transparent huge pages cover such an array with a few hundred TLB
 * entries; it is often set to "madvise", so the array asks for them. A
 * hint only: where huge pages are not offered, the memory is ordinary.
 */
#ifndef MISHI_LARGE_H
#define MISHI_LARGE_H

#include <stddef.h>

/* `bytes` of memory, aligned to 2 MiB when it is that large, for free();
 * NULL when there is none. */
void *large_alloc(size_t bytes);

#endif
