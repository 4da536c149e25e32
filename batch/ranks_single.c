/*
 * ranks_single.c — ranks.h for a build without MPI: one process, which is
 * rank 0 and has no one to hear from. A process started by mpirun anyway
 * is told so, rather than running the whole sweep once per rank.
 */
#include "ranks.h"

int ranks_built(void) { return 0; }

mishi_status ranks_begin(int *argc, char ***argv, mishi_error *err) {
    (void)argc, (void)argv;
    if (ranks_started_by_launcher())
        return mishi_error_set(err, MISHI_EARG,
                               "started by mpirun, but this mishi was built "
                               "without MPI: install libopenmpi-dev and "
                               "rebuild, or run without mpirun");
    return MISHI_OK;
}

void ranks_end(void) {}
int ranks_rank(void) { return 0; }
int ranks_size(void) { return 1; }

void ranks_agree(int failed, int *any_failed, int *rank_0_failed) {
    *any_failed = *rank_0_failed = failed != 0;
}

mishi_status ranks_share(size_t **values, size_t *count, mishi_error *err) {
    (void)values, (void)count, (void)err;
    return MISHI_OK;
}

void ranks_wait_all(void) {}
void ranks_stop(void) {}
int ranks_stopped(void) { return 0; }
void ranks_await_stop(void) {}

mishi_status ranks_send(const void *data, size_t size, mishi_error *err) {
    (void)data, (void)size;
    return mishi_error_set(err, MISHI_EARG, "no rank to send to");
}

mishi_status ranks_give_up(const char *reason, mishi_error *err) {
    (void)reason;
    return mishi_error_set(err, MISHI_EARG, "no rank to tell");
}

mishi_status ranks_receive(int wait, ranks_message *m, mishi_error *err) {
    (void)wait, (void)err;
    *m = (ranks_message){0};
    return MISHI_OK;
}

void ranks_abort_at_end(void) {}
