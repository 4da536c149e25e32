# wkh-loyalty.gp — written by mishi 0.1.0 (`mishi validate`).
# Run `gnuplot wkh-loyalty.gp` in this folder: it draws the .svg and
# .png of the same name from the curves below (copied from
# curves.csv). Edit it freely; the data files are not touched.

# NA cells (no value) read as NaN: treat them as missing
set datafile missing NaN
# a datablock's first line names its columns; plots pick them by name
set datafile columnheaders

title = 'buyer loyalty of Weisbuch, Kirman & Herreiner (2000)'
set linetype 5 lc rgb "#8c564b"

# series 1 (plot 1), 'searching start, gamma 0.5'
$s1 << EOD
x simulated theory
0.2 0.344531 NaN
0.3 0.361661 NaN
0.4 0.389128 NaN
0.5 0.428973 NaN
0.6 0.481625 NaN
0.7 0.544253 NaN
0.8 0.611816 NaN
0.9 0.680788 NaN
1 0.746276 NaN
1.1 0.80392 NaN
1.2 0.849507 NaN
1.4 0.916246 NaN
1.6 0.954325 NaN
EOD

# series 2 (plot 1), 'loyal start, gamma 0.5'
$s2 << EOD
x simulated theory
0.8 0.611866 NaN
0.9 0.680716 NaN
1 0.74588 NaN
1.1 0.803427 NaN
1.2 0.849745 NaN
1.4 0.916283 NaN
1.6 0.954307 NaN
EOD

# series 3 (plot 1), 'searching start, gamma 0.1'
$s3 << EOD
x simulated theory
0.2 0.335135 NaN
0.3 0.337997 NaN
0.4 0.343001 NaN
0.5 0.35139 NaN
0.6 0.365664 NaN
0.7 0.391242 NaN
0.8 0.43719 NaN
0.9 0.512332 NaN
1 0.619744 NaN
1.1 0.736847 NaN
1.2 0.82487 NaN
1.4 0.922913 NaN
1.6 0.961615 NaN
EOD

# series 4 (plot 1), 'loyal start, gamma 0.1'
$s4 << EOD
x simulated theory
0.8 0.437029 NaN
0.9 0.516333 NaN
1 0.6308 NaN
1.1 0.744382 NaN
1.2 0.829189 NaN
1.4 0.922895 NaN
1.6 0.961782 NaN
EOD

# series 5 (plot 1), 'searching start, gamma 0.02'
$s5 << EOD
x simulated theory
0.2 0.333668 NaN
0.3 0.334194 NaN
0.4 0.335123 NaN
0.5 0.336708 NaN
0.6 0.339462 NaN
0.7 0.344692 NaN
0.8 0.357897 NaN
0.9 0.40403 NaN
1 0.545174 NaN
1.1 0.718675 NaN
1.2 0.832678 NaN
1.4 0.926839 NaN
1.6 0.963219 NaN
EOD

# series 6 (plot 1), 'loyal start, gamma 0.02'
$s6 << EOD
x simulated theory
0.8 0.365257 NaN
0.9 0.464498 NaN
1 0.65433 NaN
1.1 0.781439 NaN
1.2 0.852996 NaN
1.4 0.928516 NaN
1.6 0.963324 NaN
EOD

# series 7 (plot 1), 'searching start, gamma 0.0039'
$s7 << EOD
x simulated theory
0.2 0.333399 NaN
0.3 0.333503 NaN
0.4 0.333685 NaN
0.5 0.333997 NaN
0.6 0.334534 NaN
0.7 0.335549 NaN
0.8 0.337853 NaN
0.9 0.347398 NaN
1 0.425196 NaN
1.1 0.632834 NaN
1.2 0.801955 NaN
1.4 0.925657 NaN
1.6 0.96324 NaN
EOD

# series 8 (plot 1), 'loyal start, gamma 0.0039'
$s8 << EOD
x simulated theory
0.8 0.346356 NaN
0.9 0.466419 NaN
1 0.67298 NaN
1.1 0.787422 NaN
1.2 0.855766 NaN
1.4 0.929127 NaN
1.6 0.963558 NaN
EOD

# series 9 (plot 1), 'mean field, searching branch'
$s9 << EOD
x simulated theory
0.2 NaN 0.333333
0.3 NaN 0.333333
0.4 NaN 0.333333
0.5 NaN 0.333333
0.6 NaN 0.333333
0.7 NaN 0.333333
0.8 NaN 0.333333
0.9 NaN 0.333333
1 NaN 0.675462
1.1 NaN 0.788873
1.2 NaN 0.856221
1.4 NaN 0.929156
1.6 NaN 0.963675
EOD

# series 10 (plot 1), 'mean field, loyal branch'
$s10 << EOD
x simulated theory
0.8 NaN 0.333333
0.9 NaN 0.333333
1 NaN 0.675462
1.1 NaN 0.788873
1.2 NaN 0.856221
1.4 NaN 0.929156
1.6 NaN 0.963675
EOD

# series 11 (plot 2), 'gamma 0.5'
$s11 << EOD
x simulated theory
0.2 0.259067 0.261694
0.3 0.283666 0.289973
0.4 0.310957 0.328306
0.5 0.343943 0.382661
0.6 0.38199 0.464981
0.7 0.421792 0.603148
0.8 0.460336 0.880815
0.9 0.498539 1.71628
EOD

# series 12 (plot 2), 'gamma 0.1'
$s12 << EOD
x simulated theory
0.2 0.0443381 0.04429
0.3 0.0505562 0.0503495
0.4 0.0583663 0.0584322
0.5 0.0689964 0.0697518
0.6 0.0849488 0.0867361
0.7 0.111335 0.115049
0.8 0.155456 0.171685
0.9 0.22357 0.341611
EOD

# series 13 (plot 2), 'gamma 0.02'
$s13 << EOD
x simulated theory
0.2 0.00834601 0.00823452
0.3 0.00951443 0.00940159
0.4 0.0110948 0.0109577
0.5 0.013334 0.0131363
0.6 0.0166684 0.0164042
0.7 0.0223641 0.0218508
0.8 0.0358701 0.0327439
0.9 0.0795839 0.0654236
EOD

# series 14 (plot 2), 'gamma 0.0039'
$s14 << EOD
x simulated theory
0.2 0.00164276 0.00163655
0.3 0.00187758 0.00186998
0.4 0.00219522 0.00218122
0.5 0.00264611 0.00261694
0.6 0.0033193 0.00327054
0.7 0.00447283 0.00435986
0.8 0.00687864 0.00653851
0.9 0.0159677 0.0130745
EOD

# series 15 (plot 3), 'beta_c estimated from y at beta_c / 2'
$s15 << EOD
x simulated theory
0.501961 1.15535 1
0.101961 1.01137 1
0.0196078 0.985316 1
0.00392157 0.989087 1
EOD

# series 16 (plot 3), 'L midpoint, searching start'
$s16 << EOD
x simulated theory
0.501961 0.879526 1
0.101961 1.04007 1
0.0196078 1.07002 1
0.00392157 1.12 1
EOD

# series 17 (plot 3), 'L midpoint, loyal start'
$s17 << EOD
x simulated theory
0.501961 0.879595 0.915215
0.101961 1.03158 0.915215
0.0196078 1.00971 0.915215
0.00392157 0.996943 0.915215
EOD

do for [format in "svg png"] {
  if (format eq "svg") {
    set terminal svg size 1000,1400 dynamic noenhanced font "Sans,12" background "white"
  } else {
    set terminal pngcairo size 1000,1400 noenhanced font "Sans,11" background "white"
  }
  set output 'wkh-loyalty'.'.'.format
  set multiplot layout 3,1 title title font ",14"
  set lmargin at screen 0.09
  set rmargin at screen 0.53
  set key at screen 0.55, graph 0.5 left center vertical Left reverse samplen 3
  set grid lc rgb "#dddddd"
  set border lw 1.2
  # the data's own range, a margin so no point sits on the border
  set autoscale fix
  set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05

  # plot 1
  set title 'loyalty against choice intensity (lines: mean field)'
  set xlabel 'beta / beta_c'
  set ylabel 'loyalty index L = sum P^2'
  unset logscale x
  unset logscale y
  plot $s1 using "x":"simulated" with points ps 0.8 pt 7 lc 1 title 'searching start, gamma 0.5'.', simulated', \
       $s2 using "x":"simulated" with points ps 0.8 pt 5 lc 1 title 'loyal start, gamma 0.5'.', simulated', \
       $s3 using "x":"simulated" with points ps 0.8 pt 7 lc 2 title 'searching start, gamma 0.1'.', simulated', \
       $s4 using "x":"simulated" with points ps 0.8 pt 5 lc 2 title 'loyal start, gamma 0.1'.', simulated', \
       $s5 using "x":"simulated" with points ps 0.8 pt 7 lc 3 title 'searching start, gamma 0.02'.', simulated', \
       $s6 using "x":"simulated" with points ps 0.8 pt 5 lc 3 title 'loyal start, gamma 0.02'.', simulated', \
       $s7 using "x":"simulated" with points ps 0.8 pt 7 lc 4 title 'searching start, gamma 0.0039'.', simulated', \
       $s8 using "x":"simulated" with points ps 0.8 pt 5 lc 4 title 'loyal start, gamma 0.0039'.', simulated', \
       $s9 using "x":"theory" with lines lw 2 lc 5 title 'mean field, searching branch'.', theory', \
       $s10 using "x":"theory" with lines lw 2 lc 6 title 'mean field, loyal branch'.', theory'

  # plot 2
  set title 'searching state (lines: linear noise)'
  set xlabel 'beta / beta_c'
  set ylabel 'y - 1/n'
  unset logscale x
  set logscale y
  plot $s11 using "x":"simulated" with points ps 0.8 pt 7 lc 1 title 'gamma 0.5'.', simulated', \
       $s11 using "x":"theory" with lines lw 2 lc 1 title 'gamma 0.5'.', theory', \
       $s12 using "x":"simulated" with points ps 0.8 pt 5 lc 2 title 'gamma 0.1'.', simulated', \
       $s12 using "x":"theory" with lines lw 2 lc 2 title 'gamma 0.1'.', theory', \
       $s13 using "x":"simulated" with points ps 0.8 pt 9 lc 3 title 'gamma 0.02'.', simulated', \
       $s13 using "x":"theory" with lines lw 2 lc 3 title 'gamma 0.02'.', theory', \
       $s14 using "x":"simulated" with points ps 0.8 pt 13 lc 4 title 'gamma 0.0039'.', simulated', \
       $s14 using "x":"theory" with lines lw 2 lc 4 title 'gamma 0.0039'.', theory'

  # plot 3
  set title 'transition points against gamma'
  set xlabel 'forgetting rate gamma (pi = gamma)'
  set ylabel 'beta / beta_c'
  set logscale x
  unset logscale y
  plot $s15 using "x":"simulated" with points ps 0.8 pt 7 lc 1 title 'beta_c estimated from y at beta_c / 2'.', simulated', \
       $s15 using "x":"theory" with lines lw 2 lc 1 title 'beta_c estimated from y at beta_c / 2'.', theory', \
       $s16 using "x":"simulated" with points ps 0.8 pt 5 lc 2 title 'L midpoint, searching start'.', simulated', \
       $s16 using "x":"theory" with lines lw 2 lc 2 title 'L midpoint, searching start'.', theory', \
       $s17 using "x":"simulated" with points ps 0.8 pt 9 lc 3 title 'L midpoint, loyal start'.', simulated', \
       $s17 using "x":"theory" with lines lw 2 lc 3 title 'L midpoint, loyal start'.', theory'
  unset multiplot
  unset output
}
