#ifndef SPEAKWELL_CHILD_PROCESS_H
#define SPEAKWELL_CHILD_PROCESS_H
#include <spawn.h>

/// pipe2(fds, O_CLOEXEC): a pipe no concurrently started child inherits by accident.
int speakwell_pipe_cloexec(int fds[2]);

/// posix_spawn_file_actions_addclosefrom_np: the child closes every descriptor from `lowest` up.
int speakwell_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
