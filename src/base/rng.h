/*
 * rng.h — counter-based random streams (Random123 Philox4x32-10).
 *
 * A draw is a pure function of (seed, stream, id, week, draw number): there
 * is no generator state shared between consumers, firms or threads, so the
 * same scenario and seed give the same draws whatever the thread count or
 * the order in which consumers are visited. `stream` names the submodel that
 * draws, so adding draws to one submodel never shifts another's numbers.
 */
#ifndef MISHI_RNG_H
#define MISHI_RNG_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

/* One value per submodel that draws; never reorder (it would change every
 * golden value), only append. */
typedef enum {
    RNG_INIT = 1,    /* consumers' state at week 0 */
    RNG_NETWORK,     /* who a consumer's friends are (fixed for the run) */
    RNG_ACCESS,      /* whether a consumer can reach a firm at all */
    RNG_SHOPPING,    /* consideration and choice */
    RNG_EXPERIENCE,  /* the unit received and the complaint */
    RNG_OWNERSHIP,   /* complaint resolution, device life, newcomers */
    RNG_ENTRY,       /* how many firms enter this week */
    RNG_FIRM,        /* a firm's attributes, incumbent or entrant */
    RNG_ADOPTION,    /* whether a prospect adopts this week */
    RNG_DESIGN,      /* a sweep design's random choices (LHS, Morris) */
    RNG_SWEEP,       /* a sweep run's seed, from (sweep seed, point, replicate) */
    RNG_BOOTSTRAP,   /* resamples for sensitivity indices' intervals */
    RNG_ONLINE,      /* whether a consumer shops online (fixed for the run) */
    RNG_SOFTWARE,    /* who installs a firm's software on another's device */
    RNG_SOCIAL,      /* who posts, and which posts a shopper sees */
    RNG_SERVICE,     /* whether a resolved complainer becomes an advocate */
    RNG_PREORDER,    /* when a reservation lapses */
    RNG_FLASH,       /* a shopper's place in a flash sale's queue */
    RNG_RESALE,      /* who resells, and the second-hand market's draws */
    RNG_MEMORY,      /* rounding a learned preference to its 16 bits */
    RNG_REMEMBER,    /* the same for a preference remembered between
                        purchases (a ROM installed) */
} rng_stream_id;

/* A counter's word 3: the stream in its top 8 bits, the block number in
 * the low RNG_BLOCK_BITS (rng.c). */
#define RNG_BLOCK_BITS 24u

/* Words are handed out from `word`: the blocks drawn ahead, all of them
 * in a row, then each block drawn as it is needed, in `block` (so a
 * stream is not to be copied once it has drawn). Handed out from where
 * they lie, the blocks drawn ahead are not copied in one by one, which
 * took 0.6 % off main's instructions. */
typedef struct rng_stream {
    const uint32_t *word;  /* the words being handed out */
    unsigned used, ready;  /* of them: handed out already, and in all */
    unsigned ahead;        /* blocks drawn ahead, in lanes, not yet handed out */
    const uint32_t *drawn; /* the first of them */
    uint32_t key[2];
    uint32_t counter[4];   /* of the next block to draw */
    uint32_t block[4];
} rng_stream;

/* A stream for (seed, stream, id, week). Cheap: no draw happens yet. */
void rng_stream_init(rng_stream *s, uint64_t seed, rng_stream_id stream,
                     uint64_t id, uint32_t week);
/* The same stream, its first `blocks` blocks drawn already (rng_blocks,
 * rng_blocks_each) and lent, in a row from `drawn`, for as long as the
 * stream is used: the same words as rng_stream_init's, and the blocks
 * after them drawn as they are needed. NULL: none drawn. */
void rng_stream_init_drawn(rng_stream *s, uint64_t seed, rng_stream_id stream,
                           uint64_t id, uint32_t week, const uint32_t *drawn,
                           unsigned blocks);
uint32_t rng_u32(rng_stream *s);
/* The stream's first four words at once, without a stream: for facts
 * that take one block (a network tie), where a stream's bookkeeping would
 * cost as much as the block. The same words as four rng_u32 calls. */
void rng_first_block(uint64_t seed, rng_stream_id stream, uint64_t id,
                     uint32_t week, uint32_t out[4]);
/* Block `block` of the streams of `count` ids at once, in vector lanes
 * where the machine has them (rng_lanes.c): out[k] is ids[k]'s block, the
 * words its stream's rng_u32 gives from word 4 x block on, the same on
 * every path. */
void rng_blocks(uint64_t seed, rng_stream_id stream, uint32_t block,
                const uint32_t *ids, int count, uint32_t week, uint32_t (*out)[4]);
/* Blocks first..first+blocks-1 of each id's stream, the same way: ids[k]'s
 * block first+b at out + k * stride + 4 * b (counted in words), so that
 * one id's blocks lie in a row. */
void rng_blocks_each(uint64_t seed, rng_stream_id stream, uint32_t first,
                     int blocks, const uint32_t *ids, int count, uint32_t week,
                     uint32_t *out, size_t stride);
/* The paths, for tests and benchmarks: each gives the same words. */
typedef enum {
    RNG_LANES_PORTABLE, /* plain C, any machine */
    RNG_LANES_AVX2,     /* x86 with AVX2 (checked at run time): four ids
                           a vector */
    RNG_LANES_AVX512,   /* x86 with AVX-512F (checked at run time): eight
                           ids a vector */
    RNG_LANES_KINDS
} rng_lanes_kind;
int rng_lanes_available(rng_lanes_kind kind);
/* rng_blocks_each by path `kind`. */
void rng_blocks_by(rng_lanes_kind kind, uint64_t seed, rng_stream_id stream,
                   uint32_t first, int blocks, const uint32_t *ids, int count,
                   uint32_t week, uint32_t *out, size_t stride);
/* The uniform on [0, 1) that two words make: 27 bits of the first and 26
 * of the second, 53 in all. */
static inline double rng_uniform_of(uint32_t first, uint32_t second) {
    uint64_t hi = first >> 5, lo = second >> 6;
    return (double)(hi * 67108864u + lo) * 0x1.0p-53;
}
double rng_uniform(rng_stream *s);          /* [0, 1), rng_uniform_of its next two words */
/* The index a Walker alias table from gsl_ran_discrete_preproc gives for
 * the uniform u: u picks a bucket, and the bucket's own index or its
 * alias by whether u is below the bucket's threshold, which GSL keeps on
 * the scale of the whole unit interval (Knuth's convention). The same
 * index as gsl_ran_discrete on a stream whose next uniform is u (test_rng
 * holds the two together), without its calls through gsl_rng: at a few
 * draws a shopper, gsl_ran_discrete and the uniform it asks gsl_rng for
 * were 5 % of main's instructions, and the lookup inline takes 2 % less. */
static inline size_t rng_alias_draw(const gsl_ran_discrete_t *table, double u) {
    /* through int64_t, which converts to and from double in one
     * instruction each (size_t takes a test and a branch): the same
     * numbers, as a table has far fewer than 2^63 entries */
    size_t bucket = (size_t)(int64_t)(u * (double)(int64_t)table->K);
    double threshold = table->F[bucket];
    return threshold == 1.0 || u < threshold ? bucket : table->A[bucket];
}
double rng_uniform_positive(rng_stream *s); /* (0, 1] */
/* Trials up to and including the first success, >= 1; p in (0, 1]. */
uint32_t rng_geometric(rng_stream *s, double p);
/* The same draw with its logarithm worked out once, for a p used again and
 * again: rng_geometric_from(s, rng_geometric_of(p)) == rng_geometric(s, p)
 * to the bit. */
typedef struct rng_geometric_law {
    double p, log_failure; /* log(1 - p) */
} rng_geometric_law;
rng_geometric_law rng_geometric_of(double p);
uint32_t rng_geometric_from(rng_stream *s, rng_geometric_law law);

/* Poisson(mean) for a small mean used again and again, with exp(-mean)
 * worked out once: drawn by inverting its distribution function with one
 * uniform, counting up from 0, so O(mean) steps (GSL's gsl_ran_poisson
 * takes about mean + 1 uniforms and an exp()). Values above `cap` come
 * out as cap. */
typedef struct rng_poisson_law {
    double mean, none; /* exp(-mean): the chance of 0 */
} rng_poisson_law;
rng_poisson_law rng_poisson_of(double mean);
uint32_t rng_poisson_from(rng_stream *s, rng_poisson_law law, uint32_t cap);

/* A Gaussian draw, the same as gsl_ran_gaussian_ziggurat's on the same
 * stream, with the common case inline. GSL's ziggurat reads a word: its
 * low 7 bits pick a strip, bit 7 the sign and the top 24 bits a point j
 * along the strip; below a strip's bound (98 % of draws) the point is
 * taken at once, j times the strip's width. Those bounds and widths are
 * GSL's own, learned once by asking GSL itself about chosen words
 * (rng_ziggurat_learn), so no table is copied; a word outside them, and
 * every strip on a GSL that reads differently, goes to GSL. It takes
 * 1.5 % off main's instructions: GSL's draw is called through gsl_rng,
 * and reads its word through another call. */
#define RNG_ZIGGURAT_STRIPS 128
typedef struct rng_ziggurat {
    uint32_t at_once_below[RNG_ZIGGURAT_STRIPS]; /* 0: strip never at once */
    double width[RNG_ZIGGURAT_STRIPS];           /* x per unit of j */
} rng_ziggurat;
void rng_ziggurat_learn(rng_ziggurat *z);
double rng_gaussian(rng_stream *s, const rng_ziggurat *z, double sigma);

/* A gsl_rng that reads from `s`, for GSL's distributions (gaussian,
 * poisson, discrete). Lives on the caller's stack; nothing to free. */
void rng_as_gsl(rng_stream *s, gsl_rng *out);

/* A single uniform in [0,1) for a pair of ids, without a stream object:
 * used for fixed per-pair facts (network ties, access) that need no
 * storage. */
double rng_pair_uniform(uint64_t seed, rng_stream_id stream, uint64_t a,
                        uint32_t b);

#endif
