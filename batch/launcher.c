/*
 * launcher.c — what an MPI launcher tells the processes it starts: mpirun
 * (OpenMPI) and the PMI launchers set these variables in every one. Read
 * by both ranks implementations (whether to join a job, or to refuse one
 * in a build without MPI) and by `mishi run`, which is one process and
 * refuses to be started as several.
 */
#include <stdlib.h>

#include "mishi_batch.h"
#include "ranks.h"

int ranks_started_by_launcher(void) {
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") ||
           getenv("PMIX_RANK");
}

long mishi_batch_processes_launched(void) {
    const char *size = getenv("OMPI_COMM_WORLD_SIZE");
    if (!size) size = getenv("PMI_SIZE");
    return size ? strtol(size, NULL, 10) : 1;
}

long mishi_batch_launched_rank(void) {
    const char *rank = getenv("OMPI_COMM_WORLD_RANK");
    if (!rank) rank = getenv("PMI_RANK");
    if (!rank) rank = getenv("PMIX_RANK");
    return rank ? strtol(rank, NULL, 10) : 0;
}
