/*
 * platform.c — what a run's numbers hang on besides the scenario and the
 * seed: the C library, the compiler and the CPU's features, recorded in
 * summary.json (docs/model.md, "Random numbers and reproducibility").
 *
 * The same build gives the same output for any number of threads, and
 * the model's exp, log and pow are its own (exp_log.h), so the output no
 * longer hangs on the CPU's features as it did when glibc picked them by
 * fused multiply-add (FMA). What still comes from the C library (log1p
 * for geometric waits, GSL's maths in rare Gaussian draws) could differ
 * on another C library or architecture, and GLIBC_TUNABLES can change
 * glibc's picks; a result meant to be reproduced to the bit names all of
 * these.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mishi_files.h"

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

static void put_c_library(FILE *f) {
#ifdef __GLIBC__
    fprintf(f, "\"glibc %s\"", gnu_get_libc_version());
#else
    fputs("null", f); /* not one the build can name */
#endif
}

#define TEXT_OF(x) #x
#define TEXT(x) TEXT_OF(x)

static const char *compiler(void) {
#if defined(__clang__) /* its __clang_version__ ends in a space */
    return "clang " TEXT(__clang_major__) "." TEXT(__clang_minor__) "." TEXT(
        __clang_patchlevel__);
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#else
    return NULL;
#endif
}

static const char *machine(void) {
#if defined(__x86_64__)
    return "x86_64";
#elif defined(__aarch64__)
    return "aarch64";
#elif defined(__i386__)
    return "i386";
#else
    return NULL;
#endif
}

static void put_text_or_null(FILE *f, const char *key, const char *text) {
    fprintf(f, "\"%s\": ", key);
    if (text) mishi_json_string(f, text);
    else fputs("null", f);
}

/* The x86 features glibc's and the engine's choices of code turn on;
 * null elsewhere. */
static void put_cpu_features(FILE *f) {
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    fprintf(f, "\"fma\": %s, \"avx2\": %s",
            __builtin_cpu_supports("fma") ? "true" : "false",
            __builtin_cpu_supports("avx2") ? "true" : "false");
#else
    fputs("\"fma\": null, \"avx2\": null", f);
#endif
}

void mishi_platform_json(FILE *f) {
    fputs("{\"c_library\": ", f);
    put_c_library(f);
    fputs(", ", f);
    put_text_or_null(f, "compiler", compiler());
    fputs(", ", f);
    put_text_or_null(f, "machine", machine());
    fputs(", ", f);
    put_cpu_features(f);
    fputs(", ", f);
    put_text_or_null(f, "glibc_tunables", getenv("GLIBC_TUNABLES"));
    fputc('}', f);
}

char *mishi_platform_text(void) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) return NULL;
    mishi_platform_json(f);
    if (fclose(f) == 0) return text;
    free(text);
    return NULL;
}
