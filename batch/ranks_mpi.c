/*
 * ranks_mpi.c — ranks.h over MPI (OpenMPI on Debian).
 *
 * MPI is joined only when a launcher started this process (mpirun sets
 * OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK): a plain `mishi sweep` is a
 * job of one and never pays for, or depends on, MPI's start-up. Results
 * travel as raw bytes with one tag, a rank's giving up as its reason with
 * another; rank 0 probes for either tag between its own runs, so no rank
 * waits for a dispatcher, and a give-up is taken in after the results
 * sent before it (MPI keeps one sender's messages in order for a receive
 * that matches them all, as a probe for any tag does).
 * MPI_THREAD_SERIALIZED is asked for because a rank's worker threads
 * send, one at a time (runner.c holds a lock around every send).
 *
 * Rank 0's word to stop goes the other way, with a third tag and no
 * content. Rank 0 sends it without waiting (MPI_Isend, the request
 * freed at once: a rank may be blocked sending a large result to rank 0,
 * which must go on receiving), and a rank probes for it before each run.
 * Each other rank has it exactly once and receives it before the final
 * barrier, so every such send is complete before MPI_Finalize.
 *
 * A rank that waits (rank 0 for results once its own share is done, a
 * rank sending a result rank 0 has not taken in yet, every rank at the
 * final barrier) sleeps between looks, up to a millisecond. MPI's
 * own blocking calls poll without pause: a rank that finished early, or
 * gave up, kept a core fully busy for as long as the others ran, a core
 * taken from them where ranks share a machine's cores.
 */
#include "ranks.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mpi.h>

enum { TAG_RESULT = 1, TAG_GIVE_UP = 2, TAG_STOP = 3 };
/* Values per broadcast of ranks_share: the list goes in pieces through a
 * buffer on the stack, so that no rank needs memory to take part. */
enum { SHARE_PIECE = 1024 };

static int joined, rank, size = 1, abort_at_end;
/* this sweep's word to stop: sent (rank 0), or received (the others) */
static int stop_sent, stop_heard;
/* what the word to stop sends: nothing, from memory that outlives the send */
static const char stop_word;

int ranks_built(void) { return 1; }

mishi_status ranks_begin(int *argc, char ***argv, mishi_error *err) {
    if (!ranks_started_by_launcher() || joined) return MISHI_OK;
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) !=
        MPI_SUCCESS)
        return mishi_error_set(err, MISHI_EIO, "MPI would not start");
    if (provided < MPI_THREAD_SERIALIZED) {
        MPI_Finalize();
        return mishi_error_set(err, MISHI_EIO, "this MPI cannot serve "
                               "threads one at a time; run with --jobs 1");
    }
    joined = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return MISHI_OK;
}

void ranks_end(void) {
    if (joined && abort_at_end) {
        fflush(NULL); /* MPI_Abort ends this process too, unflushed */
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    if (joined) MPI_Finalize();
    joined = 0, rank = 0, size = 1, abort_at_end = 0;
    stop_sent = 0, stop_heard = 0;
}

void ranks_abort_at_end(void) { abort_at_end = 1; }

int ranks_rank(void) { return rank; }
int ranks_size(void) { return size; }

/* values[at ..] into `piece`, broadcast from rank 0, and back into
 * `values` (if any) on the other ranks. */
static void share_piece(size_t *values, uint64_t at, int n) {
    uint64_t piece[SHARE_PIECE];
    for (int i = 0; rank == 0 && i < n; i++) piece[i] = values[at + (uint64_t)i];
    MPI_Bcast(piece, n, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    for (int i = 0; rank != 0 && values && i < n; i++)
        values[at + (uint64_t)i] = (size_t)piece[i];
}

mishi_status ranks_share(size_t **values, size_t *count, mishi_error *err) {
    if (!joined) return MISHI_OK;
    uint64_t n = *count == SIZE_MAX ? UINT64_MAX : *count;
    MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (n == UINT64_MAX) {
        *count = SIZE_MAX;
        return MISHI_OK;
    }
    size_t *list = *values;
    if (rank != 0) {
        list = malloc((n ? n : 1) * sizeof *list);
        *values = list, *count = (size_t)n;
    }
    for (uint64_t at = 0; at < n; at += SHARE_PIECE)
        share_piece(list, at, (int)(n - at < SHARE_PIECE ? n - at : SHARE_PIECE));
    if (!list)
        return mishi_error_set(err, MISHI_ENOMEM, "no memory for the list of "
                               "%zu runs to share out", (size_t)n);
    return MISHI_OK;
}

/* A sleep between looks at what a rank waits for, twice as long each
 * time from 10 microseconds up to a millisecond: a short wait (a result
 * of a run of a few milliseconds) ends about when it would have, and a
 * long one costs a look a millisecond, taking no core from the others. */
static void pause_a_moment(long *nanoseconds) {
    struct timespec moment = {0, *nanoseconds};
    nanosleep(&moment, NULL);
    if (*nanoseconds < 1000000) *nanoseconds *= 2;
}

static void wait_for(MPI_Request *request) {
    int done = 0;
    long pause = 10000;
    for (MPI_Test(request, &done, MPI_STATUS_IGNORE); !done;
         MPI_Test(request, &done, MPI_STATUS_IGNORE))
        pause_a_moment(&pause);
}

/* A message with `tag` from `source` has arrived: its status. */
static void wait_for_message(int source, int tag, MPI_Status *status) {
    int arrived = 0;
    long pause = 10000;
    for (MPI_Iprobe(source, tag, MPI_COMM_WORLD, &arrived, status); !arrived;
         MPI_Iprobe(source, tag, MPI_COMM_WORLD, &arrived, status))
        pause_a_moment(&pause);
}

/* The largest of every rank's {failed, failed on rank 0} is {any failed,
 * rank 0 failed}: one reduction, waited for politely, as a rank that
 * loaded quickly may wait for one still loading. */
void ranks_agree(int failed, int *any_failed, int *rank_0_failed) {
    int mine[2] = {failed != 0, rank == 0 && failed};
    int all[2] = {mine[0], mine[1]};
    if (joined) {
        MPI_Request request;
        MPI_Iallreduce(mine, all, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &request);
        wait_for(&request);
    }
    *any_failed = all[0], *rank_0_failed = all[1];
}

/* The end of a sweep: its word to stop is forgotten for the next. */
void ranks_wait_all(void) {
    if (joined) {
        MPI_Request request;
        MPI_Ibarrier(MPI_COMM_WORLD, &request);
        wait_for(&request);
    }
    stop_sent = 0, stop_heard = 0;
}

void ranks_stop(void) {
    if (!joined || rank != 0 || stop_sent) return;
    stop_sent = 1;
    for (int k = 1; k < size; k++) {
        MPI_Request request;
        MPI_Isend(&stop_word, 0, MPI_BYTE, k, TAG_STOP, MPI_COMM_WORLD,
                  &request);
        MPI_Request_free(&request);
    }
}

static void take_stop(void) {
    char none;
    MPI_Recv(&none, 0, MPI_BYTE, 0, TAG_STOP, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    stop_heard = 1;
}

int ranks_stopped(void) {
    if (!joined || rank == 0 || stop_heard) return stop_heard;
    int arrived = 0;
    MPI_Iprobe(0, TAG_STOP, MPI_COMM_WORLD, &arrived, MPI_STATUS_IGNORE);
    if (arrived) take_stop();
    return stop_heard;
}

void ranks_await_stop(void) {
    if (!joined || rank == 0 || stop_heard) return;
    MPI_Status status;
    wait_for_message(0, TAG_STOP, &status);
    take_stop();
}

mishi_status ranks_send(const void *data, size_t bytes, mishi_error *err) {
    if (!joined) return mishi_error_set(err, MISHI_EARG, "no rank to send to");
    if (bytes > INT32_MAX)
        return mishi_error_set(err, MISHI_ELIMIT, "a run's results are too "
                               "large for one MPI message (%zu bytes)", bytes);
    MPI_Request request;
    if (MPI_Isend(data, (int)bytes, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD,
                  &request) != MPI_SUCCESS)
        return mishi_error_set(err, MISHI_EIO, "MPI could not send a result");
    wait_for(&request);
    return MISHI_OK;
}

mishi_status ranks_give_up(const char *reason, mishi_error *err) {
    if (!joined) return mishi_error_set(err, MISHI_EARG, "no rank to tell");
    size_t bytes = strlen(reason);
    if (bytes > RANKS_REASON_MAX) bytes = RANKS_REASON_MAX;
    if (MPI_Send(reason, (int)bytes, MPI_BYTE, 0, TAG_GIVE_UP, MPI_COMM_WORLD) !=
        MPI_SUCCESS)
        return mishi_error_set(err, MISHI_EIO, "MPI could not tell rank 0 "
                               "that this rank gives up");
    return MISHI_OK;
}

mishi_status ranks_receive(int wait, ranks_message *m, mishi_error *err) {
    *m = (ranks_message){0};
    if (!joined) return MISHI_OK; /* a job of one: no one to hear from */
    MPI_Status status;
    int arrived = 1;
    if (wait) wait_for_message(MPI_ANY_SOURCE, MPI_ANY_TAG, &status);
    else MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (!arrived) return MISHI_OK;
    int count;
    MPI_Get_count(&status, MPI_BYTE, &count);
    m->data = malloc(count ? (size_t)count : 1);
    if (!m->data)
        return mishi_error_set(err, MISHI_ENOMEM, "no memory to take in a "
                               "message of %d bytes from rank %d", count,
                               status.MPI_SOURCE);
    MPI_Recv(m->data, count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG,
             MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    m->size = (size_t)count, m->from = status.MPI_SOURCE;
    m->gave_up = status.MPI_TAG == TAG_GIVE_UP;
    return MISHI_OK;
}
