/*
 * real_text.h — numbers as text for the CSV files, fast and exactly as
 * printf writes them.
 */
#ifndef MISHI_REAL_TEXT_H
#define MISHI_REAL_TEXT_H

#include <stdint.h>

/* Room for any text below, with its terminating NUL ("%.15g" of a
 * negative real with a three-digit exponent is 22 characters). */
#define REAL_TEXT_MAX 32

/* v as snprintf(out, REAL_TEXT_MAX, "%.15g", v) writes it, byte for byte;
 * its length. */
int real_text(double v, char out[REAL_TEXT_MAX]);

/* A CSV cell of a real (mishi_csv_real): "%.15g", NaN as NA and the
 * infinities as Inf and -Inf; its length. */
int real_text_csv(double v, char out[REAL_TEXT_MAX]);

/* The shortest "%.Ng" text that reads back as v exactly, so that 0.05
 * stays "0.05" for the person who reads a command line or a JSON file;
 * its length. N is 15 to 17 for a normal v (below 15 digits "%.15g"
 * already writes the shortest) and from 1 for a subnormal, whose
 * precision is less: 5e-324, not 4.94065645841247e-324. */
int real_text_exact(double v, char out[REAL_TEXT_MAX]);

/* v as "%" PRId64 writes it; its length. */
int integer_text(int64_t v, char out[REAL_TEXT_MAX]);

#endif
