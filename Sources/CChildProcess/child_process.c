// GNU extensions that Swift's Glibc module does not show (it is built without _GNU_SOURCE).
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "child_process.h"

int speakwell_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int speakwell_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
