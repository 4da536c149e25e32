# transient-threshold-quality-by-firms.local.loyalty_threshold.gp — written by mishi 0.1.0 (`mishi summarize --plot`). Run
# `gnuplot transient-threshold-quality-by-firms.local.loyalty_threshold.gp` in this folder to draw transient-threshold-quality-by-firms.local.loyalty_threshold.svg and .png.
# Each datablock is one curve: the measure's mean over the
# replicates at each value of x, and its 95% interval.

set datafile missing NaN
set datafile columnheaders

$c1 << EOD
x mean low high
0.05 0.654305 0.645265 0.663344
0.1 0.526058 0.508808 0.543308
0.15 0.399295 0.383974 0.414616
0.2 0.360273 0.351592 0.368954
0.25 0.346054 0.337123 0.354985
0.3 0.337441 0.332975 0.341906
EOD

$c2 << EOD
x mean low high
0.05 0.491551 0.474877 0.508225
0.1 0.35106 0.345335 0.356785
0.15 0.333081 0.32856 0.337602
0.2 0.337726 0.331972 0.343481
0.25 0.332995 0.327911 0.33808
0.3 0.331635 0.32929 0.33398
EOD

$c3 << EOD
x mean low high
0.05 0.351899 0.34606 0.357738
0.1 0.337369 0.32873 0.346008
0.15 0.335138 0.332935 0.337341
0.2 0.337361 0.333181 0.341541
0.25 0.336062 0.330352 0.341773
0.3 0.334744 0.328792 0.340697
EOD

set linetype 5 lc rgb "#8c564b"
do for [format in "svg png"] {
  if (format eq "svg") {
    set terminal svg size 1100,650 dynamic noenhanced font "Sans,12" background "white"
  } else {
    set terminal pngcairo size 1100,650 noenhanced font "Sans,11" background "white"
  }
  set output 'transient-threshold-quality-by-firms.local.loyalty_threshold'.'.'.format
  set title 'transient-threshold: quality (mean over replicates, 95% CI)'
  set xlabel 'firms.local.loyalty_threshold'
  set ylabel 'quality (0..1)'
  set lmargin at screen 0.08
  set rmargin at screen 0.85
  set key at screen 0.87, graph 0.5 left center vertical Left reverse samplen 3
  set grid lc rgb "#dddddd"
  set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
  set key title 'transient_share'
  set yrange [0<*:*]
  plot $c1 using "x":"low":"high" with filledcurves lc 1 fs transparent solid 0.2 notitle, \
       $c1 using "x":"mean" with linespoints lw 2 pt 7 lc 1 title '0.05', \
       $c2 using "x":"low":"high" with filledcurves lc 2 fs transparent solid 0.2 notitle, \
       $c2 using "x":"mean" with linespoints lw 2 pt 7 lc 2 title '0.25', \
       $c3 using "x":"low":"high" with filledcurves lc 3 fs transparent solid 0.2 notitle, \
       $c3 using "x":"mean" with linespoints lw 2 pt 7 lc 3 title '0.5'
  unset output
}
