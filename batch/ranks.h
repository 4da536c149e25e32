/*
 * ranks.h — the processes a sweep runs on: this one alone, or the ranks of
 * an MPI job. Two implementations behind this one interface, chosen by the
 * build: ranks_mpi.c when CMake finds MPI, ranks_single.c otherwise, so
 * the runner (runner.c) reads the same either way and never tests for MPI.
 *
 * The protocol is small on purpose: rank 0 owns the database; it tells the
 * others which runs are missing (ranks_share), each rank runs its share
 * and sends every finished run to rank 0 as one message (ranks_send),
 * which rank 0 takes in whenever it is between runs of its own
 * (ranks_receive). A rank that cannot run the rest of its share says so
 * instead, with why, as its last message (ranks_give_up): rank 0 then
 * stops waiting for it, so a rank that fails never leaves rank 0 waiting
 * for ever, and the runs it did not send stay undone for a later sweep to
 * run. Rank 0 that stops recording (its database failed) tells the
 * others to start no more runs (ranks_stop); every other rank gets that
 * word exactly once, at the latest when rank 0 has had every rank's last
 * message, and takes it in before the final barrier (ranks_await_stop),
 * so no message is left in flight when MPI ends. MPI is process-wide
 * state, so this is too.
 */
#ifndef MISHI_RANKS_H
#define MISHI_RANKS_H

#include <stddef.h>

#include "mishi.h"

/* 1 if this build has MPI. */
int ranks_built(void);
/* 1 if an MPI launcher started this process (launcher.c). */
int ranks_started_by_launcher(void);
/* Join the MPI job if mpirun started this process; else a job of one. */
mishi_status ranks_begin(int *argc, char ***argv, mishi_error *err);
void ranks_end(void);
int ranks_rank(void);
int ranks_size(void);
/* Every rank, after a step each took alone (loading the sweep file), with
 * `failed` 1 if the step failed there: whether it failed on any rank, and
 * whether on rank 0, the same on every rank (one collective). */
void ranks_agree(int failed, int *any_failed, int *rank_0_failed);

/* Rank 0's `*count` numbers, as every rank's: on the others `*values` is
 * allocated (free it) and `*count` set. A rank that cannot allocate them
 * still takes part, so that no other waits for it, and gets NULL and
 * MISHI_ENOMEM. A `*count` of SIZE_MAX (rank 0 could not list them) is
 * shared alone. */
mishi_status ranks_share(size_t **values, size_t *count, mishi_error *err);
/* Every rank waits here until all have arrived: a sweep's last step,
 * after which its word to stop (below) is forgotten for the next. */
void ranks_wait_all(void);

/* A rank other than 0: send one finished run's bytes to rank 0. */
mishi_status ranks_send(const void *data, size_t size, mishi_error *err);
/* A rank other than 0: tell rank 0 that this rank runs no more of its
 * share, and why (cut to RANKS_REASON_MAX bytes). It must be the rank's
 * last message: MPI keeps one sender's messages in order, so rank 0 has
 * then had every result the rank sent. Needs no memory, so a rank out of
 * memory can still say it. */
mishi_status ranks_give_up(const char *reason, mishi_error *err);
enum { RANKS_REASON_MAX = 240 };

/* A message rank 0 has taken in. */
typedef struct ranks_message {
    int from;     /* the rank that sent it */
    int gave_up;  /* 1: ranks_give_up's reason (text, no NUL); 0: a run */
    void *data;   /* NULL when nothing had arrived; else free it */
    size_t size;  /* bytes of `data` */
} ranks_message;
/* Rank 0: a message from another rank, if one has arrived (or, with
 * `wait`, the next one to arrive). */
mishi_status ranks_receive(int wait, ranks_message *m, mishi_error *err);

/* Rank 0: tell every other rank, once (later calls do nothing), to start
 * no more runs. It does not wait for them to hear it: one may be blocked
 * sending to rank 0, which must go on taking messages in. */
void ranks_stop(void);
/* A rank other than 0, before each run: 1 once rank 0 has told it to
 * stop. Never waits. */
int ranks_stopped(void);
/* A rank other than 0, after its last message to rank 0: wait for rank
 * 0's word to stop, if it has not come yet. */
void ranks_await_stop(void);

/* Rank 0 leaves the sweep while other ranks may still be sending to it
 * (it could not take their messages in): ranks_end then ends the whole
 * job (MPI_Abort, after flushing this process's output) instead of
 * waiting for them in MPI_Finalize, which would wait for ever. */
void ranks_abort_at_end(void);

#endif
