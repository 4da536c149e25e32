/*
 * social.c — buyers post about their devices on social media, and the
 * posts reach shoppers: praise and criticism, a buzz per firm and region.
 *
 * Seed 002: "The third big bet was counting on their users to advertise
 * their products on social media ... They encouraged these users to post
 * on Weibo both good comments and critiques." Issue 12: owners post
 * praise or criticism with probabilities driven by satisfaction; posts
 * reach the public as a buzz per firm and region, with decay; criticism
 * counts too.
 *
 * Posting (social_post_step, after ownership, serially in purchase order):
 * a buyer of firm j posts about its new device in the week it buys with
 * probability post_rate_j * |s|^post_extremity_j, s its satisfaction after
 * any resolution (drawn from (seed, SOCIAL, 2^32 + consumer, week): the
 * 2^32 keeps it apart from the same consumer's draws as a shopper). The
 * post is praise if s >= 0, criticism if not. An advocate (service.c)
 * posts praise instead, whatever post_rate says. Per firm j and region r
 * (the poster's) the posts' volume V and the sum of their satisfaction S
 * decay each week and grow by the week's posts:
 *     V_jr <- (1 - decay) V_jr + n_jr,  S_jr <- (1 - decay) S_jr + sum s.
 * A firm's buzz is sum_r V_jr. Buzz starts at zero everywhere and grows
 * only from posts by a region's own buyers.
 *
 * Reach (social_reach_step, before shopping): a shopper in region r sees
 * Poisson(reach * V_r / consumers_r) posts, V_r = sum_j V_jr over active
 * firms (at most MAX_CONSIDERED), each about firm j with probability
 * V_jr / V_r — one Walker alias table per region per week, as advertising.c
 * does for ads. A seen post puts j in the shopper's consideration set
 * (criticism draws attention too) and its mean satisfaction S_jr / V_jr
 * joins the friends' satisfactions in the shopper's word of mouth W for j
 * (shopping.c). Friends (followers) already hear of a device through its
 * holder's satisfaction (network.c), so posts are not sent to friends
 * separately.
 *
 * Off (no class with post_rate > 0 or with advocates): no arrays, no
 * tables, no draws; the model is as before, to the bit.
 */
#include "social.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advertising.h"
#include "exp_log.h"
#include "rng.h"
#include "service.h"

/* Added to a consumer's id to key its draw as a poster: ids are below
 * 2^31, so (seed, SOCIAL, consumer, week) stays the shopper's stream. */
#define POSTER_KEY (UINT64_C(1) << 32)

static int class_posts(const mishi_firm_class *c) {
    return c->post_rate > 0.0 || service_has_advocates(c);
}

/* Consumers per region, counted once: regions never change. */
mishi_status social_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    social_state *s = &sim->social;
    for (int k = 0; k < sim->params.class_count; k++)
        s->on |= class_posts(&sim->params.classes[k]);
    if (!s->on) return MISHI_OK;
    for (int64_t i = 0; i < sim->people.count; i++)
        s->regions[consumer_region(&sim->people, i)].consumers++;
    return MISHI_OK;
}

/* Room for every firm that exists, new entrants' rows zeroed. */
static mishi_status reserve(mishi_sim *sim) {
    social_state *s = &sim->social;
    if (sim->firms.count <= s->capacity) return MISHI_OK;
    int grown = sim->firms.count > 2 * s->capacity ? sim->firms.count
                                                   : 2 * s->capacity;
    size_t regions = (size_t)sim->params.region_count;
    size_t old = (size_t)s->capacity * regions, cells = (size_t)grown * regions;
    double *v = realloc(s->volume, cells * sizeof *v);
    if (v) s->volume = v;
    double *sat = realloc(s->satisfaction, cells * sizeof *sat);
    if (sat) s->satisfaction = sat;
    if (!v || !sat) return MISHI_ENOMEM;
    memset(v + old, 0, (cells - old) * sizeof *v);
    memset(sat + old, 0, (cells - old) * sizeof *sat);
    s->capacity = grown;
    return MISHI_OK;
}

static void social_region_clear(social_region *m) {
    if (m->posts) gsl_ran_discrete_free(m->posts);
    free(m->post_firm), free(m->post_satisfaction);
    m->posts = NULL, m->post_firm = NULL, m->post_satisfaction = NULL;
    m->posts_seen = rng_poisson_of(0.0);
}

void social_free(mishi_sim *sim) {
    social_state *s = &sim->social;
    for (int r = 0; r < MISHI_MAX_REGIONS; r++) social_region_clear(&s->regions[r]);
    free(s->volume), free(s->satisfaction);
    memset(s, 0, sizeof *s);
}

/* Whether buyer b of a class that encourages posts speaks up. */
static int draws_to_post(const mishi_sim *sim, const mishi_firm_class *c,
                         const purchase *b) {
    double p = c->post_rate;
    if (c->post_extremity > 0.0)
        p *= model_pow(fabs((double)b->satisfaction), c->post_extremity);
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_SOCIAL, POSTER_KEY + b->consumer,
                    (uint32_t)(sim->week + 1));
    return rng_uniform(&s) < p;
}

static void post(mishi_sim *sim, const purchase *b) {
    firm *f = &sim->firms.at[b->firm];
    const mishi_firm_class *c = firm_class_of(sim, f);
    int advocate = service_advocate(sim, b);
    if (advocate) f->advocates++;
    if (!advocate && !(c->post_rate > 0.0 && draws_to_post(sim, c, b))) return;
    if (b->satisfaction >= 0.0f) f->posts_praise++;
    else f->posts_criticism++;
    size_t at = (size_t)b->firm * (size_t)sim->params.region_count +
                consumer_region(&sim->people, b->consumer);
    sim->social.volume[at] += 1.0;
    sim->social.satisfaction[at] += b->satisfaction;
    sim->market.posts++;
}

/* Last week's posts fade; this week's buyers post; each firm's buzz. */
mishi_status social_post_step(mishi_sim *sim, mishi_error *err) {
    social_state *s = &sim->social;
    if (!s->on) return MISHI_OK;
    if (reserve(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for posts");
    int regions = sim->params.region_count;
    size_t cells = (size_t)sim->firms.count * (size_t)regions;
    double kept = 1.0 - sim->params.social.decay;
    for (size_t k = 0; k < cells; k++) s->volume[k] *= kept, s->satisfaction[k] *= kept;
    for (size_t k = 0; k < sim->purchase_count; k++) {
        const purchase *b = &sim->purchases[k];
        /* a reseller (resale.c) never uses the device: nothing to post */
        if (b->firm != NO_FIRM && purchase_device(b) == b->firm) post(sim, b);
    }
    for (int id = 0; id < sim->firms.count; id++) {
        double buzz = 0.0;
        for (int r = 0; r < regions; r++) buzz += s->volume[(size_t)id * regions + r];
        sim->firms.at[id].buzz = buzz;
    }
    return MISHI_OK;
}

/* Region r's sampler over the active firms' posts there, with each
 * entry's mean satisfaction. */
static mishi_status build_region(mishi_sim *sim, int r, double *weight) {
    social_state *s = &sim->social;
    social_region *m = &s->regions[r];
    int regions = sim->params.region_count, n = sim->firms.count;
    social_region_clear(m);
    for (int j = 0; j < n; j++)
        weight[j] = sim->firms.at[j].active ? s->volume[(size_t)j * regions + r] : 0.0;
    double total;
    if (alias_table_build(weight, n, &m->posts, &m->post_firm, &total))
        return MISHI_ENOMEM;
    if (!m->posts || m->consumers == 0) return MISHI_OK;
    size_t used = m->posts->K;
    if (!(m->post_satisfaction = malloc(used * sizeof *m->post_satisfaction)))
        return MISHI_ENOMEM;
    for (size_t k = 0; k < used; k++) {
        size_t at = (size_t)m->post_firm[k] * regions + r;
        m->post_satisfaction[k] = s->satisfaction[at] / s->volume[at];
    }
    m->posts_seen = rng_poisson_of(sim->params.social.reach * total /
                                   (double)m->consumers);
    return MISHI_OK;
}

mishi_status social_reach_step(mishi_sim *sim, mishi_error *err) {
    if (!sim->social.on) return MISHI_OK;
    int n = sim->firms.count;
    double *weight = malloc((size_t)(n ? n : 1) * sizeof *weight);
    mishi_status rc = weight && !reserve(sim) ? MISHI_OK : MISHI_ENOMEM;
    for (int r = 0; r < sim->params.region_count && rc == MISHI_OK; r++)
        rc = build_region(sim, r, weight);
    free(weight);
    if (rc) return mishi_error_set(err, rc, "out of memory for post tables");
    return MISHI_OK;
}

unsigned social_posts_seen(const mishi_sim *sim, int64_t i, int week,
                           uint16_t firm_of[MAX_CONSIDERED],
                           double satisfaction[MAX_CONSIDERED]) {
    const social_region *m = &sim->social.regions[consumer_region(&sim->people, i)];
    if (!m->posts || m->posts_seen.mean <= 0.0) return 0;
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_SOCIAL, (uint64_t)i, (uint32_t)week);
    unsigned seen = rng_poisson_from(&s, m->posts_seen, MAX_CONSIDERED);
    for (unsigned d = 0; d < seen; d++) {
        size_t k = rng_alias_draw(m->posts, rng_uniform(&s));
        firm_of[d] = (uint16_t)m->post_firm[k];
        satisfaction[d] = m->post_satisfaction[k];
    }
    return seen;
}
