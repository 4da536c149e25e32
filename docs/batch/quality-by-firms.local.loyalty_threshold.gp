# quality-by-firms.local.loyalty_threshold.gp — written by mishi 0.1.0 (`mishi summarize --plot`). Run
# `gnuplot quality-by-firms.local.loyalty_threshold.gp` in this folder to draw quality-by-firms.local.loyalty_threshold.svg and .png.
# Each datablock is one curve: the measure's mean over the
# replicates at each value of x, and its 95% interval.

set datafile missing NaN
set datafile columnheaders

$c1 << EOD
x mean low high
0.05 0.665202 0.653054 0.677349
0.1 0.524879 0.513164 0.536594
0.15 0.401894 0.38267 0.421118
0.2 0.359948 0.353601 0.366295
0.25 0.346303 0.335613 0.356993
0.3 0.336719 0.328992 0.344447
EOD

$c2 << EOD
x mean low high
0.05 0.489672 0.481505 0.497839
0.1 0.351808 0.345898 0.357717
0.15 0.335094 0.332345 0.337842
0.2 0.335824 0.326657 0.344992
0.25 0.334912 0.329501 0.340323
0.3 0.334098 0.331764 0.336432
EOD

$c3 << EOD
x mean low high
0.05 0.353619 0.347637 0.3596
0.1 0.336021 0.326873 0.345169
0.15 0.336286 0.330962 0.341609
0.2 0.335542 0.33176 0.339324
0.25 0.335631 0.331514 0.339748
0.3 0.333294 0.326983 0.339604
EOD

do for [format in "svg png"] {
  if (format eq "svg") {
    set terminal svg size 1100,650 dynamic noenhanced font "Sans,12" background "white"
  } else {
    set terminal pngcairo size 1100,650 noenhanced font "Sans,11" background "white"
  }
  set output 'quality-by-firms.local.loyalty_threshold'.'.'.format
  set title 'transient-threshold: quality (mean over replicates, 95% CI)'
  set xlabel 'firms.local.loyalty_threshold'
  set ylabel 'quality'
  set lmargin at screen 0.08
  set rmargin at screen 0.67
  set key at screen 0.69, graph 0.5 left center vertical Left reverse samplen 3
  set grid lc rgb "#dddddd"
  set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
  plot $c1 using "x":"low":"high" with filledcurves lc 1 fs transparent solid 0.2 notitle, \
       $c1 using "x":"mean" with linespoints lw 2 pt 7 lc 1 title 'consumers.transient_share=0.05', \
       $c2 using "x":"low":"high" with filledcurves lc 2 fs transparent solid 0.2 notitle, \
       $c2 using "x":"mean" with linespoints lw 2 pt 7 lc 2 title 'consumers.transient_share=0.25', \
       $c3 using "x":"low":"high" with filledcurves lc 3 fs transparent solid 0.2 notitle, \
       $c3 using "x":"mean" with linespoints lw 2 pt 7 lc 3 title 'consumers.transient_share=0.5'
  unset output
}
