/*
 * flash_stock.c — what the rest of the engine asks of a flash firm: whether
 * it sells in flash sales, in which weeks, and whether it is sold out.
 *
 * Apart from flash.c, which runs the sales, so that shopping.c (whose
 * second choice drops the firms sold out) and flash.c (which calls that
 * second choice) do not call each other.
 */
#include "flash_stock.h"

int flash_firm(const mishi_sim *sim, const firm *f) {
    return firm_class_of(sim, f)->flash_batch > 0;
}

int flash_sale_week(const mishi_sim *sim, const firm *f, int week) {
    int every = firm_class_of(sim, f)->flash_every_weeks;
    return week >= f->launch_week && (week - f->launch_week) % every == 0;
}

int flash_sold_out(const mishi_sim *sim, const firm *f) {
    return flash_firm(sim, f) && sim->week + 1 >= f->launch_week &&
           f->flash_stock == 0;
}
