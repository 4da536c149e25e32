# wkh-loyalty.gp — written by mishi 0.1.0 (`mishi validate`).
# Run `gnuplot wkh-loyalty.gp` in this folder: it draws the .svg and
# .png of the same name from the curves below (copied from
# curves.csv). Edit it freely; the data files are not touched.

# NA cells (no value) read as NaN: treat them as missing
set datafile missing NaN

title = 'wkh-loyalty'.': '.'buyer loyalty of Weisbuch, Kirman & Herreiner (2000)'

# series 1 (plot 1), 'searching start, gamma 0.5': x, simulated, theory
$s1 << EOD
0.2 0.335801 0.333333
0.3 0.33921 0.333333
0.4 0.344433 0.333333
0.5 0.351739 0.333333
0.6 0.361398 0.333333
0.7 0.373604 0.333333
0.8 0.38859 0.333333
0.9 0.406653 0.333333
1 0.428029 0.675462
1.1 0.452308 0.788873
1.2 0.480275 0.856221
1.4 0.542511 0.929156
1.6 0.609586 0.963675
EOD

# series 2 (plot 1), 'loyal start, gamma 0.5': x, simulated, theory
$s2 << EOD
0.8 0.388594 0.333333
0.9 0.406639 0.333333
1 0.428028 0.675462
1.1 0.452251 0.788873
1.2 0.480297 0.856221
1.4 0.542498 0.929156
1.6 0.609798 0.963675
EOD

# series 3 (plot 1), 'searching start, gamma 0.1': x, simulated, theory
$s3 << EOD
0.2 0.334751 0.333333
0.3 0.336929 0.333333
0.4 0.340636 0.333333
0.5 0.346616 0.333333
0.6 0.356094 0.333333
0.7 0.371496 0.333333
0.8 0.398189 0.333333
0.9 0.441537 0.333333
1 0.510501 0.675462
1.1 0.604946 0.788873
1.2 0.712171 0.856221
1.4 0.862792 0.929156
1.6 0.932718 0.963675
EOD

# series 4 (plot 1), 'loyal start, gamma 0.1': x, simulated, theory
$s4 << EOD
0.8 0.397736 0.333333
0.9 0.441825 0.333333
1 0.514146 0.675462
1.1 0.615575 0.788873
1.2 0.720999 0.856221
1.4 0.865662 0.929156
1.6 0.932765 0.963675
EOD

# series 5 (plot 1), 'searching start, gamma 0.02': x, simulated, theory
$s5 << EOD
0.2 0.333653 0.333333
0.3 0.334153 0.333333
0.4 0.335031 0.333333
0.5 0.336505 0.333333
0.6 0.339058 0.333333
0.7 0.34372 0.333333
0.8 0.354737 0.333333
0.9 0.390822 0.333333
1 0.511919 0.675462
1.1 0.684902 0.788873
1.2 0.811639 0.856221
1.4 0.919331 0.929156
1.6 0.959237 0.963675
EOD

# series 6 (plot 1), 'loyal start, gamma 0.02': x, simulated, theory
$s6 << EOD
0.8 0.35944 0.333333
0.9 0.436901 0.333333
1 0.618405 0.675462
1.1 0.760469 0.788873
1.2 0.839219 0.856221
1.4 0.92139 0.929156
1.6 0.959374 0.963675
EOD

# series 7 (plot 1), 'searching start, gamma 0.0039': x, simulated, theory
$s7 << EOD
0.2 0.333398 0.333333
0.3 0.333501 0.333333
0.4 0.333681 0.333333
0.5 0.333988 0.333333
0.6 0.334513 0.333333
0.7 0.335503 0.333333
0.8 0.337731 0.333333
0.9 0.346589 0.333333
1 0.419546 0.675462
1.1 0.621659 0.788873
1.2 0.796456 0.856221
1.4 0.924241 0.929156
1.6 0.962563 0.963675
EOD

# series 8 (plot 1), 'loyal start, gamma 0.0039': x, simulated, theory
$s8 << EOD
0.8 0.345442 0.333333
0.9 0.458499 0.333333
1 0.666992 0.675462
1.1 0.783614 0.788873
1.2 0.853211 0.856221
1.4 0.927787 0.929156
1.6 0.962799 0.963675
EOD

# series 9 (plot 2), 'gamma 0.5': x, simulated, theory
$s9 << EOD
0.2 0.238706 0.261694
0.3 0.247917 0.289973
0.4 0.258884 0.328306
0.5 0.270741 0.382661
0.6 0.283308 0.464981
0.7 0.29643 0.603148
0.8 0.31041 0.880815
0.9 0.325811 1.71628
EOD

# series 10 (plot 2), 'gamma 0.1': x, simulated, theory
$s10 << EOD
0.2 0.0433556 0.04429
0.3 0.0484797 0.0503495
0.4 0.0549032 0.0584322
0.5 0.063276 0.0697518
0.6 0.0745692 0.0867361
0.7 0.0911188 0.115049
0.8 0.118461 0.171685
0.9 0.159212 0.341611
EOD

# series 11 (plot 2), 'gamma 0.02': x, simulated, theory
$s11 << EOD
0.2 0.00829839 0.00823452
0.3 0.00943065 0.00940159
0.4 0.0109542 0.0109577
0.5 0.0130458 0.0131363
0.6 0.0162204 0.0164042
0.7 0.0213396 0.0218508
0.8 0.0327417 0.0327439
0.9 0.0672602 0.0654236
EOD

# series 12 (plot 2), 'gamma 0.0039': x, simulated, theory
$s12 << EOD
0.2 0.00163918 0.00163655
0.3 0.00187189 0.00186998
0.4 0.00218706 0.00218122
0.5 0.00263014 0.00261694
0.6 0.00328776 0.00327054
0.7 0.00441507 0.00435986
0.8 0.00674919 0.00653851
0.9 0.0152103 0.0130745
EOD

# series 13 (plot 3), 'estimate from y at beta_c / 2': x, simulated, theory
$s13 << EOD
0.501961 2.12601 1
0.101961 1.1178 1
0.0196078 1.00702 1
0.00392157 0.995002 1
EOD

do for [format in "svg png"] {
  if (format eq "svg") {
    set terminal svg size 1000,1400 dynamic noenhanced font "Sans,12" background "white"
  } else {
    set terminal pngcairo size 1000,1400 noenhanced font "Sans,11" background "white"
  }
  set output 'wkh-loyalty'.'.'.format
  set multiplot layout 3,1 title title font ",14"
  set key outside right center vertical Left reverse samplen 3
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
  plot $s1 using 1:2 with points pt 7 ps 0.8 lc 1 title 'searching start, gamma 0.5'.', simulated', \
       $s1 using 1:3 with lines lw 2 lc 1 title 'searching start, gamma 0.5'.', theory', \
       $s2 using 1:2 with points pt 7 ps 0.8 lc 2 title 'loyal start, gamma 0.5'.', simulated', \
       $s2 using 1:3 with lines lw 2 lc 2 title 'loyal start, gamma 0.5'.', theory', \
       $s3 using 1:2 with points pt 7 ps 0.8 lc 3 title 'searching start, gamma 0.1'.', simulated', \
       $s3 using 1:3 with lines lw 2 lc 3 title 'searching start, gamma 0.1'.', theory', \
       $s4 using 1:2 with points pt 7 ps 0.8 lc 4 title 'loyal start, gamma 0.1'.', simulated', \
       $s4 using 1:3 with lines lw 2 lc 4 title 'loyal start, gamma 0.1'.', theory', \
       $s5 using 1:2 with points pt 7 ps 0.8 lc 5 title 'searching start, gamma 0.02'.', simulated', \
       $s5 using 1:3 with lines lw 2 lc 5 title 'searching start, gamma 0.02'.', theory', \
       $s6 using 1:2 with points pt 7 ps 0.8 lc 6 title 'loyal start, gamma 0.02'.', simulated', \
       $s6 using 1:3 with lines lw 2 lc 6 title 'loyal start, gamma 0.02'.', theory', \
       $s7 using 1:2 with points pt 7 ps 0.8 lc 7 title 'searching start, gamma 0.0039'.', simulated', \
       $s7 using 1:3 with lines lw 2 lc 7 title 'searching start, gamma 0.0039'.', theory', \
       $s8 using 1:2 with points pt 7 ps 0.8 lc 8 title 'loyal start, gamma 0.0039'.', simulated', \
       $s8 using 1:3 with lines lw 2 lc 8 title 'loyal start, gamma 0.0039'.', theory'

  # plot 2
  set title 'searching state (lines: linear noise)'
  set xlabel 'beta / beta_c'
  set ylabel 'y - 1/n'
  unset logscale x
  plot $s9 using 1:2 with points pt 7 ps 0.8 lc 1 title 'gamma 0.5'.', simulated', \
       $s9 using 1:3 with lines lw 2 lc 1 title 'gamma 0.5'.', theory', \
       $s10 using 1:2 with points pt 7 ps 0.8 lc 2 title 'gamma 0.1'.', simulated', \
       $s10 using 1:3 with lines lw 2 lc 2 title 'gamma 0.1'.', theory', \
       $s11 using 1:2 with points pt 7 ps 0.8 lc 3 title 'gamma 0.02'.', simulated', \
       $s11 using 1:3 with lines lw 2 lc 3 title 'gamma 0.02'.', theory', \
       $s12 using 1:2 with points pt 7 ps 0.8 lc 4 title 'gamma 0.0039'.', simulated', \
       $s12 using 1:3 with lines lw 2 lc 4 title 'gamma 0.0039'.', theory'

  # plot 3
  set title 'where the searching state loses stability'
  set xlabel 'gamma (pi / gamma fixed)'
  set ylabel 'estimated beta_c / beta_c'
  set logscale x
  plot $s13 using 1:2 with points pt 7 ps 0.8 lc 1 title 'estimate from y at beta_c / 2'.', simulated', \
       $s13 using 1:3 with lines lw 2 lc 1 title 'estimate from y at beta_c / 2'.', theory'
  unset multiplot
  unset output
}
