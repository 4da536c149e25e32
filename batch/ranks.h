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
 * (ranks_receive). MPI is process-wide state, so this is too.
 */
#ifndef MISHI_RANKS_H
#define MISHI_RANKS_H

#include <stddef.h>

#include "mishi.h"

/* 1 if this build has MPI. */
int ranks_built(void);
/* Join the MPI job if mpirun started this process; else a job of one. */
mishi_status ranks_begin(int *argc, char ***argv, mishi_error *err);
void ranks_end(void);
int ranks_rank(void);
int ranks_size(void);

/* Rank 0's `*count` numbers, as every rank's: on the others `*values` is
 * allocated (free it) and `*count` set. */
mishi_status ranks_share(size_t **values, size_t *count, mishi_error *err);
/* Every rank waits here until all have arrived. */
void ranks_wait_all(void);

/* A rank other than 0: send one finished run's bytes to rank 0. */
mishi_status ranks_send(const void *data, size_t size, mishi_error *err);
/* Rank 0: a message from another rank, if one has arrived (or, with
 * `wait`, the next one to arrive): *data (free it), *size and *from set;
 * *data NULL when nothing had arrived. */
mishi_status ranks_receive(int wait, void **data, size_t *size, int *from,
                           mishi_error *err);

#endif
