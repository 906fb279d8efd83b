#ifndef SPEAKWELL_ALLOCATION_COUNTER_H
#define SPEAKWELL_ALLOCATION_COUNTER_H

/// Counts heap allocations (malloc, calloc, realloc, aligned variants) made by the calling thread between
/// begin and end. Works by interposing glibc's allocator in the binary that links this target: link it only
/// into tests and benchmarks, never into the product.
void speakwell_allocation_count_begin(void);
/// Allocations made by this thread since `speakwell_allocation_count_begin`.
long speakwell_allocation_count_end(void);

#endif
