/*
 * ranks_mpi.c — ranks.h over MPI (OpenMPI on Debian).
 *
 * MPI is joined only when a launcher started this process (mpirun sets
 * OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK): a plain `mishi sweep` is a
 * job of one and never pays for, or depends on, MPI's start-up. Results
 * travel as raw bytes with one tag; rank 0 probes for them between its own
 * runs, so no rank waits for a dispatcher. MPI_THREAD_SERIALIZED is asked
 * for because a rank's worker threads send, one at a time (runner.c holds
 * a lock around every send).
 */
#include "ranks.h"

#include <stdint.h>
#include <stdlib.h>

#include <mpi.h>

enum { TAG_RESULT = 1 };

static int joined, rank, size = 1;

int ranks_built(void) { return 1; }

static int started_by_mpirun(void) {
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") ||
           getenv("PMIX_RANK");
}

mishi_status ranks_begin(int *argc, char ***argv, mishi_error *err) {
    if (!started_by_mpirun() || joined) return MISHI_OK;
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
    if (joined) MPI_Finalize();
    joined = 0, rank = 0, size = 1;
}

int ranks_rank(void) { return rank; }
int ranks_size(void) { return size; }

mishi_status ranks_share(size_t **values, size_t *count, mishi_error *err) {
    if (!joined) return MISHI_OK;
    uint64_t n = *count;
    MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (rank != 0) {
        *values = malloc((n ? n : 1) * sizeof **values);
        if (!*values) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
        *count = (size_t)n;
    }
    uint64_t *wire = malloc((n ? n : 1) * sizeof *wire);
    if (!wire) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    for (uint64_t i = 0; rank == 0 && i < n; i++) wire[i] = (*values)[i];
    MPI_Bcast(wire, (int)n, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    for (uint64_t i = 0; i < n; i++) (*values)[i] = (size_t)wire[i];
    free(wire);
    return MISHI_OK;
}

void ranks_wait_all(void) {
    if (joined) MPI_Barrier(MPI_COMM_WORLD);
}

mishi_status ranks_send(const void *data, size_t bytes, mishi_error *err) {
    if (!joined) return mishi_error_set(err, MISHI_EARG, "no rank to send to");
    if (bytes > INT32_MAX)
        return mishi_error_set(err, MISHI_ELIMIT, "a run's results are too "
                               "large for one MPI message (%zu bytes)", bytes);
    if (MPI_Send(data, (int)bytes, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD) !=
        MPI_SUCCESS)
        return mishi_error_set(err, MISHI_EIO, "MPI could not send a result");
    return MISHI_OK;
}

mishi_status ranks_receive(int wait, void **data, size_t *bytes, int *from,
                           mishi_error *err) {
    *data = NULL, *bytes = 0, *from = 0;
    if (!joined) return MISHI_OK; /* a job of one: no one to hear from */
    MPI_Status status;
    int arrived = 1;
    if (wait) MPI_Probe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &status);
    else MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &arrived, &status);
    if (!arrived) return MISHI_OK;
    int count;
    MPI_Get_count(&status, MPI_BYTE, &count);
    *data = malloc(count ? (size_t)count : 1);
    if (!*data) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    MPI_Recv(*data, count, MPI_BYTE, status.MPI_SOURCE, TAG_RESULT,
             MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    *bytes = (size_t)count, *from = status.MPI_SOURCE;
    return MISHI_OK;
}
