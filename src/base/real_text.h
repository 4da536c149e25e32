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

/* v as "%" PRId64 writes it; its length. */
int integer_text(int64_t v, char out[REAL_TEXT_MAX]);

#endif
