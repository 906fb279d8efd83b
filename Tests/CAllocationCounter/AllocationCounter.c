// Interposes glibc's allocator (the executable's definitions win over libc.so's for every shared library,
// including the Swift runtime) and forwards to glibc's exported __libc_* entry points. Counting is per
// thread, so tests running in parallel on other threads do not disturb a measurement.
#include <stddef.h>
#include <errno.h>
#include "AllocationCounter.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static _Thread_local int counting;
static _Thread_local long counted;

static inline void note(void) { if (counting) counted++; }

void *malloc(size_t size) { note(); return __libc_malloc(size); }
void *calloc(size_t count, size_t size) { note(); return __libc_calloc(count, size); }
void *realloc(void *pointer, size_t size) { note(); return __libc_realloc(pointer, size); }
void *memalign(size_t alignment, size_t size) { note(); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { note(); return __libc_memalign(alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    note();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *out = pointer;
    return 0;
}

void speakwell_allocation_count_begin(void) { counted = 0; counting = 1; }
long speakwell_allocation_count_end(void) { counting = 0; return counted; }
