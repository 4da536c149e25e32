# quality-by-firms.local.loyalty_threshold.gp — written by mishi 0.1.0 (`mishi summarize --plot`). Run
# `gnuplot quality-by-firms.local.loyalty_threshold.gp` in this folder to draw quality-by-firms.local.loyalty_threshold.svg and .png.
# Each datablock is one curve: the measure's mean over the
# replicates at each value of x, and its 95% interval.

set datafile missing NaN
set datafile columnheaders

$c1 << EOD
x mean low high
0.05 0.664791 0.653215 0.676367
0.1 0.525749 0.513347 0.538152
0.15 0.401673 0.382779 0.420566
0.2 0.359503 0.35307 0.365936
0.25 0.346852 0.336849 0.356856
0.3 0.336732 0.328967 0.344497
EOD

$c2 << EOD
x mean low high
0.05 0.490438 0.482029 0.498847
0.1 0.351762 0.345605 0.35792
0.15 0.335431 0.332799 0.338062
0.2 0.335713 0.326237 0.345189
0.25 0.334656 0.329479 0.339833
0.3 0.334326 0.332101 0.336551
EOD

$c3 << EOD
x mean low high
0.05 0.353784 0.347123 0.360444
0.1 0.336003 0.326852 0.345154
0.15 0.336205 0.331051 0.341359
0.2 0.335567 0.331733 0.339401
0.25 0.335658 0.331531 0.339785
0.3 0.333284 0.32694 0.339627
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
